package dev.muonlab.theory;

import dev.muonlab.ns.OddPolynomial;
import dev.muonlab.ns.Schedule;

/**
 * Newton-Schulz on singular values: X = U Σ Vᵀ ↦ U p(Σ) Vᵀ, so a schedule is the scalar composite
 * σ ↦ p_q ∘ … ∘ p_1(σ) (Keller Jordan's blog; Polar Express §2). These static functions evaluate
 * it on grids: trajectories per step, images and worst-case errors on [ℓ, 1], and the band a
 * polynomial repeated forever settles in.
 */
public final class ScalarMaps {

    private ScalarMaps() {
    }

    /** @return n log-spaced points from lo to hi inclusive (0 &lt; lo &lt; hi, n ≥ 2) */
    public static double[] logGrid(double lo, double hi, int n) {
        if (!(lo > 0 && hi > lo) || n < 2) {
            throw new IllegalArgumentException("need 0 < lo < hi and n >= 2");
        }
        double[] g = new double[n];
        double a = Math.log(lo);
        double b = Math.log(hi);
        for (int i = 0; i < n; i++) {
            g[i] = Math.exp(a + (b - a) * i / (n - 1));
        }
        g[0] = lo;
        g[n - 1] = hi;
        return g;
    }

    /**
     * @return values[t][i] = (p_t ∘ … ∘ p_1)(grid[i]) for t = 0 … q (row 0 is the grid itself).
     * grid: not modified.
     */
    public static double[][] trajectories(Schedule schedule, double[] grid) {
        double[][] v = new double[schedule.size() + 1][];
        v[0] = grid.clone();
        for (int t = 0; t < schedule.size(); t++) {
            OddPolynomial p = schedule.steps().get(t);
            v[t + 1] = new double[grid.length];
            for (int i = 0; i < grid.length; i++) {
                v[t + 1][i] = p.apply(v[t][i]);
            }
        }
        return v;
    }

    /** @return {min, max} of the composite map over a log grid of [lo, hi] with the given points */
    public static double[] image(Schedule schedule, double lo, double hi, int points) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double s : logGrid(lo, hi, points)) {
            double y = schedule.apply(s);
            min = Math.min(min, y);
            max = Math.max(max, y);
        }
        return new double[] {min, max};
    }

    /** @return max over a log grid of [lo, 1] of |1 − composite(σ)| */
    public static double worstCaseError(Schedule schedule, double lo, int points) {
        double[] im = image(schedule, lo, 1, points);
        return Math.max(Math.abs(1 - im[0]), Math.abs(im[1] - 1));
    }

    /**
     * The band p repeated forever settles in: {min, max} of the images after warm-up … warm-up +
     * window − 1 applications, over a log grid of [lo, 1]. Keller's quintic lands in about
     * [0.68, 1.13] (references.md §0.2, 100 steps).
     */
    public static double[] limitBand(OddPolynomial p, double lo, int points, int warmup, int window) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double s : logGrid(lo, 1, points)) {
            double x = s;
            for (int i = 0; i < warmup + window; i++) {
                x = p.apply(x);
                if (i >= warmup - 1) {
                    min = Math.min(min, x);
                    max = Math.max(max, x);
                }
            }
        }
        return new double[] {min, max};
    }
}
