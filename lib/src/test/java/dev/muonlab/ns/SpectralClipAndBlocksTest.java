package dev.muonlab.ns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Spectral hardcap against U·min(Σ, β)·Vᵀ built from a known SVD; split-block orthogonalization against per-block polar factors. */
class SpectralClipAndBlocksTest {

    /** Exact polar factors in double: LAPACK round-off. */
    static final double EXACT = 1e-10;

    @Test
    void hardcapClipsSingularValuesFromAbove() {
        double[] s = {3.0, 1.5, 0.8, 0.2};
        double beta = 1.0;
        for (int[] shape : new int[][] {{4, 9}, {9, 4}}) {
            INDArray X = TestMatrices.withSpectrum(71, shape[0], shape[1], s);
            INDArray capped = TestMatrices.withSpectrum(71, shape[0], shape[1], new double[] {1.0, 1.0, 0.8, 0.2});
            INDArray H = SpectralClip.hardcap(X, beta, ExactPolar.orthogonalizer());
            assertTrue(TestMatrices.maxAbsDiff(H, capped) < EXACT, "shape " + shape[0] + "x" + shape[1]
                    + ": max |diff| = " + TestMatrices.maxAbsDiff(H, capped));
        }
        // with Newton-Schulz polar factors (Polar Express ×8, fp64) the cap holds to the iteration's accuracy
        INDArray X = TestMatrices.withSpectrum(72, 6, 12, new double[] {4, 2, 1.2, 0.9, 0.5, 0.3});
        INDArray H = SpectralClip.hardcap(X, 1.0, NsPresets.get("polar-express-8").withPrecision(Precision.FP64).orthogonalizer());
        double[] sv = ExactPolar.singularValues(H).toDoubleVector();
        java.util.Arrays.sort(sv);
        assertArrayEquals(new double[] {0.3, 0.5, 0.9, 1.0, 1.0, 1.0}, sv, 0.05);
        // clipped decay: (1 − c)·X + c·hardcap(X)
        INDArray D = SpectralClip.clippedDecay(X, 1.0, 0.5, ExactPolar.orthogonalizer());
        INDArray expected = X.mul(0.5).add(SpectralClip.hardcap(X, 1.0, ExactPolar.orthogonalizer()).mul(0.5));
        assertTrue(TestMatrices.maxAbsDiff(D, expected) < EXACT);
        assertThrows(IllegalArgumentException.class, () -> SpectralClip.hardcap(X, 0, ExactPolar.orthogonalizer()));
    }

    @Test
    void clipClampsSingularValuesIntoTheBand() {
        for (int[] shape : new int[][] {{5, 9}, {9, 5}}) {
            INDArray X = TestMatrices.withSpectrum(74, shape[0], shape[1], new double[] {3.0, 1.5, 0.8, 0.2, 0.05});
            INDArray expected = TestMatrices.withSpectrum(74, shape[0], shape[1], new double[] {1.0, 1.0, 0.8, 0.3, 0.3});
            INDArray C = SpectralClip.clip(X, 0.3, 1.0, ExactPolar.orthogonalizer());
            assertTrue(TestMatrices.maxAbsDiff(C, expected) < EXACT, "shape " + shape[0] + "x" + shape[1]
                    + ": max |diff| = " + TestMatrices.maxAbsDiff(C, expected));
        }
        assertThrows(IllegalArgumentException.class, () -> SpectralClip.clip(Nd4j.eye(2), 1, 0.5, ExactPolar.orthogonalizer()));
    }

    @Test
    void blocksAreOrthogonalizedSeparately() {
        int C = 8;
        INDArray W = TestMatrices.gaussian(73, 3 * C, C, DataType.DOUBLE);     // a fused c_attn (3C, C)
        Orthogonalizer exact = ExactPolar.orthogonalizer();
        INDArray O = BlockOrthogonalizer.qkv(exact, C).orthogonalize(W);
        for (int b = 0; b < 3; b++) {
            INDArray block = W.get(NDArrayIndex.interval(b * C, (b + 1) * C), NDArrayIndex.all()).dup();
            INDArray ob = O.get(NDArrayIndex.interval(b * C, (b + 1) * C), NDArrayIndex.all()).dup();
            assertTrue(TestMatrices.maxAbsDiff(ob, exact.orthogonalize(block)) < EXACT);
            assertTrue(TestMatrices.maxAbsDiff(ob.mmul(ob.transpose()), Nd4j.eye(C)) < EXACT, "block " + b + " is orthogonal");
        }
        // the whole is not what the fused polar factor gives
        assertTrue(TestMatrices.maxAbsDiff(O, exact.orthogonalize(W)) > 0.1);
        // per head: 2 heads of 4 rows → 6 blocks, each with orthonormal rows
        INDArray H = BlockOrthogonalizer.perHead(exact, C, 2).orthogonalize(W);
        for (int b = 0; b < 6; b++) {
            INDArray hb = H.get(NDArrayIndex.interval(b * 4, (b + 1) * 4), NDArrayIndex.all()).dup();
            assertTrue(TestMatrices.maxAbsDiff(hb.mmul(hb.transpose()), Nd4j.eye(4)) < EXACT, "head block " + b);
        }
        assertEquals(6, BlockOrthogonalizer.perHead(exact, C, 2).blocks().length);
        assertThrows(IllegalArgumentException.class, () -> BlockOrthogonalizer.perHead(exact, C, 3));
        assertThrows(IllegalArgumentException.class, () -> BlockOrthogonalizer.qkv(exact, 5).orthogonalize(W));
    }
}
