package dev.muonlab.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.muonlab.experiments.ResultStore;
import dev.muonlab.experiments.StudyResult;
import dev.muonlab.experiments.mf.MatrixFactorizationStudy;
import dev.muonlab.experiments.mf.MfStudyConfig;
import dev.muonlab.faults.Folders.Damage;
import dev.muonlab.io.FaultPoints;
import dev.muonlab.io.Manifest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * The verify-or-recompute discipline of {@link ResultStore} under the same faults as a training
 * run: a sweep process killed while it saves (at fault points and by SIGKILL), and every file of a
 * saved result truncated, zeroed, bit-flipped and deleted. Afterwards the study must either
 * reload a result equal to a fresh computation or recompute it, with a warning naming the file
 * whenever a saved result was set aside; a damaged result must never load.
 */
class ResultStoreFaultTest {

    static final List<String> TABLES = List.of("curves", "summary", "modes");

    @Test
    void everyDamagedFileIsRecomputedWithAWarningNamingIt(@TempDir Path tmp) throws IOException {
        long t0 = System.nanoTime();
        MfStudyConfig config = ResultStoreChild.config();
        StudyResult<MfStudyConfig> fresh = MatrixFactorizationStudy.run(config);
        Path good = tmp.resolve("good");
        Path folder = ResultStore.save(good, config, fresh.tables());
        List<String> files = new ArrayList<>(Folders.snapshot(folder).keySet());
        assertEquals(2 * TABLES.size() + 2, files.size(), "tables, types, config.txt, manifest: " + files);
        Tally tally = new Tally("result-store-corruption");
        Random random = new Random(7);
        int n = 0;
        for (String file : files) {
            for (Damage how : Damage.values()) {
                Path study = tmp.resolve("case" + n++);
                Folders.copy(good, study);
                Folders.damage(ResultStore.folderFor(study, config).resolve(file), how, random);
                List<String> warnings = new ArrayList<>();
                boolean loaded = ResultStore.load(study, config, warnings::add, TABLES.toArray(String[]::new)).isPresent();
                String[] err = new String[1];
                StudyResult<MfStudyConfig> again = captureErr(err, () -> MatrixFactorizationStudy.cached(study, config,
                        () -> MatrixFactorizationStudy.run(config)));
                String fault = how + " " + file;
                if (!loaded && warnings.size() == 1 && warnings.get(0).contains(file) && !again.loaded()
                        && err[0].contains(file) && sameTables(fresh.tables(), again.tables()) && verifies(study, config)) {
                    tally.recovered(fault, "recomputed after: " + warnings.get(0));
                } else {
                    tally.lost(fault, "loaded " + loaded + ", warnings " + warnings + ", stderr " + err[0]);
                }
            }
        }
        String summary = tally.write((System.nanoTime() - t0) / 1_000_000);
        assertEquals(List.of(), tally.lost(), summary);
        assertEquals(files.size() * Damage.values().length, tally.recovered(), summary);
    }

    @Test
    void aSweepKilledWhileSavingNeverLeavesAResultThatLoadsWrong(@TempDir Path tmp) throws Exception {
        long t0 = System.nanoTime();
        MfStudyConfig config = ResultStoreChild.config();
        StudyResult<MfStudyConfig> fresh = MatrixFactorizationStudy.run(config);
        Path good = tmp.resolve("good");
        ResultStore.save(good, config, fresh.tables());
        List<String> kills = new ArrayList<>(List.of("write:curves.csv#1", "write:summary.types#1", "write:config.txt#1",
                "results:before-manifest", "write:manifest.properties#1", "results:between-delete-and-move"));
        Random random = new Random(11);
        for (int i = 0; i < 2; i++) {
            kills.add("SIGKILL@" + (300 + random.nextInt(3000)));     // ms after the start: start-up or the sweep
        }
        Tally tally = new Tally("result-store-kills");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Process>> processes = new ArrayList<>();
        try {
            for (int i = 0; i < kills.size(); i++) {
                String k = kills.get(i);
                Path study = tmp.resolve("kill" + i);
                if (k.startsWith("results:between")) {               // a damaged result being replaced
                    Folders.copy(good, study);
                    Folders.damage(ResultStore.folderFor(study, config).resolve("curves.csv"), Damage.BIT_FLIP, random);
                }
                Path log = tmp.resolve("kill" + i + ".log");
                processes.add(pool.submit(() -> {
                    boolean sigkill = k.startsWith("SIGKILL@");
                    Process p = Cli.startMain(ResultStoreChild.class.getName(), sigkill ? null : k, log, study.toString());
                    if (sigkill) {
                        Thread.sleep(Long.parseLong(k.substring(8)));
                        p.destroyForcibly();
                    }
                    p.waitFor(120, TimeUnit.SECONDS);
                    return p;
                }));
            }
        } finally {
            pool.shutdown();
        }
        for (int i = 0; i < kills.size(); i++) {
            String k = kills.get(i);
            Path study = tmp.resolve("kill" + i);
            Path log = tmp.resolve("kill" + i + ".log");
            Process p = processes.get(i).get(180, TimeUnit.SECONDS);
            assertTrue(!p.isAlive(), k);
            if (p.exitValue() == 0) {
                if (k.startsWith("SIGKILL@")) {
                    tally.missed(k);
                } else {
                    tally.lost(k, "fault point never reached: " + Files.readString(log));
                }
                continue;
            }
            if (p.exitValue() != FaultPoints.EXIT_STATUS) {
                tally.lost(k, "exit " + p.exitValue() + ": " + Files.readString(log));
                continue;
            }
            List<String> warnings = new ArrayList<>();
            Map<String, Table> loaded = ResultStore.load(study, config, warnings::add, TABLES.toArray(String[]::new))
                    .orElse(null);
            String[] err = new String[1];
            StudyResult<MfStudyConfig> after = captureErr(err, () -> MatrixFactorizationStudy.cached(study, config,
                    () -> MatrixFactorizationStudy.run(config)));
            if (loaded != null && !sameTables(fresh.tables(), loaded)) {
                tally.lost(k, "a half-saved result loaded");
            } else if (sameTables(fresh.tables(), after.tables()) && verifies(study, config)) {
                tally.recovered(k, (loaded != null ? "the saved result verified and loaded" : "recomputed")
                        + (warnings.isEmpty() ? "" : " after: " + warnings.get(0)));
            } else {
                tally.lost(k, "the study's result differs after the kill");
            }
        }
        String summary = tally.write((System.nanoTime() - t0) / 1_000_000);
        assertEquals(List.of(), tally.lost(), summary);
        assertTrue(tally.injected() >= 6, summary);
    }

    private static boolean verifies(Path study, MfStudyConfig config) {
        try {
            Manifest.verify(ResultStore.folderFor(study, config));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** @return whether both hold the same tables, compared as the CSV text the store writes */
    static boolean sameTables(Map<String, Table> a, Map<String, Table> b) {
        for (String name : TABLES) {
            if (!csv(a.get(name)).equals(csv(b.get(name)))) {
                return false;
            }
        }
        return true;
    }

    private static String csv(Table t) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        t.write().csv(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static <T> T captureErr(String[] err, java.util.function.Supplier<T> body) {
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            return body.get();
        } finally {
            System.setErr(old);
            err[0] = buf.toString(StandardCharsets.UTF_8);
        }
    }
}
