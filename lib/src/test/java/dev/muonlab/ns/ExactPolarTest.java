package dev.muonlab.ns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The exact polar factor through LAPACK dgesdd (sgesdd in fp32), and the diagnostics built on it. */
class ExactPolarTest {

    /** Issue 3: the exact polar factor is orthogonal to 1e−12 in fp64. */
    static final double ORTHOGONAL = 1e-12;
    /** The fp32 polar factor (sgesdd): orthogonal and equal to the fp64 one to a few hundred fp32 ulps. */
    static final double FP32_AGREEMENT = 1e-4;

    @ParameterizedTest
    @CsvSource({"7, 13", "13, 7", "10, 10"})
    void polarIsOrthogonalAndReconstructs(int rows, int cols) {
        INDArray G = TestMatrices.gaussian(5, rows, cols, DataType.DOUBLE);
        INDArray before = G.dup();
        INDArray P = ExactPolar.polar(G);
        assertEquals(before, G);
        int r = Math.min(rows, cols);
        INDArray gram = rows <= cols ? P.mmul(P.transpose()) : P.transpose().mmul(P);   // (r, r)
        assertTrue(TestMatrices.maxAbsDiff(gram, Nd4j.eye(r)) < ORTHOGONAL);
        ExactPolar.Svd svd = ExactPolar.svd(G);
        INDArray back = svd.U().mmul(Nd4j.diag(svd.s())).mmul(svd.Vt());
        assertTrue(TestMatrices.maxAbsDiff(back, G) < 1e-12);
        // P is the closest orthogonal matrix: PᵀG is symmetric positive semi-definite (polar decomposition G = P H)
        INDArray H = P.transpose().mmul(G);
        assertTrue(TestMatrices.maxAbsDiff(H, H.transpose()) < 1e-12);
    }

    @Test
    void singularValuesAndRankDeficiency() {
        double[] s = {4, 2, 1, 0.25};
        INDArray G = TestMatrices.withSpectrum(6, 4, 9, s);
        assertArrayEquals(s, ExactPolar.singularValues(G).toDoubleVector(), 1e-12);
        INDArray low = TestMatrices.withSpectrum(6, 4, 9, new double[] {1, 1, 0, 0});
        INDArray P = ExactPolar.polar(low);
        assertArrayEquals(new double[] {1, 1, 0, 0}, ExactPolar.singularValues(P).toDoubleVector(), 1e-12);
        assertEquals(0.0, ExactPolar.polar(Nd4j.zeros(DataType.DOUBLE, 3, 5)).amaxNumber().doubleValue());
        assertEquals(DataType.FLOAT, ExactPolar.polar(G.castTo(DataType.FLOAT)).dataType());
        assertThrows(IllegalArgumentException.class, () -> ExactPolar.polar(Nd4j.create(DataType.DOUBLE, 2, 2, 2)));
    }

    @Test
    void diagnosticsFollowLemma1() {
        INDArray G = TestMatrices.withSpectrum(7, 8, 12, new double[] {1, 0.8, 0.5, 0.3, 0.2, 0.1, 0.05, 0.02});
        Schedule s = Schedule.taylor(2, 3);
        INDArray X = new NsConfig(s, Normalization.keller(), Precision.FP64).orthogonalizer().orthogonalize(G);
        NsDiagnostics d = NsDiagnostics.of(G, X, s);
        double[] sv = d.singularValues();
        double smin = sv[sv.length - 1];
        // X shares G's singular vectors, so δ = 1 − σ_min(X)² and ε = 1 − σ_min(X) (Kim & Oh Lemma 1; σ ≤ 1 here)
        assertEquals(1 - smin * smin, d.orthogonalityResidual(), 1e-10);
        assertEquals(1 - smin, d.polarError(), 1e-10);
        assertEquals(1 - Math.sqrt(1 - d.orthogonalityResidual()), d.polarError(), 1e-10);
        assertEquals(9, d.matrixProducts());
        assertTrue(d.report().contains("orthogonality"));
        NsDiagnostics exact = NsDiagnostics.of(G, ExactPolar.polar(G), null);
        assertEquals(0, exact.polarError(), 1e-12);
        assertEquals(0, exact.orthogonalityResidual(), 1e-12);
        assertEquals(1 / Math.sqrt(12), exact.rms(), 1e-12);
    }

    @ParameterizedTest
    @CsvSource({"40, 70", "70, 40"})
    void fp32PolarAgreesWithFp64(int rows, int cols) {
        INDArray G = TestMatrices.gaussian(11, rows, cols, DataType.DOUBLE);
        INDArray exact = ExactPolar.polar(G);
        INDArray single = ExactPolar.polar(G.castTo(DataType.FLOAT), Precision.FP32);
        assertEquals(DataType.FLOAT, single.dataType());
        assertTrue(TestMatrices.maxAbsDiff(single.castTo(DataType.DOUBLE), exact) < FP32_AGREEMENT);
        INDArray gram = rows <= cols ? single.mmul(single.transpose()) : single.transpose().mmul(single);
        assertTrue(TestMatrices.maxAbsDiff(gram.castTo(DataType.DOUBLE), Nd4j.eye(Math.min(rows, cols))) < FP32_AGREEMENT);
        // the orthogonalizer form is the same function
        assertEquals(single, ExactPolar.orthogonalizer(Precision.FP32).orthogonalize(G.castTo(DataType.FLOAT)));
    }

    @Test
    void refusesBadInputWithClearMessages() {
        INDArray nan = TestMatrices.gaussian(3, 4, 6, DataType.DOUBLE);
        nan.putScalar(1, 2, Double.NaN);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ExactPolar.polar(nan)).getMessage().contains("NaN"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ExactPolar.polar(nan, Precision.FP32)).getMessage().contains("NaN"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ExactPolar.singularValues(nan)).getMessage().contains("NaN"));
        assertThrows(IllegalArgumentException.class, () -> ExactPolar.polar(TestMatrices.gaussian(3, 4, 6, DataType.DOUBLE), Precision.BF16));
    }
}
