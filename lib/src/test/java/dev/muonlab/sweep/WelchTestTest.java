package dev.muonlab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Welch's test against SciPy 1.17.1: {@code scipy.stats.ttest_ind(a, b, equal_var=False)} printed the
 * statistics and p-values below on 2026-12-05 (this repository's machine, a throwaway venv).
 */
class WelchTestTest {

    /** Agreement with SciPy's double-precision result, relative. */
    private static final double REL_TOL = 1e-9;

    private static final double[] A = {312.5, 298.0, 305.25, 320.0, 301.75};
    private static final double[] B = {150.5, 162.0, 148.25, 155.0, 171.5};
    private static final double[] C = {305.0, 299.5, 318.0, 310.25, 296.0};

    @Test
    void matchesScipyOnAClearDifference() {
        assertRel(25.98925993520401, WelchTest.t(A, B));
        assertRel(5.543079458267761e-09, WelchTest.pValue(A, B));
    }

    @Test
    void matchesScipyOnNoDifference() {
        assertRel(0.31568063090421977, WelchTest.t(A, C));
        assertRel(0.760323601837798, WelchTest.pValue(A, C));
    }

    @Test
    void matchesScipyOnUnequalSizes() {
        double[] x = {1.0, 2.0};
        double[] y = {1.5, 2.5, 3.5};
        assertRel(-1.3093073414159544, WelchTest.t(x, y));
        assertRel(0.28502284001427447, WelchTest.pValue(x, y));
    }

    @Test
    void meanAndSampleSdAreExact() {
        assertEquals(2.0, WelchTest.mean(new double[] {1, 2, 3}), 0);
        assertEquals(1.0, WelchTest.sd(new double[] {1, 2, 3}), 0);
        assertTrue(Double.isNaN(WelchTest.sd(new double[] {4})));
    }

    @Test
    void tooFewOrConstantSamplesGiveNaNAndNonFiniteOnesAreRefused() {
        assertTrue(Double.isNaN(WelchTest.pValue(new double[] {1}, A)));
        assertTrue(Double.isNaN(WelchTest.pValue(new double[] {2, 2}, new double[] {3, 3})));
        assertThrows(IllegalArgumentException.class, () -> WelchTest.pValue(new double[] {1, Double.NaN}, A));
    }

    private static void assertRel(double expected, double actual) {
        assertEquals(expected, actual, Math.abs(expected) * REL_TOL, "expected " + expected + ", got " + actual);
    }
}
