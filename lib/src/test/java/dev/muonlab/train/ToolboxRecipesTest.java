package dev.muonlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.muonlab.gpt.GptConfig;
import dev.muonlab.gpt.GptParameters;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Every recipe builds on a GPT's parameters, routes them as documented, and takes finite steps that move the weights. */
class ToolboxRecipesTest {

    private static final GptConfig TINY = new GptConfig("tiny-test", 65, 1, 2, 16, 8, 4, 0.0, true, false);

    @ParameterizedTest
    @EnumSource(OptimizerChoice.class)
    void everyRecipeStepsEveryParameter(OptimizerChoice choice) {
        assertEquals(choice, OptimizerChoice.parse(choice.cliName()));
        Map<String, INDArray> params = GptParameters.initialize(TINY, DataType.FLOAT, 5).asMap();
        Map<String, INDArray> before = new LinkedHashMap<>();
        params.forEach((k, v) -> before.put(k, v.dup()));
        StepOptimizer opt = Recipes.optimizer(TrainConfig.nanoGpt(TINY, choice, 20, 5).withEval(10, 1), params);
        org.nd4j.linalg.api.rng.Random r = Nd4j.getRandomFactory().getNewRandomInstance(9);
        for (int t = 0; t < 3; t++) {
            Map<String, INDArray> grads = new LinkedHashMap<>();
            params.forEach((k, v) -> grads.put(k, Nd4j.randn(DataType.FLOAT, v.shape()).muli(0.1)));
            opt.step(grads);
        }
        params.forEach((k, v) -> {
            assertTrue(Double.isFinite(v.sumNumber().doubleValue()), choice + " " + k + " is finite");
            assertNotEquals(0.0, v.sub(before.get(k)).amaxNumber().doubleValue(), choice + " " + k + " moved");
        });
        String attn = "transformer.h.0.attn.c_attn.weight";
        String expected = switch (choice) {
            case ADAMW -> "adamw";
            case MUON_SPLIT_HEADS -> "muon_attn";
            case NORMUON -> "normuon";
            case ADAMUON -> "adamuon";
            case POLARGRAD -> "polargrad";
            case SCALE -> "scale";
            default -> "muon";
        };
        assertEquals(expected, opt.groupOf(attn));
        assertEquals(choice == OptimizerChoice.SCALE ? "scale_head" : "adamw", opt.groupOf("lm_head.weight"));
        assertEquals("adamw", opt.groupOf("transformer.wte.weight"));
    }
}
