package dev.muonlab.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.muonlab.faults.Folders.Damage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of file a resume reads, truncated, zeroed, bit-flipped and deleted in turn: the
 * resume must refuse with one sentence on stderr naming the file, show no stack trace, and leave
 * the run folder byte for byte as it was; or, where the file is not needed to continue exactly
 * (a deleted environment.properties only feeds the bit-identity warning), resume normally.
 */
class RunFolderCorruptionTest extends RestoresNativeThreads {

    /** The files of an 8-step tiny run with checkpoints every 4 steps, one of each kind. */
    static final List<String> FILES = List.of("config.properties", "environment.properties", "metrics.csv",
            "parameters.csv", "checkpoint/manifest.properties", "checkpoint/state.properties",
            "checkpoint/config.properties", "checkpoint/metrics.csv", "checkpoint/parameters.csv",
            "checkpoint/params/transformer.h.0.attn.c_attn.weight.npy", "checkpoint/optimizer/optimizer.properties",
            "checkpoint/optimizer/p0.exp_avg.npy");

    static final String[] TRAIN = {"train", "--config", "tiny", "--steps", "8", "--checkpoint-interval", "4",
            "--eval-interval", "2", "--eval-batches", "1", "--threads", "1", "--sample", "0", "--no-final-eval", "--seed", "7"};


    static Cli.Result resume(Path dir, int steps) {
        return Cli.inProcess("train", "--resume", "--out", dir.toString(), "--steps", Integer.toString(steps),
                "--threads", "1", "--sample", "0", "--no-final-eval");
    }

    static Path baseRun(Path dir) {
        Cli.Result r = Cli.inProcess(Cli.withOut(TRAIN, dir));
        assertEquals(0, r.exit(), r.err());
        return dir;
    }

    @Test
    void everyDamagedFileIsRefusedNamingItAndTheFolderIsUnchanged(@TempDir Path tmp) throws Exception {
        long t0 = System.nanoTime();
        Path base = baseRun(tmp.resolve("base"));
        for (String f : FILES) {
            assertTrue(Files.isRegularFile(base.resolve(f)), f + " is part of a run folder");
        }
        Tally tally = new Tally("run-folder-corruption");
        Random random = new Random(20);
        int n = 0;
        for (String file : FILES) {
            for (Damage how : Damage.values()) {
                Path dir = tmp.resolve("case" + n++);
                Folders.copy(base, dir);
                Folders.damage(dir.resolve(file), how, random);
                Map<String, byte[]> before = Folders.snapshot(dir);
                Cli.Result r = resume(dir, 10);
                String fault = how + " " + file;
                String message = r.err().trim();
                if (r.exit() == 0) {
                    tally.recovered(fault, "resumed and completed 10 steps");
                    if (!(file.equals("environment.properties") && how == Damage.DELETE)) {
                        tally.lost(fault, "accepted a damaged file");
                    }
                } else if (r.exit() == 2 && message.startsWith("train: cannot resume") && message.contains(file)
                        && !message.contains("\n") && !r.showsStackTrace() && message.endsWith(".")
                        && Folders.difference(before, Folders.snapshot(dir)) == null && !r.out().contains("from step")) {
                    tally.refused(fault, message);
                } else {
                    tally.lost(fault, "exit " + r.exit() + ", stderr " + r.err() + ", folder: "
                            + Folders.difference(before, Folders.snapshot(dir)));
                }
            }
        }
        String summary = tally.write((System.nanoTime() - t0) / 1_000_000);
        assertEquals(List.of(), tally.lost(), summary);
        assertEquals(FILES.size() * Damage.values().length, tally.injected(), summary);
        assertEquals(1, tally.recovered(), "only a deleted environment.properties resumes: " + summary);
    }

    /** The issue's four cases, each on a copy of the same run folder. */
    @Test
    void theIssuesFourCasesGetOneSentenceEach(@TempDir Path tmp) throws Exception {
        Path base = baseRun(tmp.resolve("base"));

        Path truncatedParam = tmp.resolve("param");
        Folders.copy(base, truncatedParam);
        Path p = truncatedParam.resolve("checkpoint/params/transformer.wte.weight.npy");
        Files.write(p, java.util.Arrays.copyOf(Files.readAllBytes(p), 100));
        Cli.Result r = resume(truncatedParam, 10);
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("checkpoint/params/transformer.wte.weight.npy is 100 bytes"), r.err());
        assertFalse(r.err().contains("diverged") || r.out().contains("diverged"), r.out());

        Path badStep = tmp.resolve("step");
        Folders.copy(base, badStep);
        Path state = badStep.resolve("checkpoint/state.properties");
        Files.writeString(state, Files.readString(state).replace("step=8", "step=abc"));
        Map<String, byte[]> before = Folders.snapshot(badStep);
        r = resume(badStep, 10);
        assertTrue(r.err().startsWith("train: cannot resume") && r.err().contains("checkpoint/state.properties"), r.err());
        assertFalse(r.err().contains("For input string"), r.err());
        assertNull(Folders.difference(before, Folders.snapshot(badStep)), "config and environment not rewritten");

        Path truncatedLog = tmp.resolve("log");
        Folders.copy(base, truncatedLog);
        Path metrics = truncatedLog.resolve("metrics.csv");
        Files.write(metrics, java.util.Arrays.copyOf(Files.readAllBytes(metrics), 100));
        r = resume(truncatedLog, 10);
        assertTrue(r.err().contains("metrics.csv") && r.err().contains("copy checkpoint/metrics.csv"), r.err());
        assertFalse(r.out().contains("from step"), "nothing announced before the check: " + r.out());
        Files.copy(truncatedLog.resolve("checkpoint/metrics.csv"), metrics, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertEquals(0, resume(truncatedLog, 10).exit(), "the advice works");
        assertEquals(11, Files.readAllLines(metrics, StandardCharsets.UTF_8).size(), "header + 10 steps");
    }

    /** Where a save was interrupted after the swap began, the kept checkpoint.old is offered, and works. */
    @Test
    void aDamagedCheckpointPointsToTheVerifiedPreviousOne(@TempDir Path tmp) throws Exception {
        Path dir = baseRun(tmp.resolve("base"));
        Folders.copy(dir.resolve("checkpoint"), dir.resolve("checkpoint.old"));
        Folders.damage(dir.resolve("checkpoint/params/transformer.wpe.weight.npy"), Damage.ZERO, new Random(1));
        Map<String, byte[]> before = Folders.snapshot(dir);
        Cli.Result r = resume(dir, 10);
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("checkpoint/params/transformer.wpe.weight.npy")
                && r.err().contains("the previous checkpoint in checkpoint.old/ verifies"), r.err());
        assertNull(Folders.difference(before, Folders.snapshot(dir)));
        Files.move(dir.resolve("checkpoint"), tmp.resolve("damaged"));
        Files.move(dir.resolve("checkpoint.old"), dir.resolve("checkpoint"));
        assertEquals(0, resume(dir, 10).exit(), "the advice works");
    }
}
