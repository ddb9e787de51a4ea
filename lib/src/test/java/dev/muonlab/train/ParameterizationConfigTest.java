package dev.muonlab.train;

import dev.muonlab.gpt.GptConfig;
import dev.muonlab.gpt.GptParameters;
import dev.muonlab.gpt.Parameterization;
import dev.muonlab.optim.MuonConfig;
import dev.muonlab.optim.UpdateScale;
import dev.muonlab.gpt.DataSplit;
import dev.muonlab.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Path;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * muP as a run setting: SP stays the default and older run folders load as SP; muP round-trips
 * through {@code config.properties}; the recipes put the rules' lr factors on the right groups.
 */
class ParameterizationConfigTest {

    private static final GptConfig TINY = new GptConfig("tiny-test", 65, 1, 2, 32, 8, 4, 0.0, false, true);

    @Test
    void olderRunFoldersLoadAsStandardParameterization() {
        TrainConfig plain = TrainConfig.nanoGpt(TINY, OptimizerChoice.MUON, 200, 3);
        Map<String, String> old = plain.describe();
        assertFalse(old.containsKey("model.parameterization"), "SP writes the file as before muP existed");
        // a folder written before muP: exactly these keys
        Map<String, String> before = new LinkedHashMap<>(old);
        TrainConfig back = TrainConfig.parse(before);
        assertEquals(Parameterization.sp(), back.model().parameterization());
        assertEquals(plain, back);
        assertEquals(1.0, back.model().outputMultiplier());
    }

    @Test
    void mupRoundTripsThroughTheRunConfig() {
        TrainConfig mup = TrainConfig.nanoGpt(TINY.withParameterization(Parameterization.mup(16)), OptimizerChoice.ADAMW, 200, 3);
        assertEquals("mup:16", mup.describe().get("model.parameterization"));
        assertEquals(mup, TrainConfig.parse(mup.describe()));
        assertEquals(0.5, mup.model().outputMultiplier());
        assertEquals(Parameterization.mup(128), Parameterization.parse("mup"));
        assertThrows(IllegalArgumentException.class, () -> Parameterization.parse("ntk"));
    }

    @Test
    void mupAttentionRoundTripsThroughTheRunConfig() {
        TrainConfig attn = TrainConfig.nanoGpt(TINY.withParameterization(Parameterization.mupAttention(16)),
                OptimizerChoice.ADAMW, 200, 3);
        assertEquals("mupattn:16", attn.describe().get("model.parameterization"));
        assertEquals(attn, TrainConfig.parse(attn.describe()));
        assertEquals(0.5, attn.model().outputMultiplier());
    }

    @Test
    void spInitIsNanoGptsAndMupEqualsSpAtTheBaseWidth() {
        GptParameters sp = GptParameters.initialize(TINY, DataType.DOUBLE, 4);
        GptParameters atBase = GptParameters.initialize(TINY.withParameterization(Parameterization.mup(32)), DataType.DOUBLE, 4);
        sp.asMap().forEach((k, v) -> assertEquals(v, atBase.get(k), k));
        GptParameters wide = GptParameters.initialize(TINY.withParameterization(Parameterization.mup(8)), DataType.DOUBLE, 4);
        String fc = "transformer.h.0.mlp.c_fc.weight";
        assertEquals(0.5, wide.get(fc).getDouble(7) / sp.get(fc).getDouble(7), 1e-12, "hidden std × √(C₀/C) = 1/2");
        assertEquals(sp.get("transformer.wte.weight"), wide.get("transformer.wte.weight"), "embeddings keep 0.02");
    }

    @Test
    void recipesApplyTheMupLearningRateFactors() {
        GptConfig wide = TINY.withParameterization(Parameterization.mup(8));       // m = 4
        TrainConfig adamw = TrainConfig.nanoGpt(wide, OptimizerChoice.ADAMW, 200, 3);
        StepOptimizer opt = Recipes.optimizer(adamw, GptParameters.initialize(wide, DataType.FLOAT, 1).asMap());
        assertEquals("adamw_hidden", opt.groupOf("transformer.h.0.attn.c_attn.weight"));
        assertEquals("adamw_hidden", opt.groupOf("transformer.h.0.mlp.c_proj.weight"));
        assertEquals("adamw", opt.groupOf("transformer.wte.weight"));
        assertEquals("adamw", opt.groupOf("transformer.wpe.weight"));
        assertEquals("adamw_no_decay", opt.groupOf("transformer.ln_f.weight"));

        MuonConfig keller = (MuonConfig) Recipes.mupLr(HiddenOptimizers.hidden(adamw.withOptimizer(OptimizerChoice.MUON)),
                adamw.withOptimizer(OptimizerChoice.MUON));
        assertEquals(0.02, keller.lr(), 0.0, "Keller's scale: no width factor");
        TrainConfig moon = adamw.withOptimizer(OptimizerChoice.MUON_MOONLIGHT);
        MuonConfig moonlight = (MuonConfig) Recipes.mupLr(HiddenOptimizers.hidden(moon), moon);
        assertEquals(UpdateScale.MATCH_RMS_ADAMW, moonlight.scale());
        assertEquals(1e-3 / 2, moonlight.lr(), 1e-15, "Moonlight's scale: lr/√m");
        TrainConfig nor = adamw.withOptimizer(OptimizerChoice.NORMUON);
        assertThrows(IllegalArgumentException.class, () -> Recipes.optimizer(nor,
                GptParameters.initialize(wide, DataType.FLOAT, 1).asMap()));

        TrainConfig spAdamw = TrainConfig.nanoGpt(TINY, OptimizerChoice.ADAMW, 200, 3);
        StepOptimizer spOpt = Recipes.optimizer(spAdamw, GptParameters.initialize(TINY, DataType.FLOAT, 1).asMap());
        assertEquals("adamw", spOpt.groupOf("transformer.h.0.attn.c_attn.weight"), "SP: groups as before");
    }

    /**
     * A muP run (Moonlight-Muon, so the lr factor matters, and the output multiplier) stopped at step 3
     * and resumed from its folder ends where the straight run ends: the folder keeps muP, and the
     * resumed trainer rebuilds the multiplier and the lr factors from it.
     */
    @Test
    void mupRunResumesFromItsFolderBitIdentically(@TempDir Path dir) {
        DataSplit data = DataSplit.tinyShakespeare();
        GptConfig model = new GptConfig("mup-test", 65, 1, 2, 32, 16, 4, 0.0, false, true, Parameterization.mup(16));
        TrainConfig c = TrainConfig.nanoGpt(model, OptimizerChoice.MUON_MOONLIGHT, 6, 5).withEval(3, 1)
                .withCheckpointInterval(0);
        Trainer straight = Trainer.create(c, data, dir.resolve("straight"));
        straight.run(ProgressListener.NONE, TrainObserver.NONE);
        Trainer first = Trainer.create(c, data, dir.resolve("split"));
        first.run(ProgressListener.NONE, (t, step, evaluated) -> {
            if (step == 3) {
                t.requestStop();
            }
        });
        Trainer second = Trainer.resume(dir.resolve("split"), data, 0);
        assertEquals(Parameterization.mup(16), second.model().config().parameterization());
        second.run(ProgressListener.NONE, TrainObserver.NONE);
        Map<String, INDArray> a = straight.model().parameters().asMap();
        Map<String, INDArray> b = second.model().parameters().asMap();
        a.forEach((k, v) -> assertEquals(v, b.get(k), k + " differs after resume"));
    }
}
