package dev.muonlab.ns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Every pre-normalization puts σ where the scalar map expects it. */
class NormalizationTest {

    static final double[] SPECTRUM = {2.0, 1.0, 0.5, 0.1};

    @ParameterizedTest
    @EnumSource(Normalization.Kind.class)
    void singularValuesAreTheScalarMapOfTheScaledSpectrum(Normalization.Kind kind) {
        INDArray G = TestMatrices.withSpectrum(11, 4, 7, SPECTRUM);
        Normalization n = switch (kind) {
            case FROBENIUS -> Normalization.keller();
            case TORCH -> Normalization.torch();
            case SAFETY -> Normalization.safety(1.01);
            case SPECTRAL -> new Normalization(Normalization.Kind.SPECTRAL, 500);
            case NONE -> Normalization.none();
            case SCHATTEN4 -> Normalization.schatten4();
            case AOL -> Normalization.aol();
        };
        INDArray input = kind == Normalization.Kind.NONE ? G.div(2.0) : G; // "none" needs ‖G‖_op ≤ 1
        double d = switch (kind) {
            case FROBENIUS -> Math.sqrt(4 + 1 + 0.25 + 0.01) + 1e-7;
            case TORCH -> Math.sqrt(4 + 1 + 0.25 + 0.01);
            case SAFETY -> Math.sqrt(4 + 1 + 0.25 + 0.01) * 1.01 + 1e-7;
            case SPECTRAL -> 2.0;
            case NONE -> 2.0; // the input was halved
            case SCHATTEN4 -> Math.pow(16 + 1 + 0.0625 + 0.0001, 0.25) + 1e-7; // (Σσ⁴)^¼
            case AOL -> 1.0; // not a divisor: the spectrum below is that of D·G
        };
        double[] start = kind == Normalization.Kind.AOL
                ? ExactPolar.singularValues(AolPrescale.apply(G, 1e-7)).toDoubleVector() : SPECTRUM;
        Schedule s = Schedule.taylor(2, 3);
        INDArray X = new NsConfig(s, n, Precision.FP64).orthogonalizer().orthogonalize(input);
        double[] expected = new double[SPECTRUM.length];
        for (int i = 0; i < SPECTRUM.length; i++) {
            expected[i] = s.apply(start[i] / d);
        }
        java.util.Arrays.sort(expected);
        double[] actual = ExactPolar.singularValues(X).toDoubleVector();
        java.util.Arrays.sort(actual);
        assertArrayEquals(expected, actual, 1e-9);
        assertEquals(DataType.DOUBLE, X.dataType());
    }
}
