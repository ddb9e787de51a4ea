package dev.muonlab.train;

import dev.muonlab.gpt.DataSplit;
import dev.muonlab.gpt.GptConfig;
import dev.muonlab.gpt.NativeThreads;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import dev.muonlab.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The training loop on the real corpus with a small model: loss decreases, resume is
 * bit-identical, an interrupt keeps log and checkpoint, a NaN or exploding loss stops the run
 * naming the step.
 */
class TrainerTest {

    private static final DataSplit DATA = DataSplit.tinyShakespeare();
    /** 2 layers, 2 heads, width 32, context 16, batch 8: a few ms per step. */
    private static final GptConfig SMALL = new GptConfig("small-test", 65, 2, 2, 32, 16, 8, 0.0, false, true);

    private static int previousThreads;

    @BeforeAll
    static void oneThread() {
        previousThreads = NativeThreads.set(1);   // tiny ops: threads only add synchronization
    }

    @AfterAll
    static void restoreThreads() {
        NativeThreads.set(previousThreads);
    }

    private static TrainConfig config(OptimizerChoice optimizer, int steps) {
        return TrainConfig.nanoGpt(SMALL, optimizer, steps, 11).withEval(steps / 2, 4);
    }

    @Test
    void shortAdamWRunLowersTheValidationLoss() {
        Trainer trainer = Trainer.create(config(OptimizerChoice.ADAMW, 40).withLr(1e-2), DATA, null);
        double before = trainer.evaluate();
        java.util.List<String> messages = new java.util.ArrayList<>();
        TrainResult result = trainer.run((done, total, message) -> messages.add(message), TrainObserver.NONE);
        assertEquals(TrainResult.Status.COMPLETED, result.status());
        assertEquals(40, messages.size());
        assertTrue(messages.get(39).matches("loss \\d\\.\\d{4} · val \\d\\.\\d{4} · [\\d,]+ tok/s"),
                "the display adds its own ETA (issue 18: it was shown twice): " + messages.get(39));
        assertEquals(Math.log(65), before, 0.1, "untrained: about ln 65");
        // from ln 65 = 4.17 towards the corpus's unigram entropy (about 3.3 nats) in 40 steps
        assertTrue(result.log().lastValLoss() < 3.6, "val loss after 40 steps: " + result.log().lastValLoss());
        double[] train = result.log().metrics().doubleColumn("train_loss").asDoubleArray();
        double first = java.util.Arrays.stream(train, 0, 5).average().orElseThrow();
        double last = java.util.Arrays.stream(train, 35, 40).average().orElseThrow();
        assertTrue(last < first - 0.5, "train loss " + first + " -> " + last);
        assertEquals(40, result.log().size());
    }

    @Test
    void resumingIsBitIdentical(@TempDir Path dir) {
        // dropout on, so that the dropout masks' random state is part of what must resume
        TrainConfig c = TrainConfig.nanoGpt(SMALL.withDropout(0.1), OptimizerChoice.MUON, 8, 5).withEval(4, 1)
                .withCheckpointInterval(0);
        Trainer straight = Trainer.create(c, DATA, dir.resolve("straight"));
        straight.run(ProgressListener.NONE, TrainObserver.NONE);

        Path split = dir.resolve("split");
        Trainer first = Trainer.create(c, DATA, split);
        first.run(ProgressListener.NONE, (t, step, evaluated) -> {
            if (step == 4) {
                t.requestStop();
            }
        });
        assertEquals(4, Checkpoint.load(split, Map.of(), 5, new NoState()).step());
        Trainer second = Trainer.resume(split, DATA, 0);
        assertEquals(4, second.step());
        TrainResult r = second.run(ProgressListener.NONE, TrainObserver.NONE);
        assertEquals(8, r.step());

        Map<String, INDArray> a = straight.model().parameters().asMap();
        Map<String, INDArray> b = second.model().parameters().asMap();
        for (String name : a.keySet()) {
            assertEquals(a.get(name), b.get(name), name + " differs after resume");
        }
        double[] lossA = straight.log().metrics().doubleColumn("train_loss").asDoubleArray();
        double[] lossB = second.log().metrics().doubleColumn("train_loss").asDoubleArray();
        assertEquals(8, lossB.length);
        for (int i = 4; i < 8; i++) {
            assertEquals(Double.doubleToLongBits(lossA[i]), Double.doubleToLongBits(lossB[i]), "train loss at step " + (i + 1));
        }
    }

    @Test
    void interruptStopsCleanlyKeepingLogAndCheckpoint(@TempDir Path dir) throws Exception {
        Trainer trainer = Trainer.create(config(OptimizerChoice.ADAMW, 6).withEval(3, 1), DATA, dir);
        TrainResult result = trainer.run(ProgressListener.NONE, (t, step, evaluated) -> {
            if (step == 2) {
                Thread.currentThread().interrupt();   // what a notebook's interrupt does to the running cell
            }
        });
        assertTrue(Thread.interrupted(), "the interrupt is left set for the caller");
        assertEquals(TrainResult.Status.INTERRUPTED, result.status());
        assertEquals(2, result.step());
        assertTrue(Checkpoint.exists(dir));
        assertEquals(2, TrainLog.load(dir).size());
        assertTrue(Files.isRegularFile(dir.resolve("optimizer").getParent().resolve("checkpoint/optimizer/optimizer.properties")));
        Trainer resumed = Trainer.resume(dir, DATA, 0);
        assertEquals(TrainResult.Status.COMPLETED, resumed.run(ProgressListener.NONE, TrainObserver.NONE).status());
        assertEquals(6, resumed.log().size());
    }

    @Test
    void nanLossStopsTheRunNamingTheStepAndKeepsTheLog(@TempDir Path dir) {
        Trainer trainer = Trainer.create(config(OptimizerChoice.ADAMW, 20).withEval(2, 2), DATA, dir);
        List<Integer> seen = new ArrayList<>();
        TrainResult result = trainer.run(ProgressListener.NONE, (t, step, evaluated) -> {
            seen.add(step);
            if (step == 4) {
                t.model().parameters().get("transformer.ln_f.weight").assign(Double.NaN);
            }
        });
        assertEquals(TrainResult.Status.DIVERGED, result.status());
        assertTrue(result.message().contains("at step 5") && result.message().contains("not finite"), result.message());
        assertEquals(4, result.step());
        assertEquals(List.of(1, 2, 3, 4), seen);
        assertEquals(4, TrainLog.load(dir).size(), "the log of the good steps is kept");
    }

    @Test
    void explodingLossStopsTheRun() {
        Trainer trainer = Trainer.create(config(OptimizerChoice.ADAMW, 5).withDivergenceLoss(1.0), DATA, null);
        TrainResult result = trainer.run(ProgressListener.NONE, TrainObserver.NONE);
        assertEquals(TrainResult.Status.DIVERGED, result.status());
        assertTrue(result.message().contains("at step 1 exceeds 1.0"), result.message());
        assertFalse(Double.isNaN(trainer.evaluate()));
    }

    @Test
    void parameterStatsFollowTheRouting() {
        TrainConfig c = config(OptimizerChoice.MUON_MOONLIGHT, 4).withEval(4, 1);
        Trainer trainer = Trainer.create(c, DATA, null);
        trainer.run(ProgressListener.NONE, TrainObserver.NONE);
        var stats = trainer.log().parameterStats();
        var muon = stats.where(stats.stringColumn("optimizer").isEqualTo("muon"));
        assertEquals(4 * 2 * 4, muon.rowCount(), "4 steps x 2 layers x 4 hidden matrices");
        // Moonlight's rule (Liu et al. 2025, Eq. 4 and Lemma 1): update RMS = 0.2·lr_t for every shape, up to
        // NS5's inexact singular values (Keller's coefficients leave them in about [0.68, 1.13]) and the tiny wd term
        double[] lr = trainer.log().metrics().doubleColumn("lr").asDoubleArray();
        for (int i = 0; i < muon.rowCount(); i++) {
            double expected = 0.2 * lr[muon.intColumn("step").getInt(i) - 1];
            double ratio = muon.doubleColumn("update_rms").getDouble(i) / expected;
            assertTrue(ratio > 0.7 && ratio < 1.15, muon.stringColumn("parameter").get(i) + " " + muon.stringColumn("shape").get(i)
                    + ": update RMS / (0.2 lr) = " + ratio);
        }
        var wte = stats.where(stats.stringColumn("parameter").isEqualTo("transformer.wte.weight"));
        assertEquals("adamw", wte.stringColumn("optimizer").get(0));
        var gain = stats.where(stats.stringColumn("parameter").isEqualTo("transformer.ln_f.weight"));
        assertEquals("adamw_no_decay", gain.stringColumn("optimizer").get(0));
    }

    /** Reads only the step of a checkpoint. */
    private static final class NoState implements StepOptimizer {
        @Override public void step(Map<String, INDArray> grads) { }
        @Override public double currentLr() { return 0; }
        @Override public String groupOf(String param) { return ""; }
        @Override public void save(Path d) { }
        @Override public void load(Path d) { }
    }
}
