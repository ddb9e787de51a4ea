package dev.muonlab.gpt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link HeadGemm} against the definition of the matrix product, computed element by element in
 * Java, for both of its paths (CBLAS per head, and ND4J matmul on strided views), every transpose
 * combination, and operands packed side by side in one array as attention stores q, k and v.
 */
class HeadGemmTest {

    /** fp64 products of length ≤ 8 with entries in [0, 1): only rounding differs from the exact sum. */
    private static final double FP64_TOL = 1e-12;
    /** fp32 attention, BLAS path against ND4J path: same products, different summation order. */
    private static final double FP32_TOL = 2e-6;

    private static final int B = 2, NH = 3, T = 5, HS = 4;

    @AfterEach
    void restoreBlas() {
        HeadGemm.setBlasEnabled(true);
    }

    @Test
    void everyTransposeMatchesTheDefinitionOnBothPaths() {
        for (boolean blas : new boolean[]{true, false}) {
            HeadGemm.setBlasEnabled(blas);
            for (boolean ta : new boolean[]{false, true}) {
                for (boolean tb : new boolean[]{false, true}) {
                    checkAgainstDefinition(ta, tb, blas);
                }
            }
        }
    }

    private static void checkAgainstDefinition(boolean ta, boolean tb, boolean blas) {
        Nd4j.getRandom().setSeed(11);
        INDArray qkv = Nd4j.rand(DataType.DOUBLE, B * T, 3 * NH * HS);                     // (N, 3C)
        INDArray stacked = Nd4j.rand(DataType.DOUBLE, B, NH, T, T);
        HeadMatrices q = HeadMatrices.packed(qkv, 0, B, T, NH, HS);                        // (T, HS) blocks
        HeadMatrices k = HeadMatrices.packed(qkv, NH * HS, B, T, NH, HS);
        HeadMatrices att = HeadMatrices.stacked(stacked);                                  // (T, T)
        // the attention products: q kᵀ, att v, attᵀ dy, and qᵀ attᵀ for the remaining combination
        HeadMatrices a = ta == tb ? (ta ? q : att) : (tb ? q : att);
        HeadMatrices b = tb ? (ta ? att : k) : k;
        int m = ta ? a.cols() : a.rows();
        int n = tb ? b.rows() : b.cols();
        INDArray out = Nd4j.rand(DataType.DOUBLE, B, NH, m, n);   // garbage that must be overwritten
        HeadGemm.gemm(ta, tb, 0.5, a, b, HeadMatrices.stacked(out));
        int inner = ta ? a.rows() : a.cols();
        for (int s = 0; s < B; s++) {
            for (int h = 0; h < NH; h++) {
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        double sum = 0;
                        for (int l = 0; l < inner; l++) {
                            sum += element(a, s, h, ta ? l : i, ta ? i : l) * element(b, s, h, tb ? j : l, tb ? l : j);
                        }
                        assertEquals(0.5 * sum, out.getDouble(s, h, i, j), FP64_TOL,
                                "blas=" + blas + " ta=" + ta + " tb=" + tb + " at " + s + "," + h + "," + i + "," + j);
                    }
                }
            }
        }
    }

    private static double element(HeadMatrices x, int b, int h, int r, int c) {
        return x.array().data().getDouble(x.offset() + b * x.batchStride() + h * x.headStride() + (long) r * x.ld() + c);
    }

    @Test
    void writesIntoPackedColumnsLeaveTheOtherColumnsAlone() {
        Nd4j.getRandom().setSeed(3);
        INDArray att = Nd4j.rand(DataType.DOUBLE, B, NH, T, T);
        INDArray v = Nd4j.rand(DataType.DOUBLE, B * T, NH * HS);
        INDArray dqkv = Nd4j.valueArrayOf(new long[]{B * T, 3L * NH * HS}, 7.0, DataType.DOUBLE);
        HeadGemm.gemm(true, false, 1.0, HeadMatrices.stacked(att), HeadMatrices.packed(v, 0, B, T, NH, HS),
                HeadMatrices.packed(dqkv, 2 * NH * HS, B, T, NH, HS));
        INDArray untouched = dqkv.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2 * NH * HS));
        assertEquals(7.0, untouched.minNumber().doubleValue());
        assertEquals(7.0, untouched.maxNumber().doubleValue());
    }

    @Test
    void attentionAgreesOnBothPathsInFp32() {
        Nd4j.getRandom().setSeed(5);
        INDArray qkv = Nd4j.randn(DataType.FLOAT, B * T, 3 * NH * HS);
        INDArray dy = Nd4j.randn(DataType.FLOAT, B * T, NH * HS);
        INDArray[] blas = attention(qkv, dy, true);
        INDArray[] nd4j = attention(qkv, dy, false);
        for (int i = 0; i < blas.length; i++) {
            assertArrayEquals(nd4j[i].shape(), blas[i].shape());
            double diff = blas[i].sub(nd4j[i]).amaxNumber().doubleValue();
            assertTrue(diff < FP32_TOL, "output " + i + " differs by " + diff);
        }
    }

    private static INDArray[] attention(INDArray qkv, INDArray dy, boolean blas) {
        HeadGemm.setBlasEnabled(blas);
        AttentionOps.Cache[] cache = new AttentionOps.Cache[1];
        INDArray y = AttentionOps.forward(qkv, B, T, NH, 0.0, cache);
        return new INDArray[]{y, AttentionOps.backward(dy, cache[0])};
    }

    @Test
    void plainMatmulEqualsNd4jGemmForEveryTransposeAndBeta() {
        Nd4j.getRandom().setSeed(8);
        for (boolean ta : new boolean[]{false, true}) {
            for (boolean tb : new boolean[]{false, true}) {
                for (double beta : new double[]{0.0, 1.0}) {
                    INDArray a = ta ? Nd4j.rand(DataType.DOUBLE, 7, 5) : Nd4j.rand(DataType.DOUBLE, 5, 7);
                    INDArray b = tb ? Nd4j.rand(DataType.DOUBLE, 3, 7) : Nd4j.rand(DataType.DOUBLE, 7, 3);
                    INDArray c0 = Nd4j.rand(DataType.DOUBLE, 5, 3);
                    INDArray viaBlas = HeadGemm.matmul(a, b, c0.dup(), ta, tb, 0.5, beta);
                    INDArray reference = Nd4j.gemm(a, b, c0.dup(), ta, tb, 0.5, beta);
                    double diff = viaBlas.sub(reference).amaxNumber().doubleValue();
                    assertTrue(diff < FP64_TOL, "ta=" + ta + " tb=" + tb + " beta=" + beta + ": " + diff);
                }
            }
        }
    }

    @Test
    void nonConformingShapesAreRefused() {
        INDArray x = Nd4j.rand(DataType.FLOAT, B, NH, T, HS);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HeadGemm.gemm(false, false,
                1.0, HeadMatrices.stacked(x), HeadMatrices.stacked(x), HeadMatrices.stacked(x)));
        assertTrue(e.getMessage().contains("do not conform"), e.getMessage());
    }

    @Test
    void matricesOutsideTheArrayAreRefused() {
        INDArray x = Nd4j.rand(DataType.FLOAT, B * T, NH * HS);
        assertThrows(IllegalArgumentException.class, () -> HeadMatrices.packed(x, HS, B, T, NH, HS));
    }
}
