package dev.muonlab.sweep;

import java.util.Arrays;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * Welch's two-sample t-test (unequal variances; Welch 1947, Biometrika 34, with the
 * Welch-Satterthwaite degrees of freedom), two-sided, as modded-nanogpt's optimizer track reports a
 * record's p-value and as {@code scipy.stats.ttest_ind(a, b, equal_var=False)} computes it. The
 * distribution's tail comes from Apache Commons Math 3.6.1 ({@code TTest}).
 */
public final class WelchTest {

    private WelchTest() {
    }

    /**
     * @param a first sample, n ≥ 2 finite values. Not modified.
     * @param b second sample, n ≥ 2 finite values. Not modified.
     * @return the two-sided p-value of "the means are equal"; NaN when either sample has fewer than two
     *         values or both have zero variance
     */
    public static double pValue(double[] a, double[] b) {
        if (a.length < 2 || b.length < 2) {
            return Double.NaN;
        }
        if (Arrays.stream(a).anyMatch(v -> !Double.isFinite(v)) || Arrays.stream(b).anyMatch(v -> !Double.isFinite(v))) {
            throw new IllegalArgumentException("Welch test: samples must be finite");
        }
        if (variance(a) == 0 && variance(b) == 0) {
            return Double.NaN;
        }
        return new TTest().tTest(a, b);
    }

    /** @return Welch's t = (mean a − mean b) / √(s²_a/n_a + s²_b/n_b) */
    public static double t(double[] a, double[] b) {
        return (mean(a) - mean(b)) / Math.sqrt(variance(a) / a.length + variance(b) / b.length);
    }

    /** @return the arithmetic mean (NaN for none) */
    public static double mean(double[] x) {
        return Arrays.stream(x).average().orElse(Double.NaN);
    }

    /** @return the sample standard deviation (n − 1 in the denominator; NaN below two values) */
    public static double sd(double[] x) {
        return x.length < 2 ? Double.NaN : Math.sqrt(variance(x));
    }

    private static double variance(double[] x) {
        double m = mean(x);
        return Arrays.stream(x).map(v -> (v - m) * (v - m)).sum() / (x.length - 1);
    }
}
