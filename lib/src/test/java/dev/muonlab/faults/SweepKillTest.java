package dev.muonlab.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.muonlab.io.FaultPoints;
import dev.muonlab.progress.ProgressListener;
import dev.muonlab.sweep.ArithmeticStudy;
import dev.muonlab.sweep.LocalExecutor;
import dev.muonlab.sweep.RunSpec;
import dev.muonlab.sweep.RunStore;
import dev.muonlab.sweep.Sweep;
import dev.muonlab.sweep.SweepPreset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * A sweep process killed while it stores results (at exact points inside each file's write, before
 * the folder's rename, between deleting a damaged result and moving its replacement in, and by
 * seeded SIGKILLs), then resumed: the finished sweep's table and curves must equal an uninterrupted
 * sweep's, and every stored result must verify.
 */
class SweepKillTest {

    @Test
    void aKilledSweepResumesToTheUninterruptedResults(@TempDir Path tmp) throws Exception {
        long t0 = System.nanoTime();
        ArithmeticStudy study = new ArithmeticStudy(SweepChild.RUNS);
        List<RunSpec> specs = study.specs(SweepPreset.SMOKE);
        RunStore reference = new RunStore(tmp.resolve("reference"), w -> { });
        Table expected = Sweep.run(study, SweepPreset.SMOKE, reference, new LocalExecutor(1), ProgressListener.NONE).results();
        Table expectedCurves = Sweep.curves(specs, reference);

        List<String> kills = new ArrayList<>(List.of("write:spec.properties.tmp#3", "write:metrics.properties.tmp#2",
                "write:manifest.properties#4", "sweep:before-move#5", "sweep:between-delete-and-move#1"));
        Random random = new Random(5);
        for (int i = 0; i < 3; i++) {
            kills.add("SIGKILL@" + (200 + random.nextInt(1500)));
        }
        Tally tally = new Tally("sweep-kills");
        for (int i = 0; i < kills.size(); i++) {
            String k = kills.get(i);
            Path root = tmp.resolve("kill" + i);
            if (k.startsWith("sweep:between")) {                      // a damaged stored result being replaced
                Folders.copy(tmp.resolve("reference"), root);
                Path metrics = reference.folder(specs.get(0)).resolve("metrics.properties");
                Path damaged = root.resolve(tmp.resolve("reference").relativize(metrics));
                Files.write(damaged, new byte[(int) Files.size(damaged)]);
            }
            Path log = tmp.resolve("kill" + i + ".log");
            boolean sigkill = k.startsWith("SIGKILL@");
            Process p = Cli.startMain(SweepChild.class.getName(), sigkill ? null : k, log, root.toString());
            if (sigkill) {
                Thread.sleep(Long.parseLong(k.substring(8)));
                p.destroyForcibly();
            }
            p.waitFor(120, TimeUnit.SECONDS);
            if (p.exitValue() == 0) {
                if (sigkill) {
                    tally.missed(k);
                } else {
                    tally.lost(k, "fault point never reached: " + Files.readString(log));
                }
                continue;
            }
            if (!sigkill && p.exitValue() != FaultPoints.EXIT_STATUS) {
                tally.lost(k, "exit " + p.exitValue() + ": " + Files.readString(log));
                continue;
            }
            List<String> warnings = new ArrayList<>();
            RunStore store = new RunStore(root, warnings::add);
            Table after = Sweep.run(study, SweepPreset.SMOKE, store, new LocalExecutor(2), ProgressListener.NONE).results();
            boolean allVerify = specs.stream().allMatch(s -> new RunStore(root, w -> { }).has(s));
            if (after.toString().equals(expected.toString())
                    && Sweep.curves(specs, store).toString().equals(expectedCurves.toString()) && allVerify) {
                tally.recovered(k, "resumed" + (warnings.isEmpty() ? "" : " after: " + warnings.get(0)));
            } else {
                tally.lost(k, "the resumed sweep differs: " + after);
            }
        }
        String summary = tally.write((System.nanoTime() - t0) / 1_000_000);
        assertEquals(List.of(), tally.lost(), summary);
        assertEquals(tally.injected(), tally.recovered(), summary);
        assertTrue(tally.recovered() >= 5, summary);                  // every exact point was reached and recovered
    }
}
