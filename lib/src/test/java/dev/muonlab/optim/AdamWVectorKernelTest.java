package dev.muonlab.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.muonlab.host.HostArrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.HashMap;
import java.util.Map;

/**
 * The fused fp32 AdamW step against the ND4J-op step it replaces on the CPU: the same operations in
 * the same order, so the parameter, both moments and the returned direction must be equal element
 * by element, over several steps (bias corrections change with t) and with and without decay.
 */
class AdamWVectorKernelTest {

    @AfterEach
    void restore() {
        HostArrays.setEnabled(true);
    }

    @Test
    void fusedStepEqualsTheNd4jOpsElementByElement() {
        assertTrue(HostArrays.VECTOR_API, "test JVM lacks jdk.incubator.vector");
        for (double wd : new double[]{0.1, 0.0}) {
            AdamWConfig config = AdamWConfig.nanoGptShakespeare().withWeightDecay(wd);
            Nd4j.getRandom().setSeed(9);
            INDArray param0 = Nd4j.randn(DataType.FLOAT, 37, 29);          // 1073 elements: vector body and tail
            INDArray[] grads = new INDArray[4];
            for (int s = 0; s < grads.length; s++) {
                grads[s] = Nd4j.randn(DataType.FLOAT, 37, 29).muli(Math.pow(10, -s));
            }
            INDArray[] fused = run(config, param0, grads, true);
            INDArray[] ops = run(config, param0, grads, false);
            String[] names = {"param", "exp_avg", "exp_avg_sq", "direction"};
            for (int i = 0; i < names.length; i++) {
                assertEquals(0.0, fused[i].sub(ops[i]).amaxNumber().doubleValue(), names[i] + " with wd " + wd);
            }
        }
    }

    private static INDArray[] run(AdamWConfig config, INDArray param0, INDArray[] grads, boolean fusedPath) {
        HostArrays.setEnabled(fusedPath);
        INDArray param = param0.dup();
        Map<String, INDArray> state = new HashMap<>();
        state.put("exp_avg", Nd4j.zeros(DataType.FLOAT, param.shape()));
        state.put("exp_avg_sq", Nd4j.zeros(DataType.FLOAT, param.shape()));
        INDArray direction = null;
        for (int t = 1; t <= grads.length; t++) {
            direction = config.step(param, grads[t - 1], state, 1e-3 * t, t);
        }
        return new INDArray[]{param, state.get("exp_avg"), state.get("exp_avg_sq"), direction};
    }
}
