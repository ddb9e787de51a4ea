package dev.muonlab.gpt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link ShardGradients}: the weighted mean Σ w_s·g_s of the shards' gradients, the same bits
 * whichever threads run the per-parameter tasks, on the fused fp32 path and on ND4J's ops.
 */
class ShardGradientsTest {

    /** fp32 against the mean in double: n roundings of a sum of n terms (n ≤ 5 here), relative to the largest term. */
    private static final double FP32_REL = 4e-7 * 5;

    private static Map<String, INDArray> gradients(long seed, DataType type) {
        Nd4j.getRandom().setSeed(seed);
        Map<String, INDArray> g = new LinkedHashMap<>();
        g.put("small", Nd4j.randn(type, 3, 5));
        g.put("large", Nd4j.randn(type, 64, 96));
        g.put("vector", Nd4j.randn(type, 1, 33));
        return g;
    }

    private static List<Map<String, INDArray>> parts(int n, DataType type) {
        List<Map<String, INDArray>> parts = new ArrayList<>();
        for (int s = 1; s < n; s++) {
            parts.add(gradients(100 + s, type));
        }
        return parts;
    }

    private static final double[] WEIGHTS = {3 / 12.0, 3 / 12.0, 2 / 12.0, 2 / 12.0, 2 / 12.0};  // B = 12 over 5 shards

    @Test
    void theResultIsTheSameBitsOnOneThreadOrFour() {
        Map<String, INDArray> sequential = gradients(1, DataType.FLOAT);
        ShardGradients.combine(sequential, parts(5, DataType.FLOAT), WEIGHTS, tasks -> tasks.forEach(Runnable::run));
        Map<String, INDArray> parallel = gradients(1, DataType.FLOAT);
        ForkJoinPool pool = new ForkJoinPool(4);
        try {
            Consumer<List<Runnable>> onPool = tasks -> pool.submit(() -> tasks.parallelStream().forEach(Runnable::run)).join();
            ShardGradients.combine(parallel, parts(5, DataType.FLOAT), WEIGHTS, onPool);
        } finally {
            pool.shutdownNow();
        }
        for (String name : sequential.keySet()) {
            assertArrayEquals(sequential.get(name).data().asFloat(), parallel.get(name).data().asFloat(), 0f, name);
        }
    }

    @Test
    void theResultIsTheWeightedMeanOnTheFusedAndTheNd4jPath() {
        Map<String, INDArray> g0 = gradients(1, DataType.DOUBLE);
        List<Map<String, INDArray>> rest = parts(5, DataType.DOUBLE);
        Map<String, INDArray> expected = new LinkedHashMap<>();
        g0.forEach((name, g) -> {
            INDArray sum = g.mul(WEIGHTS[0]);
            for (int s = 1; s < 5; s++) {
                sum.addi(rest.get(s - 1).get(name).mul(WEIGHTS[s]));
            }
            expected.put(name, sum);
        });
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {   // FLOAT: fused; DOUBLE: ND4J ops
            Map<String, INDArray> total = gradients(1, type);
            ShardGradients.combine(total, parts(5, type), WEIGHTS, tasks -> tasks.forEach(Runnable::run));
            for (String name : total.keySet()) {
                INDArray got = total.get(name).castTo(DataType.DOUBLE);
                double scale = rest.get(0).get(name).amaxNumber().doubleValue();
                double err = got.sub(expected.get(name)).amaxNumber().doubleValue() / scale;
                assertTrue(err < (type == DataType.FLOAT ? FP32_REL : 1e-15), type + " " + name + ": " + err);
                assertEquals(expected.get(name).shapeInfoToString(), got.shapeInfoToString());
            }
        }
    }
}
