package dev.muonlab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.muonlab.gpt.DataSplit;
import dev.muonlab.gpt.GptConfig;
import dev.muonlab.gpt.NativeThreads;
import dev.muonlab.progress.ProgressListener;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RunEnvironment}: saved with every run, read back, and compared on resume, so that a resume
 * under other arithmetic (another OpenBLAS core type, backend, or without the fused kernels) is
 * reported instead of passing for bit-identical.
 */
class RunEnvironmentTest {

    private static final GptConfig TINY = new GptConfig("env-test", 65, 1, 1, 16, 8, 4, 0.0, false, true);

    @Test
    void savedEnvironmentReadsBackEqual(@TempDir Path dir) {
        RunEnvironment env = new RunEnvironment("cpu", "SkylakeX", true, 1, "17.0.15");
        env.write(dir);
        assertEquals(env, RunEnvironment.read(dir).orElseThrow());
        assertTrue(RunEnvironment.read(dir.resolve("missing")).isEmpty());
    }

    @Test
    void everyArithmeticDifferenceIsNamedAndTheJavaVersionIsNot() {
        RunEnvironment saved = new RunEnvironment("cpu", "SkylakeX", true, 1, "17.0.15");
        assertEquals(List.of(), new RunEnvironment("cpu", "SkylakeX", true, 1, "25.0.3").differencesFrom(saved));
        List<String> d = new RunEnvironment("cuda", "Haswell", false, 2, "17.0.15").differencesFrom(saved);
        assertEquals(4, d.size(), d.toString());
        assertTrue(d.get(0).contains("cpu") && d.get(0).contains("cuda"), d.get(0));
        assertTrue(d.get(1).contains("OPENBLAS_CORETYPE=SkylakeX") && d.get(1).contains("Haswell"), d.get(1));
        assertTrue(d.get(2).contains("jdk.incubator.vector"), d.get(2));
        assertTrue(d.get(3).contains("1 worker") && d.get(3).contains("over 2"), d.get(3));
    }

    @Test
    void aRunSplitOverTwoWorkersResumesBitIdenticallyWithTwoAndWarnsWithOne(@TempDir Path dir, @TempDir Path whole) {
        int threadsBefore = NativeThreads.get();
        try {
            DataSplit data = DataSplit.tinyShakespeare();
            TrainConfig config = TrainConfig.nanoGpt(TINY.withDropout(0.1), OptimizerChoice.MUON, 6, 3).withEval(3, 1)
                    .withCheckpointInterval(0);     // dropout: per-shard masks; Muon: NS on the worker threads
            Trainer straight = Trainer.create(config, data, whole).workers(2);
            straight.run(ProgressListener.NONE, TrainObserver.NONE);
            Trainer first = Trainer.create(config, data, dir).workers(2);
            first.run(ProgressListener.NONE, (t, step, evaluated) -> {
                if (step == 3) {
                    t.requestStop();
                }
            });
            assertEquals(2, RunEnvironment.read(dir).orElseThrow().workers());

            List<String> withOne = Trainer.resume(dir, data, 0).resumeWarnings();
            assertEquals(1, withOne.size(), withOne.toString());
            assertTrue(withOne.get(0).contains("2 worker"), withOne.get(0));

            Trainer second = Trainer.resume(dir, data, 0).workers(2);
            assertEquals(3, second.step());
            assertEquals(List.of(), second.resumeWarnings());
            second.run(ProgressListener.NONE, TrainObserver.NONE);
            straight.model().parameters().asMap().forEach((name, p) -> assertArrayEquals(p.data().asFloat(),
                    second.model().parameters().asMap().get(name).data().asFloat(), name + ": 3 + 3 steps = 6 steps"));
        } finally {
            NativeThreads.set(threadsBefore);
        }
    }

    @Test
    void resumeReportsAnotherCoreTypeAndNothingForTheSameOne(@TempDir Path dir) {
        DataSplit data = DataSplit.tinyShakespeare();
        TrainConfig config = TrainConfig.nanoGpt(TINY, OptimizerChoice.ADAMW, 4, 3).withEval(2, 1);
        Trainer first = Trainer.create(config.withSteps(2), data, dir);
        first.run(ProgressListener.NONE, TrainObserver.NONE);
        assertEquals(RunEnvironment.current(1), RunEnvironment.read(dir).orElseThrow(), "written with the run");
        assertEquals(List.of(), Trainer.resume(dir, data, 4).resumeWarnings());

        RunEnvironment now = RunEnvironment.current(1);
        String other = now.blasCoreType().equals("Haswell") ? "SkylakeX" : "Haswell";
        new RunEnvironment(now.backend(), other, now.fusedKernels(), now.workers(), now.java()).write(dir);
        Trainer resumed = Trainer.resume(dir, data, 4);
        List<String> warnings = resumed.resumeWarnings();
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("OPENBLAS_CORETYPE=" + other), warnings.get(0));
        resumed.run(ProgressListener.NONE, TrainObserver.NONE);
        assertEquals(now, RunEnvironment.read(dir).orElseThrow(), "the resumed segment's environment is saved");
    }
}
