package dev.muonlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.muonlab.gpt.Gpt;
import dev.muonlab.gpt.GptConfig;
import dev.muonlab.schedule.LrSchedule;
import dev.muonlab.schedule.ShiftedSchedule;
import dev.muonlab.schedule.WarmupStableDecaySchedule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Xmodel-2.5's switch: AdamW until the decay start, then RMS-matched Muon with fresh state on the
 * run's clock. Held to the definition: the same as AdamW for s steps, then a newly built Muon
 * optimizer (zero momentum, fresh AdamW moments) whose schedule is shifted by s.
 */
class SwitchingOptimizerTest {

    static final int SWITCH = 3;
    static final int STEPS = 6;

    private static final GptConfig MODEL = new GptConfig("switch-test", 65, 1, 2, 16, 8, 2, 0.0, false, true);
    private static final TrainConfig ADAMW = new TrainConfig(MODEL, OptimizerChoice.ADAMW, STEPS, 5, 1e-3, 1e-4, 1, 0.99,
            0.1, 1.0, 0.02, STEPS, 1, STEPS, 0, 10.0);
    private static final LrSchedule WSD = new WarmupStableDecaySchedule(1, STEPS, 0.5, 0.0625);

    private static Map<String, INDArray> params() {
        Map<String, INDArray> out = new LinkedHashMap<>();
        Gpt.create(MODEL, DataType.FLOAT, 5).parameters().asMap().forEach((k, v) -> out.put(k, v.dup()));
        return out;
    }

    /** @return STEPS seeded random gradient maps of the model's shapes */
    private static List<Map<String, INDArray>> gradients(Map<String, INDArray> like) {
        Nd4j.getRandom().setSeed(42);
        List<Map<String, INDArray>> out = new ArrayList<>();
        for (int i = 0; i < STEPS; i++) {
            Map<String, INDArray> g = new LinkedHashMap<>();
            like.forEach((k, v) -> g.put(k, Nd4j.randn(DataType.FLOAT, v.shape()).muli(0.1)));
            out.add(g);
        }
        return out;
    }

    @Test
    void theSwitchIsAdamWThenAFreshMuonOnTheRunsClock() {
        Map<String, INDArray> switched = params();
        Map<String, INDArray> reference = params();
        List<Map<String, INDArray>> grads = gradients(switched);
        TrainConfig muon = ADAMW.withOptimizer(OptimizerChoice.MUON_MOONLIGHT);
        SwitchingOptimizer s = new SwitchingOptimizer(ADAMW, muon, switched, WSD, SWITCH);
        StepOptimizer adamw = Recipes.optimizer(ADAMW, reference, WSD);
        StepOptimizer fresh = null;
        for (int i = 0; i < STEPS; i++) {
            if (i < SWITCH) {
                adamw.step(grads.get(i));
            } else {
                if (fresh == null) {       // built at the switch: zero momentum, zero AdamW moments, t = 0
                    fresh = Recipes.optimizer(muon, reference, new ShiftedSchedule(WSD, SWITCH));
                    assertEquals(1e-3 * WSD.multiplier(SWITCH), s.currentLr(), 1e-15, "the run's lr at the switch");
                }
                fresh.step(grads.get(i));
            }
            s.step(grads.get(i));
            assertEquals(i >= SWITCH, s.switched(), "switched after step " + (i + 1));
            for (String name : switched.keySet()) {
                assertArrayEquals(reference.get(name).data().asFloat(), switched.get(name).data().asFloat(),
                        name + " after step " + (i + 1) + ": bit for bit");
            }
        }
        assertEquals("muon", s.groupOf("transformer.h.0.mlp.c_fc.weight"));
    }

    /** The negative control: Muon carried through the stable phase (not fresh) gives other weights. */
    @Test
    void aMuonWhoseStateWasNotFreshDiffers() {
        Map<String, INDArray> switched = params();
        Map<String, INDArray> carried = params();
        List<Map<String, INDArray>> grads = gradients(switched);
        TrainConfig muon = ADAMW.withOptimizer(OptimizerChoice.MUON_MOONLIGHT);
        SwitchingOptimizer s = new SwitchingOptimizer(ADAMW, muon, switched, WSD, SWITCH);
        StepOptimizer adamw = Recipes.optimizer(ADAMW, carried, WSD);
        Map<String, INDArray> scratch = params();
        StepOptimizer warm = Recipes.optimizer(muon, scratch, WSD);     // momentum built on the stable phase's gradients
        for (int i = 0; i < SWITCH; i++) {
            adamw.step(grads.get(i));
            warm.step(grads.get(i));
            s.step(grads.get(i));
        }
        scratch.forEach((k, v) -> v.assign(carried.get(k)));
        warm.step(grads.get(SWITCH));
        s.step(grads.get(SWITCH));
        String w = "transformer.h.0.mlp.c_fc.weight";
        assertFalse(switched.get(w).equalsWithEps(scratch.get(w), 1e-7));
        assertTrue(s.switched());
    }

    /** A state saved after the switch resumes into the second recipe: the continued run matches the uninterrupted one bit for bit. */
    @Test
    void aSavedStateResumesInTheRightPhase(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        Map<String, INDArray> straight = params();
        Map<String, INDArray> resumed = params();
        List<Map<String, INDArray>> grads = gradients(straight);
        TrainConfig muon = ADAMW.withOptimizer(OptimizerChoice.MUON_MOONLIGHT);
        SwitchingOptimizer a = new SwitchingOptimizer(ADAMW, muon, straight, WSD, SWITCH);
        SwitchingOptimizer first = new SwitchingOptimizer(ADAMW, muon, resumed, WSD, SWITCH);
        for (int i = 0; i <= SWITCH; i++) {
            a.step(grads.get(i));
            first.step(grads.get(i));
        }
        first.save(dir);
        SwitchingOptimizer second = new SwitchingOptimizer(ADAMW, muon, resumed, WSD, SWITCH);
        second.load(dir);
        assertTrue(second.switched());
        for (int i = SWITCH + 1; i < STEPS; i++) {
            a.step(grads.get(i));
            second.step(grads.get(i));
        }
        for (String name : straight.keySet()) {
            assertArrayEquals(straight.get(name).data().asFloat(), resumed.get(name).data().asFloat(), name);
        }
    }
}
