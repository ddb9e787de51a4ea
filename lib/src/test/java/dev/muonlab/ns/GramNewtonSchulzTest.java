package dev.muonlab.ns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Gram Newton-Schulz is algebraically the same map as Newton-Schulz (X_t = Q_t X₀, Q_t a polynomial in
 * X₀X₀ᵀ): held to the plain iteration in fp64 and fp32, for any restarts, and its FLOP count to the
 * hand-derived formula.
 */
class GramNewtonSchulzTest {

    /** fp64: the two orders of products differ by round-off, amplified at most by the steps' slopes. */
    static final double FP64_TOL = 1e-9;
    /** fp32: the same, at float round-off (entries are O(1/√m)). */
    static final double FP32_TOL = 2e-4;

    @Test
    void equalsPlainNewtonSchulzInFp64ForEveryScheduleShapeAndRestart() {
        NsConfig[] configs = {NsConfig.keller(), NsPresets.get("polar-express-8"), NsPresets.get("dion"),
                NsConfig.keller().withSchedule(Schedule.taylor(3, 4)), NsPresets.get("aol"),
                NsConfig.keller().withNormalization(Normalization.schatten4())};
        int[][] shapes = {{8, 64}, {64, 8}, {16, 16}, {12, 40}};
        int[][] restarts = {{}, {2}, {1, 3}};
        for (NsConfig c0 : configs) {
            NsConfig c = c0.withPrecision(Precision.FP64);
            for (int[] s : shapes) {
                INDArray G = TestMatrices.gaussian(51 + s[0], s[0], s[1], DataType.DOUBLE);
                INDArray plain = c.orthogonalizer().orthogonalize(G);
                for (int[] r : restarts) {
                    for (boolean host : new boolean[] {true, false}) {       // host-BLAS kernel and ND4J ops
                        boolean before = GramNewtonSchulz.setHostBlasEnabled(host);
                        try {
                            INDArray gram = new GramNewtonSchulz(c, r).orthogonalize(G);
                            double d = TestMatrices.maxAbsDiff(plain, gram);
                            assertTrue(d < FP64_TOL, c.schedule().name() + " " + s[0] + "x" + s[1] + " restarts "
                                    + java.util.Arrays.toString(r) + " host " + host + ": max |diff| = " + d);
                        } finally {
                            GramNewtonSchulz.setHostBlasEnabled(before);
                        }
                    }
                }
            }
        }
    }

    @Test
    void equalsPlainNewtonSchulzInFp32() {
        INDArray G = TestMatrices.gaussian(61, 32, 256, DataType.FLOAT);
        INDArray plain = NsConfig.keller().orthogonalizer().orthogonalize(G);
        for (INDArray input : new INDArray[] {G, G.transpose().dup()}) {
            INDArray expected = NsConfig.keller().orthogonalizer().orthogonalize(input);
            INDArray gram = GramNewtonSchulz.of(NsConfig.keller()).orthogonalize(input);
            assertEquals(DataType.FLOAT, gram.dataType());
            assertTrue(TestMatrices.maxAbsDiff(expected, gram) < FP32_TOL, "max |diff| = " + TestMatrices.maxAbsDiff(expected, gram));
        }
    }

    @Test
    void gramPolynomialIsTheHornerFormOfQ() {
        // R = diag(0.25, 1): q(s) = a₁ + a₃s + a₅s² acts on each eigenvalue
        INDArray R = org.nd4j.linalg.factory.Nd4j.diag(org.nd4j.linalg.factory.Nd4j.createFromArray(0.25, 1.0));
        OddPolynomial p = OddPolynomial.of(3.4445, -4.7750, 2.0315);
        INDArray P = GramNewtonSchulz.gramPolynomial(p, R);
        assertEquals(3.4445 - 4.7750 * 0.25 + 2.0315 * 0.0625, P.getDouble(0, 0), 1e-15);
        assertEquals(3.4445 - 4.7750 + 2.0315, P.getDouble(1, 1), 1e-15);
        assertEquals(0.0, P.getDouble(0, 1), 0);
    }

    @Test
    void flopCountsFollowTheFormula() {
        Schedule k5 = Schedule.keller(5);
        long m = 128;
        long n = 1024;
        // plain: 5 · (4m²n + 2m³)
        assertEquals(5 * (4.0 * m * m * n + 2.0 * m * m * m), GramNewtonSchulz.plainFlops(m, n, k5), 0);
        // gram, no restart: R₀ 2m²n; q(R) 2m³ ×5; Q·P 2m³ ×4; P·R·P 4m³ ×4; final 2m²n
        double noRestart = 4.0 * m * m * n + (10 + 8 + 16) * (double) m * m * m;
        assertEquals(noRestart, GramNewtonSchulz.gramFlops(m, n, k5), 0);
        assertEquals(noRestart, GramNewtonSchulz.gramFlops(n, m, k5), 0);
        // restart before step 2: + 4m²n, one Q·P fewer, one P·R·P fewer (before the restart)
        assertEquals(noRestart + 4.0 * m * m * n - 6.0 * m * m * m, GramNewtonSchulz.gramFlops(m, n, k5, 2), 0);
        assertTrue(GramNewtonSchulz.gramFlops(m, n, k5, 2) < 0.55 * GramNewtonSchulz.plainFlops(m, n, k5),
                "aspect 8: Gram NS needs 0.54 of the FLOPs");
        assertTrue(GramNewtonSchulz.gramFlops(m, m, k5, 2) > GramNewtonSchulz.plainFlops(m, m, k5),
                "square: Gram NS needs more");
    }

    @Test
    void refusesBf16AndKeepsZeros() {
        assertThrows(IllegalArgumentException.class,
                () -> GramNewtonSchulz.of(NsConfig.keller().withPrecision(Precision.BF16)));
        INDArray Z = org.nd4j.linalg.factory.Nd4j.zeros(DataType.FLOAT, 3, 5);
        assertEquals(0.0, GramNewtonSchulz.of(NsConfig.keller()).orthogonalize(Z).amaxNumber().doubleValue(), 0);
    }
}
