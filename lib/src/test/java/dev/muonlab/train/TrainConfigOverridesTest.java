package dev.muonlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.muonlab.gpt.GptConfig;
import dev.muonlab.ns.NsConfig;
import dev.muonlab.optim.MuonConfig;
import dev.muonlab.schedule.LrSchedule;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The momentum β and hidden weight decay λ overrides (Sato et al.'s grid, arXiv 2507.01598 §6.3): they
 * round-trip through config.properties, a config written before them reads back with the recipes'
 * defaults, and they change the optimizer's step as the update formulas say.
 */
class TrainConfigOverridesTest {

    private static final GptConfig TINY = new GptConfig("tiny-test", 65, 1, 2, 16, 8, 4, 0.0, true, false);
    private static final String HIDDEN = "transformer.h.0.mlp.c_fc.weight";

    @Test
    void overridesRoundTripAndOldConfigsKeepTheRecipesDefaults() {
        TrainConfig plain = TrainConfig.nanoGpt(TINY, OptimizerChoice.MUON, 200, 3);
        Map<String, String> old = plain.describe();
        assertFalse(old.containsKey("momentum"), "no override: the file is written as before the overrides existed");
        assertFalse(old.containsKey("hidden_weight_decay"));
        TrainConfig back = TrainConfig.parse(old);
        assertEquals(plain, back);
        assertTrue(Double.isNaN(back.momentum()) && Double.isNaN(back.hiddenWeightDecay()));
        assertEquals(0.95, ((MuonConfig) HiddenOptimizers.hidden(back)).momentum());
        assertEquals(0.0, ((MuonConfig) HiddenOptimizers.hidden(back)).weightDecay());

        TrainConfig set = plain.withMomentumAndHiddenDecay(0.8, 0.01);
        TrainConfig setBack = TrainConfig.parse(set.describe());
        assertEquals(set, setBack);
        assertEquals(0.8, setBack.momentum());
        assertEquals(0.01, setBack.hiddenWeightDecay());
        MuonConfig m = (MuonConfig) HiddenOptimizers.hidden(setBack);
        assertEquals(0.8, m.momentum());
        assertEquals(0.01, m.weightDecay());
        // Moonlight's recipe: its default hidden decay is the config's weight decay, overridable
        TrainConfig moon = TrainConfig.nanoGpt(TINY, OptimizerChoice.MUON_MOONLIGHT, 200, 3);
        assertEquals(0.1, ((MuonConfig) HiddenOptimizers.hidden(moon)).weightDecay());
        assertEquals(0.0, ((MuonConfig) HiddenOptimizers.hidden(moon.withMomentumAndHiddenDecay(Double.NaN, 0.0))).weightDecay());
        assertThrows(IllegalArgumentException.class, () -> plain.withMomentumAndHiddenDecay(1.0, Double.NaN));
        assertThrows(IllegalArgumentException.class,
                () -> HiddenOptimizers.hidden(TrainConfig.nanoGpt(TINY, OptimizerChoice.NORMUON, 10, 1).withMomentumAndHiddenDecay(0.9, 0)));
    }

    /** AdamW's β₁ override, against Adam's two-step formula m₂ = β₁m₁ + (1−β₁)g₂, v likewise, bias-corrected. */
    @Test
    void adamwBeta1FollowsAdamsFormula() {
        double beta1 = 0.8;
        TrainConfig c = TrainConfig.nanoGpt(TINY, OptimizerChoice.ADAMW, 1000, 1).withWeightDecay(0.0)
                .withMomentumAndHiddenDecay(beta1, Double.NaN);
        INDArray w = Nd4j.createFromArray(new double[][]{{0.5, -0.25}, {1.0, 0.0}});
        Map<String, INDArray> params = new HashMap<>(Map.of("w", w));
        StepOptimizer opt = Recipes.optimizer(c, params);
        double g1 = 0.3, g2 = -0.7, b2 = c.beta2(), eps = 1e-8;
        opt.step(Map.of("w", Nd4j.valueArrayOf(new long[]{2, 2}, g1, DataType.DOUBLE)));
        opt.step(Map.of("w", Nd4j.valueArrayOf(new long[]{2, 2}, g2, DataType.DOUBLE)));
        LrSchedule s = LrSchedule.warmupCosine(c.warmupSteps(), c.steps(), c.minLr() / c.lr());
        double m1 = (1 - beta1) * g1, v1 = (1 - b2) * g1 * g1;
        double u1 = (m1 / (1 - beta1)) / (Math.sqrt(v1 / (1 - b2)) + eps);
        double m2 = beta1 * m1 + (1 - beta1) * g2, v2 = b2 * v1 + (1 - b2) * g2 * g2;
        double u2 = (m2 / (1 - beta1 * beta1)) / (Math.sqrt(v2 / (1 - b2 * b2)) + eps);
        double moved = -c.lr() * s.multiplier(0) * u1 - c.lr() * s.multiplier(1) * u2;
        assertEquals(0.5 + moved, w.getDouble(0, 0), 1e-9);
        assertEquals(moved, w.getDouble(1, 1), 1e-9);
        // with the default β₁ = 0.9 the same two steps move it elsewhere
        double d1 = 0.9;
        double n1 = (1 - d1) * g1, n2 = d1 * n1 + (1 - d1) * g2;
        double other = -c.lr() * s.multiplier(0) * u1 - c.lr() * s.multiplier(1) * (n2 / (1 - d1 * d1)) / (Math.sqrt(v2 / (1 - b2 * b2)) + eps);
        assertTrue(Math.abs(other - moved) > 1e-6);
    }

    /** Muon's β: the recipe's two steps equal MuonConfig's own with β, and differ from the default 0.95. */
    @Test
    void muonMomentumOverrideReachesTheHiddenGroup() {
        TrainConfig c = TrainConfig.nanoGpt(TINY, OptimizerChoice.MUON, 1000, 1).withMomentumAndHiddenDecay(0.8, Double.NaN);
        INDArray w0 = Nd4j.rand(DataType.DOUBLE, 8, 6).subi(0.5);
        INDArray[] g = {Nd4j.rand(DataType.DOUBLE, 8, 6).subi(0.5), Nd4j.rand(DataType.DOUBLE, 8, 6).subi(0.5)};
        INDArray viaRecipe = twoSteps(c, w0, g);
        LrSchedule s = LrSchedule.warmupCosine(c.warmupSteps(), c.steps(), c.minLr() / c.lr());
        MuonConfig direct = MuonConfig.keller(NsConfig.keller().orthogonalizer()).withMomentum(0.8);
        INDArray w = w0.dup();
        Map<String, INDArray> state = new HashMap<>();
        state.put("momentum", Nd4j.zeros(DataType.DOUBLE, 8, 6));
        direct.step(w, g[0], state, c.muonLr() * s.multiplier(0), 1);
        direct.step(w, g[1], state, c.muonLr() * s.multiplier(1), 2);
        assertEquals(0.0, w.sub(viaRecipe).amaxNumber().doubleValue(), 1e-13);
        INDArray viaDefault = twoSteps(c.withMomentumAndHiddenDecay(Double.NaN, Double.NaN), w0, g);
        assertTrue(viaDefault.sub(viaRecipe).amaxNumber().doubleValue() > 1e-7, "β = 0.8 moves the weights unlike 0.95");
    }

    /** Muon's λ: decoupled, W ← W(1 − lr·λ) − lr·U, so one step with λ differs from one without by −lr·λ·W₀. */
    @Test
    void muonHiddenWeightDecayIsDecoupled() {
        double lambda = 0.1;
        TrainConfig c = TrainConfig.nanoGpt(TINY, OptimizerChoice.MUON, 1000, 1);
        INDArray w0 = Nd4j.rand(DataType.DOUBLE, 8, 6).subi(0.5);
        INDArray[] g = {Nd4j.rand(DataType.DOUBLE, 8, 6).subi(0.5)};
        INDArray without = twoSteps(c, w0, g);
        INDArray with = twoSteps(c.withMomentumAndHiddenDecay(Double.NaN, lambda), w0, g);
        double lr = c.muonLr() * LrSchedule.warmupCosine(c.warmupSteps(), c.steps(), c.minLr() / c.lr()).multiplier(0);
        INDArray expected = w0.mul(-lr * lambda);
        assertEquals(0.0, with.sub(without).sub(expected).amaxNumber().doubleValue(), 1e-12);
    }

    private static INDArray twoSteps(TrainConfig c, INDArray w0, INDArray[] grads) {
        INDArray w = w0.dup();
        Map<String, INDArray> params = new LinkedHashMap<>();
        params.put(HIDDEN, w);
        StepOptimizer opt = Recipes.optimizer(c, params);
        assertEquals("muon", opt.groupOf(HIDDEN));
        for (INDArray g : grads) {
            opt.step(Map.of(HIDDEN, g.dup()));
        }
        return w;
    }
}
