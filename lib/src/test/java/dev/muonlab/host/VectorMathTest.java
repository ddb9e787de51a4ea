package dev.muonlab.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link VectorMath#allFinite} against the definition, element by element, at every position. */
class VectorMathTest {

    @Test
    void allFiniteFindsEveryNonFiniteValueWhereverItIs() {
        int n = 37;                                        // not a multiple of any lane count: a scalar tail
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (i - 18) * 0.75f;
        }
        assertTrue(VectorMath.allFinite(x, n));
        for (float bad : new float[]{Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            for (int at = 0; at < n; at++) {
                float keep = x[at];
                x[at] = bad;
                assertFalse(VectorMath.allFinite(x, n), bad + " at " + at);
                assertEquals(at >= n - 1, VectorMath.allFinite(x, n - 1), "only the first n-1 are read");
                x[at] = keep;
            }
        }
    }

    @Test
    void finiteValuesWhoseSumOverflowsAreFinite() {
        float[] x = new float[40];
        java.util.Arrays.fill(x, Float.MAX_VALUE);
        assertTrue(VectorMath.allFinite(x, x.length));
    }
}
