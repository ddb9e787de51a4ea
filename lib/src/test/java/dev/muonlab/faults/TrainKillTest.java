package dev.muonlab.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.muonlab.io.FaultPoints;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code muonlab train} process, killed at a seeded schedule of points, then continued as
 * its user would ({@code --resume}, or a fresh start where the refusal says the run had no
 * checkpoint yet): every such run must end with the final bits of the same run left alone, also a
 * separate process (parameters and optimizer state, byte for byte), the same {@code metrics.csv}
 * (every column but the two wall-clock ones, tokens_per_s and elapsed_s) and the same
 * {@code parameters.csv}, and no leftover temporary files.
 *
 * <p>Two kinds of kill: the process halts itself at a named {@link FaultPoints fault point}
 * (half-way through writing a checkpoint file, the manifest, metrics.csv, or between the
 * checkpoint's two renames), which reaches places a timed signal would hit only by luck; and a
 * real SIGKILL ({@link Process#destroyForcibly}) a seeded number of milliseconds into training.
 * The run: the tiny preset, 12 steps, evaluation every 2, checkpoints every 4 (and at the end).
 */
class TrainKillTest extends RestoresNativeThreads {

    static final String[] RUN = {"train", "--config", "tiny", "--steps", "12", "--checkpoint-interval", "4",
            "--eval-interval", "2", "--eval-batches", "1", "--threads", "1", "--sample", "0", "--no-final-eval",
            "--seed", "5"};

    /** Halts at exact points: {@code NAME#n} is the n-th time the point is reached. */
    static final List<String> FAULT_POINTS = List.of(
            "write:config.properties.tmp#1",           // before the run starts
            "write:environment.properties.tmp#1",
            "write:metrics.csv.tmp#2",                 // metrics.csv at step 4, just before the first checkpoint
            "write:metrics.csv.tmp#5",                 // metrics.csv at step 10
            "write:parameters.csv.tmp#3",
            "write:transformer.wte.weight.npy#1",      // inside the first checkpoint (step 4)
            "write:transformer.wte.weight.npy#2",      // inside the second (step 8)
            "write:transformer.wte.weight.npy#3",      // inside the last, at the end
            "write:p3.exp_avg.npy#2",                  // the optimizer state of step 8
            "write:metrics.csv#2",                     // the checkpoint's copy of the log
            "write:state.properties#1",
            "manifest:checkpoint.tmp#2",               // everything written but the manifest
            "write:manifest.properties#2",             // half a manifest
            "checkpoint:between-renames#1",            // first checkpoint: only checkpoint.tmp
            "checkpoint:between-renames#2",            // checkpoint.old and checkpoint.tmp, no checkpoint/
            "checkpoint:before-deleting-old#2");
    /** Real SIGKILLs: once the progress bar shows a seeded step, after a seeded delay of 0 to 60 ms. */
    static final int SIGKILLS = 6;
    static final long SEED = 2026_12_04L;


    record Kill(String faultPoint, int afterStep, long delayMs) {
        String label() {
            return faultPoint != null ? "halt at " + faultPoint
                    : "SIGKILL " + delayMs + " ms after the progress bar shows step " + afterStep;
        }
    }

    static String[] run(Path out) {
        return Cli.withOut(RUN, out);
    }

    @Test
    void everyKilledRunResumesToTheUninterruptedBits(@TempDir Path tmp) throws Exception {
        long t0 = System.nanoTime();
        Path reference = tmp.resolve("reference");
        Process ref = Cli.start(null, tmp.resolve("reference.log"), run(reference));
        assertEquals(0, ref.waitFor(), () -> "the uninterrupted run: " + read(tmp.resolve("reference.log")));

        List<Kill> schedule = new ArrayList<>();
        FAULT_POINTS.forEach(p -> schedule.add(new Kill(p, 0, 0)));
        Random random = new Random(SEED);
        for (int i = 0; i < SIGKILLS; i++) {
            schedule.add(new Kill(null, 1 + random.nextInt(11), random.nextInt(60)));
        }
        Tally tally = new Tally("train-kills");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<String[]>> killed = new ArrayList<>();
            for (int i = 0; i < schedule.size(); i++) {
                Kill k = schedule.get(i);
                Path dir = tmp.resolve("kill" + i);
                killed.add(pool.submit(() -> kill(k, dir)));
            }
            for (int i = 0; i < schedule.size(); i++) {
                String[] outcome = killed.get(i).get(120, TimeUnit.SECONDS);
                String fault = schedule.get(i).label();
                switch (outcome[0]) {
                    case "missed" -> tally.missed(fault);
                    case "lost" -> tally.lost(fault, outcome[1]);
                    default -> recover(fault, tmp.resolve("kill" + i), reference, tally);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        String summary = tally.write((System.nanoTime() - t0) / 1_000_000);
        assertEquals(List.of(), tally.lost(), summary);
        assertTrue(tally.injected() >= FAULT_POINTS.size() + 2, "every fault point and most SIGKILLs land: " + summary);
        assertTrue(tally.injected() >= 20, summary);
    }

    /** @return {"killed"}, {"missed"} when the run ended first, or {"lost", why} */
    private static String[] kill(Kill k, Path dir) throws IOException, InterruptedException {
        Path log = Files.createDirectories(dir.getParent()).resolve(dir.getFileName() + ".log");
        Process p = Cli.start(k.faultPoint(), log, run(dir));
        if (k.faultPoint() == null) {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (shownStep(log) < k.afterStep() && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
            Thread.sleep(k.delayMs());
            p.destroyForcibly();                                   // SIGKILL on Linux
        }
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new String[]{"lost", "the process hung"};
        }
        int exit = p.exitValue();
        if (exit == 0) {
            return k.faultPoint() == null ? new String[]{"missed"}
                    : new String[]{"lost", "fault point " + k.faultPoint() + " was never reached"};
        }
        return exit == FaultPoints.EXIT_STATUS ? new String[]{"killed"}
                : new String[]{"lost", "exit " + exit + ": " + read(log)};
    }

    private static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** @return the highest step the progress bar in {@code log} shows, 0 before the first */
    private static int shownStep(Path log) throws IOException {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\] (\\d+)/12 ")
                .matcher(Files.readString(log, StandardCharsets.ISO_8859_1));
        int step = 0;
        while (m.find()) {
            step = Math.max(step, Integer.parseInt(m.group(1)));
        }
        return step;
    }

    /** Continues the run as the user is told to, then compares it with the uninterrupted one. */
    private static void recover(String fault, Path dir, Path reference, Tally tally) throws IOException {
        Cli.Result r = Cli.inProcess("train", "--resume", "--out", dir.toString(), "--steps", "12",
                "--threads", "1", "--sample", "0", "--no-final-eval");
        String how = "resumed";
        if (r.exit() == 2 && r.err().contains("start the run again without --resume") && !r.showsStackTrace()) {
            how = "restarted as told (" + r.err().trim() + ")";
            r = Cli.inProcess(run(dir));
        }
        if (r.exit() != 0) {
            tally.lost(fault, how + ", then exit " + r.exit() + ": " + r.err());
            return;
        }
        String difference = compare(reference, dir);
        if (difference == null) {
            tally.recovered(fault, how + "; final bits and logs equal");
        } else {
            tally.lost(fault, how + "; " + difference);
        }
    }

    /** @return the first difference from the reference run folder, or null */
    static String compare(Path reference, Path dir) throws IOException {
        Map<String, byte[]> a = Folders.snapshot(reference);
        Map<String, byte[]> b = Folders.snapshot(dir);
        if (!a.keySet().equals(b.keySet())) {
            return "files " + b.keySet() + ", expected " + a.keySet();
        }
        for (String name : a.keySet()) {
            if (name.endsWith(".npy") || name.endsWith("parameters.csv")) {
                if (!Arrays.equals(a.get(name), b.get(name))) {
                    return name + " differs";
                }
            } else if (name.endsWith("metrics.csv")) {
                String[] x = new String(a.get(name), StandardCharsets.UTF_8).split("\n");
                String[] y = new String(b.get(name), StandardCharsets.UTF_8).split("\n");
                if (x.length != y.length) {
                    return name + " has " + y.length + " lines, expected " + x.length;
                }
                for (int i = 0; i < x.length; i++) {
                    if (!withoutClock(x[i]).equals(withoutClock(y[i]))) {
                        return name + " line " + (i + 1) + " is " + y[i] + ", expected " + x[i];
                    }
                }
            }
        }
        return null;
    }

    /**
     * @return a metrics.csv line without its wall-clock columns, tokens_per_s and elapsed_s (the 6th and
     *         7th; the attention-logit columns after them are arithmetic and stay)
     */
    private static String withoutClock(String line) {
        String[] f = line.split(",", -1);
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < f.length; i++) {
            if (i != 5 && i != 6) {
                kept.add(f[i]);
            }
        }
        return String.join(",", kept);
    }
}
