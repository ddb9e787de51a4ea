package dev.muonlab.gpt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.muonlab.host.HostArrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

/**
 * The fused fp32 CPU kernels ({@link HostKernels}: {@link RowKernels}, {@link GeluKernel}, {@link SoftmaxKernels}) against the same
 * functions computed by the ND4J-op path in fp64 on the same inputs: LayerNorm, GELU and the
 * causal softmax, forward and backward, and a whole GPT step. Shapes include a width that is not
 * a multiple of the vector length, so the scalar tails run too.
 */
class HostKernelsTest {

    /** fp32 kernels against fp64: a few ulps of fp32 relative to the output's scale. */
    private static final double FP32_REL = 2e-6;
    /**
     * GELU's far left tail (x &lt; −6, |GELU| &lt; 1e-8): the fp32 exponent −x²/2 carries an absolute
     * rounding error of ulp(x²/2), so the relative error grows to ~1e-5 at x = −10 (|GELU| ~ 1e-22).
     */
    private static final double TAIL_ABS = 1e-12;
    /** A whole baby-size step: fp32 rounding accumulated through 2 layers, forward and backward. */
    private static final double STEP_REL = 2e-4;

    @AfterEach
    void restore() {
        HostArrays.setEnabled(true);
    }

    @Test
    void testJvmRunsTheFastPath() {
        // the build adds --add-modules jdk.incubator.vector to test JVMs; without it these tests
        // would compare the ND4J path with itself
        assertTrue(HostArrays.VECTOR_API, "test JVM lacks jdk.incubator.vector");
        assertTrue(HostArrays.applies(Nd4j.rand(DataType.FLOAT, 3, 5)));
        assertTrue(!HostArrays.applies(Nd4j.rand(DataType.DOUBLE, 3, 5)), "fp64 takes the ND4J path");
    }

    @Test
    void layerNormMatchesTheNd4jPath() {
        for (int cols : new int[]{128, 37}) {
            Nd4j.getRandom().setSeed(cols);
            INDArray x = Nd4j.randn(DataType.DOUBLE, 20, cols).muli(3).addi(1);
            INDArray g = Nd4j.randn(DataType.DOUBLE, cols);
            INDArray b = Nd4j.randn(DataType.DOUBLE, cols);
            INDArray dy = Nd4j.randn(DataType.DOUBLE, 20, cols);
            INDArray[] ref = layerNorm(x, g, b, dy);
            INDArray[] fast = layerNorm(x.castTo(DataType.FLOAT), g.castTo(DataType.FLOAT), b.castTo(DataType.FLOAT),
                    dy.castTo(DataType.FLOAT));
            for (int i = 0; i < ref.length; i++) {
                assertClose(ref[i], fast[i], FP32_REL, "LayerNorm output " + i + ", width " + cols);
            }
        }
    }

    private static INDArray[] layerNorm(INDArray x, INDArray g, INDArray b, INDArray dy) {
        LayerNormOps.Cache[] cache = new LayerNormOps.Cache[1];
        INDArray y = LayerNormOps.forward(x, g, b, cache);
        INDArray dg = Nd4j.create(x.dataType(), g.length());
        INDArray db = Nd4j.create(x.dataType(), g.length());
        INDArray dx = LayerNormOps.backward(dy, g, cache[0], dg, db);
        return new INDArray[]{y, dx, dg, db, cache[0].xhat(), cache[0].rstd()};
    }

    @Test
    void geluMatchesTheNd4jPathOverTheWholeRange() {
        double[] grid = new double[4099];                          // not a multiple of the lane count
        for (int i = 0; i < grid.length; i++) {
            grid[i] = -12 + 21.0 * i / (grid.length - 1);
        }
        INDArray xf = Nd4j.create(grid, new long[]{grid.length}, DataType.DOUBLE).castTo(DataType.FLOAT);
        Nd4j.getRandom().setSeed(2);
        INDArray dyf = Nd4j.randn(DataType.DOUBLE, grid.length).castTo(DataType.FLOAT);
        INDArray x = xf.castTo(DataType.DOUBLE);                  // the same (fp32-representable) inputs in fp64
        INDArray dy = dyf.castTo(DataType.DOUBLE);
        GeluOps.Saved[] cdf = new GeluOps.Saved[1];
        INDArray y = GeluOps.forward(x, cdf);
        INDArray dx = GeluOps.backward(dy, x, cdf[0]);
        GeluOps.Saved[] fastCdf = new GeluOps.Saved[1];
        INDArray yf = GeluOps.forward(xf, fastCdf);
        INDArray dxf = GeluOps.backward(dyf, xf, fastCdf[0]);
        for (int i = 0; i < grid.length; i++) {
            double v = x.getDouble(i);
            assertEquals(y.getDouble(i), yf.getDouble(i), FP32_REL * Math.abs(y.getDouble(i)) + TAIL_ABS, "GELU(" + v + ")");
            assertEquals(dx.getDouble(i), dxf.getDouble(i), FP32_REL * Math.abs(dy.getDouble(i)) + 1e-7,
                    "GELU'(" + v + ")");
        }
    }

    @Test
    void causalSoftmaxAndItsBackwardMatchTheNd4jPath() {
        attentionMatchesTheNd4jPath(2, 3, 21, 5);                       // T, hs not multiples of the lanes
        attentionMatchesTheNd4jPath(2, 2, 32, 16);                      // multiples: masked last vectors
    }

    private static void attentionMatchesTheNd4jPath(int B, int nh, int T, int hs) {
        Nd4j.getRandom().setSeed(7);
        INDArray qkv = Nd4j.randn(DataType.DOUBLE, B * T, 3 * nh * hs).muli(2);
        INDArray dy = Nd4j.randn(DataType.DOUBLE, B * T, nh * hs);
        INDArray[] ref = attention(qkv, dy, B, T, nh);
        INDArray[] fast = attention(qkv.castTo(DataType.FLOAT), dy.castTo(DataType.FLOAT), B, T, nh);
        assertClose(ref[0], fast[0], FP32_REL, "attention output");
        assertClose(ref[1], fast[1], FP32_REL, "attention dqkv");
        assertClose(ref[2], fast[2], FP32_REL, "attention weights");
        INDArray above = fast[2].get(org.nd4j.linalg.indexing.NDArrayIndex.point(B - 1),
                org.nd4j.linalg.indexing.NDArrayIndex.point(nh - 1), org.nd4j.linalg.indexing.NDArrayIndex.point(3),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(4, T));
        assertEquals(0.0, above.amaxNumber().doubleValue(), "weights above the diagonal are exactly 0");
    }

    private static INDArray[] attention(INDArray qkv, INDArray dy, int B, int T, int nh) {
        AttentionOps.Cache[] cache = new AttentionOps.Cache[1];
        INDArray y = AttentionOps.forward(qkv, B, T, nh, 0.0, cache);
        INDArray att = cache[0].att().dup();
        return new INDArray[]{y, AttentionOps.backward(dy, cache[0]), att};
    }

    @Test
    void biasGradientIsTheColumnSum() {
        Nd4j.getRandom().setSeed(4);
        INDArray dy = Nd4j.randn(DataType.DOUBLE, 50, 37);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 50, 11);
        INDArray W = Nd4j.randn(DataType.DOUBLE, 37, 11);
        INDArray dbRef = Nd4j.create(DataType.DOUBLE, 37);
        LinearOps.backward(dy, x, W, Nd4j.create(DataType.DOUBLE, 37, 11), dbRef, false);
        INDArray db = Nd4j.create(DataType.FLOAT, 37);
        LinearOps.backward(dy.castTo(DataType.FLOAT), x.castTo(DataType.FLOAT), W.castTo(DataType.FLOAT),
                Nd4j.create(DataType.FLOAT, 37, 11), db, false);
        assertClose(dbRef, db, FP32_REL, "bias gradient");
        assertClose(dy.sum(0), dbRef, 1e-15, "fp64 reference is Σ over rows");
    }

    @Test
    void crossEntropyAndItsGradientMatchTheDefinition() {
        Nd4j.getRandom().setSeed(6);
        int rows = 9, V = 65;
        INDArray logits = Nd4j.randn(DataType.FLOAT, rows, V).muli(4);
        int[] targets = {0, 64, 3, 17, 17, 40, 1, 63, 32};
        INDArray grad = Nd4j.create(DataType.FLOAT, rows, V);
        double loss = HostKernels.crossEntropy(logits, targets, grad);
        double expected = 0;
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (int j = 0; j < V; j++) {
                sum += Math.exp(logits.getDouble(r, j));
            }
            expected += Math.log(sum) - logits.getDouble(r, targets[r]);
            for (int j = 0; j < V; j++) {
                double g = (Math.exp(logits.getDouble(r, j)) / sum - (j == targets[r] ? 1 : 0)) / rows;
                assertEquals(g, grad.getDouble(r, j), FP32_REL, "gradient at " + r + "," + j);
            }
        }
        assertEquals(expected / rows, loss, FP32_REL * expected / rows);
    }

    @Test
    void wholeStepMatchesTheNd4jPath() {
        wholeStep(0.0);
    }

    @Test
    void wholeStepWithDropoutMatchesTheNd4jPath() {
        wholeStep(0.2);                           // the same masks: the generator is reseeded for each run
    }

    private static void wholeStep(double dropout) {
        GptConfig config = new GptConfig("test", 65, 2, 2, 24, 16, 3, dropout, true, true);
        Batch batch = Batch.sampleAt(DataSplit.tinyShakespeare().train(), 3, 16, 1, 0);
        HostArrays.setEnabled(false);
        Gpt reference = Gpt.create(config, DataType.FLOAT, 5);
        Nd4j.getRandom().setSeed(21);
        double refLoss = reference.lossAndGradients(batch, dropout > 0);
        HostArrays.setEnabled(true);
        Gpt fast = Gpt.create(config, DataType.FLOAT, 5);
        Nd4j.getRandom().setSeed(21);
        double fastLoss = fast.lossAndGradients(batch, dropout > 0);
        assertEquals(refLoss, fastLoss, STEP_REL * refLoss);
        for (Map.Entry<String, INDArray> e : reference.gradients().entrySet()) {
            assertClose(e.getValue(), fast.gradients().get(e.getKey()), STEP_REL, e.getKey() + ", dropout " + dropout);
        }
    }

    /** |a − b|∞ ≤ rel · max(|a|∞, tiny), the fp32 array compared in fp64 */
    private static void assertClose(INDArray expected, INDArray actual, double rel, String what) {
        INDArray a = actual.castTo(DataType.DOUBLE);
        INDArray e = expected.castTo(DataType.DOUBLE);
        double scale = Math.max(e.amaxNumber().doubleValue(), 1e-12);
        double diff = e.sub(a).amaxNumber().doubleValue();
        assertTrue(diff <= rel * scale, what + ": max difference " + diff + " against scale " + scale);
    }
}
