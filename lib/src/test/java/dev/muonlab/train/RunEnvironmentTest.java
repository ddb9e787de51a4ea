package dev.muonlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.muonlab.gpt.DataSplit;
import dev.muonlab.gpt.GptConfig;
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
        RunEnvironment env = new RunEnvironment("cpu", "SkylakeX", true, "17.0.15");
        env.write(dir);
        assertEquals(env, RunEnvironment.read(dir).orElseThrow());
        assertTrue(RunEnvironment.read(dir.resolve("missing")).isEmpty());
    }

    @Test
    void everyArithmeticDifferenceIsNamedAndTheJavaVersionIsNot() {
        RunEnvironment saved = new RunEnvironment("cpu", "SkylakeX", true, "17.0.15");
        assertEquals(List.of(), new RunEnvironment("cpu", "SkylakeX", true, "25.0.3").differencesFrom(saved));
        List<String> d = new RunEnvironment("cuda", "Haswell", false, "17.0.15").differencesFrom(saved);
        assertEquals(3, d.size(), d.toString());
        assertTrue(d.get(0).contains("cpu") && d.get(0).contains("cuda"), d.get(0));
        assertTrue(d.get(1).contains("OPENBLAS_CORETYPE=SkylakeX") && d.get(1).contains("Haswell"), d.get(1));
        assertTrue(d.get(2).contains("jdk.incubator.vector"), d.get(2));
    }

    @Test
    void resumeReportsAnotherCoreTypeAndNothingForTheSameOne(@TempDir Path dir) {
        DataSplit data = DataSplit.tinyShakespeare();
        TrainConfig config = TrainConfig.nanoGpt(TINY, OptimizerChoice.ADAMW, 4, 3).withEval(2, 1);
        Trainer first = Trainer.create(config.withSteps(2), data, dir);
        first.run(ProgressListener.NONE, TrainObserver.NONE);
        assertEquals(RunEnvironment.current(), RunEnvironment.read(dir).orElseThrow(), "written with the run");
        assertEquals(List.of(), Trainer.resume(dir, data, 4).resumeWarnings());

        RunEnvironment now = RunEnvironment.current();
        String other = now.blasCoreType().equals("Haswell") ? "SkylakeX" : "Haswell";
        new RunEnvironment(now.backend(), other, now.fusedKernels(), now.java()).write(dir);
        List<String> warnings = Trainer.resume(dir, data, 4).resumeWarnings();
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("OPENBLAS_CORETYPE=" + other), warnings.get(0));
        assertEquals(now, RunEnvironment.read(dir).orElseThrow(), "the resumed segment's environment is saved");
    }
}
