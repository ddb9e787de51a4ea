package dev.muonlab.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;

/** {@link Lanes} against Math.exp in fp64 and against a sequential scalar sum. */
class LanesTest {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Relative error of the fp32 exp: a few ulps of fp32 (ulp(1) = 1.19e-7). */
    private static final double EXP_REL = 3e-7;

    @Test
    void expIsAccurateOverTheWholeFloatRange() {
        float[] x = new float[S.length()];
        float[] y = new float[S.length()];
        double worst = 0;
        for (double start = -87; start + 0.0137 * S.length() < 88; start += 0.0137 * S.length()) {
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (start + 0.0137 * i);
            }
            Lanes.exp(FloatVector.fromArray(S, x, 0)).intoArray(y, 0);
            for (int i = 0; i < x.length; i++) {
                double exact = Math.exp(x[i]);
                worst = Math.max(worst, Math.abs(y[i] - exact) / exact);
            }
        }
        assertEquals(0, worst, EXP_REL, "worst relative error");
        Lanes.exp(FloatVector.broadcast(S, 0f)).intoArray(y, 0);
        assertEquals(1f, y[0], "e^0 is exactly 1");
        Lanes.exp(FloatVector.broadcast(S, -1000f)).intoArray(y, 0);
        assertEquals(Math.exp(-87), y[0], 1e-44, "clamped below at e^-87");
    }

    @Test
    void sumAddsTheLanesInOrder() {
        float[] x = new float[S.length()];
        float expected = 0;
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.pow(-1.7, i) * 1e-3f + 1e4f * (i % 3);
            expected += x[i];
        }
        float[] lanes = new float[S.length()];
        FloatVector.fromArray(S, x, 0).intoArray(lanes, 0);
        assertEquals(expected, Lanes.sum(lanes));
    }
}
