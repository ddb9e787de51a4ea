package dev.muonlab.ns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The ND4J-op Newton-Schulz path ({@link NsOps}), which CUDA takes, held on the CPU to the same
 * PyTorch fixtures as the host-BLAS kernel ({@link NewtonSchulzGoldenTest}'s tolerances) and to the
 * kernel itself across polynomial degrees and orientations.
 */
class NsOpsTest {

    /** fp64: the two paths differ only in summation order (syrk versus gemm). */
    static final double FP64_PATHS_REL_FRO = 1e-12;
    /** fp32: a few ulps of fp32 per product, amplified by the iteration's slopes (up to ~3.4 per step). */
    static final double FP32_PATHS_REL_FRO = 2e-5;

    private static INDArray withNd4jOps(Supplier<INDArray> run) {
        boolean before = NewtonSchulzOrthogonalizer.setHostBlasEnabled(false);
        try {
            return run.get();
        } finally {
            NewtonSchulzOrthogonalizer.setHostBlasEnabled(before);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"8x4", "4x8", "32x64", "96x48", "128x128"})
    void matchesPyTorchInFp64AndFp32(String shape) {
        INDArray G = Fixtures.npy("G_" + shape);
        NsConfig fp64 = NsConfig.keller().withPrecision(Precision.FP64);
        INDArray X64 = withNd4jOps(() -> NewtonSchulz.orthogonalize(G.castTo(DataType.DOUBLE), fp64));
        INDArray X32 = withNd4jOps(() -> NewtonSchulz.keller(G));
        double e64 = Fixtures.relFro(X64, Fixtures.npy("NS5_fp64_" + shape));
        double e32 = Fixtures.relFro(X32, Fixtures.npy("NS5_fp32_" + shape));
        assertArrayEquals(G.shape(), X32.shape());
        assertTrue(e64 < NewtonSchulzGoldenTest.FP64_REL_FRO, "fp64 rel err " + e64);
        assertTrue(e32 < NewtonSchulzGoldenTest.FP32_REL_FRO, "fp32 rel err " + e32);
    }

    @Test
    void equalsTheHostKernelForEveryPolynomialDegree() {
        Schedule[] schedules = {
                Schedule.custom(new double[][] {{0.5}}),       // degree 1: a scaling
                Schedule.cubic(6),                             // degree 3
                Schedule.keller(5),                            // degree 5
                Schedule.taylor(3, 3),                         // degree 7: Horner's middle step
                Schedule.taylor(4, 2)};                        // degree 9
        int[][] shapes = {{24, 40}, {40, 24}, {32, 32}};
        long seed = 11;
        for (Schedule s : schedules) {
            for (int[] shape : shapes) {
                for (Precision p : new Precision[] {Precision.FP64, Precision.FP32}) {
                    NsConfig config = NsConfig.keller().withSchedule(s).withPrecision(p);
                    INDArray G = TestMatrices.gaussian(seed++, shape[0], shape[1], p.storageType());
                    INDArray host = NewtonSchulz.orthogonalize(G, config);
                    INDArray ops = withNd4jOps(() -> NewtonSchulz.orthogonalize(G, config));
                    double e = Fixtures.relFro(ops, host);
                    double tolerance = p == Precision.FP64 ? FP64_PATHS_REL_FRO : FP32_PATHS_REL_FRO;
                    assertTrue(e < tolerance, s.name() + " " + p + " " + shape[0] + "x" + shape[1] + ": rel diff " + e);
                }
            }
        }
    }
}
