package dev.muonlab.ns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The named NS presets: their tables as published, repeat-last extension, and that each orthogonalizes. */
class NsPresetsTest {

    @Test
    void tablesAreThePublishedNumbers() {
        assertEquals(OddPolynomial.of(4.0848, -6.8946, 2.9270), Schedule.dion().steps().get(0));
        assertEquals(OddPolynomial.of(2.8366, -3.0525, 1.2012), Schedule.dion().steps().get(4));
        assertEquals(OddPolynomial.of(4.0098, -7.0585, 2.4635), Schedule.aol().steps().get(0));
        assertEquals(OddPolynomial.of(2.7215, -3.0494, 1.3169), Schedule.aol().steps().get(3));
        assertEquals(8, NsPresets.get("polar-express-8").schedule().size());
        assertEquals(5, NsPresets.get("polar-express").schedule().size());
        // EO's polar_express row 1 (8.2051, −22.9019, 16.4607) is the raw table divided by 1.01, 1.01³, 1.01⁵
        OddPolynomial first = NsPresets.get("polar-express-8").schedule().steps().get(0);
        assertEquals(8.2051, first.coefficient(0), 1e-4); // EO prints 4 decimals, truncated
        assertEquals(-22.9019, first.coefficient(1), 1e-4);
        assertEquals(16.4607, first.coefficient(2), 1e-4);
        assertEquals(Normalization.Kind.AOL, NsPresets.get("aol").normalization().kind());
        assertEquals(Normalization.Kind.SAFETY, NsPresets.get("polar-express").normalization().kind());
    }

    @Test
    void extraStepsRepeatTheLastPolynomial() {
        Schedule d7 = NsPresets.get("dion:7").schedule();
        assertEquals(7, d7.size());
        assertEquals(Schedule.dion().steps().get(4), d7.steps().get(5));
        assertEquals(Schedule.dion().steps().get(4), d7.steps().get(6));
        assertEquals(Schedule.aol().steps(), ScheduleSpec.parse("aol").steps());
        assertEquals(Schedule.dion().steps(), ScheduleSpec.parse("dion").steps());
        assertEquals(PolarExpress.published().steps(), ScheduleSpec.parse("polar-express-8").steps());
        assertThrows(IllegalArgumentException.class, () -> NsPresets.get("nope"));
    }

    /** Each preset, at its own step count, leaves the singular values of a Gaussian matrix within its published band. */
    @Test
    void everyPresetOrthogonalizes() {
        INDArray G = TestMatrices.gaussian(41, 24, 40, DataType.DOUBLE);
        NsPresets.all().forEach((name, config) -> {
            INDArray X = config.withPrecision(Precision.FP64).orthogonalizer().orthogonalize(G);
            double[] s = ExactPolar.singularValues(X).toDoubleVector();
            double lo = java.util.Arrays.stream(s).min().orElseThrow();
            double hi = java.util.Arrays.stream(s).max().orElseThrow();
            // Keller's quintic oscillates in about [0.7, 1.2] (his blog); the others converge tighter
            assertTrue(lo > 0.6 && hi < 1.25, name + ": σ in [" + lo + ", " + hi + "]");
        });
    }
}
