package dev.muonlab.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that fills up while the run checkpoints: a 600 KiB tmpfs holds the tiny model's run
 * folder and one checkpoint (about 400 KiB with its optimizer state) but not a second one beside
 * it. The run must stop with one sentence saying so and naming the last good checkpoint, which
 * must then verify: after the disk grows, {@code --resume} ends with the same bits as a run on a
 * roomy disk. Needs root (or CAP_SYS_ADMIN) to mount a tmpfs; skipped with the reason elsewhere.
 */
class FullDiskTest extends RestoresNativeThreads {

    static final String[] RUN = {"train", "--config", "tiny", "--steps", "8", "--checkpoint-interval", "2",
            "--eval-interval", "2", "--eval-batches", "1", "--threads", "1", "--sample", "0", "--no-final-eval",
            "--seed", "9"};

    static String[] run(Path out) {
        return Cli.withOut(RUN, out);
    }

    @Test
    void aFullDiskStopsTheRunWithItsLastGoodCheckpointIntact(@TempDir Path tmp) throws Exception {
        Path mount = Files.createDirectories(tmp.resolve("small-disk"));
        String why = sh("mount", "-t", "tmpfs", "-o", "size=600k", "tmpfs", mount.toString());
        assumeTrue(why == null, () -> "no small filesystem can be mounted here (needs root or CAP_SYS_ADMIN): " + why);
        try {
            Path reference = tmp.resolve("reference");
            assertEquals(0, Cli.inProcess(run(reference)).exit());

            Path out = mount.resolve("run");
            Cli.Result full = Cli.inProcess(run(out));
            String[] lines = full.err().trim().split("[\r\n]+");
            String last = lines[lines.length - 1];
            assertEquals(2, full.exit(), full.err());
            assertFalse(full.showsStackTrace(), full.err());
            assertTrue(last.startsWith("train: stopped at step ") && last.contains("No space left on device")
                    && last.contains("the last good checkpoint, of step ") && last.contains("is intact in checkpoint/"),
                    last);
            int good = Integer.parseInt(last.replaceAll(".*the last good checkpoint, of step (\\d+),.*", "$1"));
            assertTrue(good >= 2 && good < 8, last);
            assertFalse(Files.exists(out.resolve("checkpoint.tmp")), "the failed save's space is given back");

            assertNull(sh("mount", "-o", "remount,size=16m", mount.toString()), "the disk grows");
            Cli.Result resumed = Cli.inProcess("train", "--resume", "--out", out.toString(), "--steps", "8",
                    "--threads", "1", "--sample", "0", "--no-final-eval");
            assertEquals(0, resumed.exit(), resumed.err());
            assertTrue(resumed.out().contains("from step " + good + " "), resumed.out());
            assertNull(TrainKillTest.compare(reference, out), "resumed from the intact checkpoint, same bits");
        } finally {
            sh("umount", mount.toString());
        }
    }

    /** @return null when the command succeeds, else what it printed */
    private static String sh(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(cmd)).redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return String.join(" ", cmd) + " hung";
        }
        String out = new String(p.getInputStream().readAllBytes());
        return p.exitValue() == 0 ? null : String.join(" ", cmd) + ": exit " + p.exitValue() + " " + out.trim();
    }
}
