package dev.muonlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.muonlab.host.HostArrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Global-norm clipping ({@code torch.nn.utils.clip_grad_norm_}) on both paths against the
 * definition computed here in fp64: ‖g‖ = √(Σ over every gradient of its squared entries), and
 * every entry scaled by maxNorm/(‖g‖ + 1e-6) when ‖g‖ &gt; maxNorm, untouched otherwise.
 */
class GradientOpsTest {

    /** fp32 entries, fp64 reference: the fused path sums squares in fp32 lanes per 4096-element block. */
    private static final double REL = 1e-6;

    @AfterEach
    void restore() {
        HostArrays.setEnabled(true);
    }

    @Test
    void clippingMatchesTheDefinitionOnBothPaths() {
        for (boolean fused : new boolean[]{true, false}) {
            HostArrays.setEnabled(fused);
            Map<String, INDArray> grads = gradients();
            double exact = exactNorm(grads);
            Map<String, INDArray> before = copy(grads);
            double norm = GradientOps.clipGlobalNorm(grads, 1.0);
            assertEquals(exact, norm, REL * exact, "norm, fused=" + fused);
            double factor = 1.0 / (exact + 1e-6);
            for (String name : grads.keySet()) {
                INDArray expected = before.get(name).castTo(DataType.DOUBLE).muli(factor);
                double diff = expected.sub(grads.get(name).castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
                assertTrue(diff <= REL * expected.amaxNumber().doubleValue(), name + " fused=" + fused + ": " + diff);
            }
            assertEquals(1.0, exactNorm(grads), 1e-5, "clipped to the threshold");
        }
    }

    @Test
    void belowTheThresholdNothingChanges() {
        Map<String, INDArray> grads = gradients();
        Map<String, INDArray> before = copy(grads);
        double norm = GradientOps.clipGlobalNorm(grads, 1e9);
        assertEquals(exactNorm(before), norm, REL * norm);
        for (String name : grads.keySet()) {
            assertEquals(before.get(name), grads.get(name), name);
        }
    }

    private static Map<String, INDArray> gradients() {
        Nd4j.getRandom().setSeed(12);
        Map<String, INDArray> grads = new LinkedHashMap<>();
        grads.put("big", Nd4j.randn(DataType.FLOAT, 100, 97));     // several blocks and a tail
        grads.put("vector", Nd4j.randn(DataType.FLOAT, 13).muli(5));
        grads.put("tiny", Nd4j.randn(DataType.FLOAT, 3, 3).muli(1e-4));
        return grads;
    }

    private static Map<String, INDArray> copy(Map<String, INDArray> grads) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        grads.forEach((k, v) -> out.put(k, v.dup()));
        return out;
    }

    private static double exactNorm(Map<String, INDArray> grads) {
        double sum = 0;
        for (INDArray g : grads.values()) {
            double[] x = g.castTo(DataType.DOUBLE).data().asDouble();
            for (double v : x) {
                sum += v * v;
            }
        }
        return Math.sqrt(sum);
    }
}
