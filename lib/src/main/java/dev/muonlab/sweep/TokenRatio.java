package dev.muonlab.sweep;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Essential AI's token ratio R_L(B) = T_{L,AdamW}(B) / T_{L,Muon}(B) (arXiv 2505.02222, §4.3) from
 * per-seed measurements, with a percentile bootstrap interval over the seeds (Efron and Tibshirani,
 * "An Introduction to the Bootstrap", ch. 13): each replicate resamples the AdamW seeds and the Muon
 * seeds with replacement, independently, and takes the ratio of the means. With 3 seeds per side the
 * interval is rough; it says how far the seeds alone move the ratio, not the error of a wider study.
 */
public final class TokenRatio {

    /** Bootstrap replicates. */
    static final int REPLICATES = 2000;

    private TokenRatio() {
    }

    /**
     * @param ratio mean(AdamW) / mean(Muon)
     * @param low   the 2.5th percentile of the bootstrap ratios
     * @param high  the 97.5th percentile
     */
    public record Estimate(double ratio, double low, double high) {
    }

    /**
     * @param adamw tokens to the target for each AdamW seed (NaN: never reached; then the ratio is NaN). Not modified.
     * @param muon  the same for the Muon variant. Not modified.
     * @param seed  the bootstrap's random seed
     * @return the ratio of means and its 95 % percentile interval (NaN ends when a side has one seed:
     *         its bootstrap would be a point)
     */
    public static Estimate estimate(double[] adamw, double[] muon, long seed) {
        if (adamw.length == 0 || muon.length == 0 || anyNaN(adamw) || anyNaN(muon)) {
            return new Estimate(Double.NaN, Double.NaN, Double.NaN);
        }
        double ratio = mean(adamw) / mean(muon);
        if (adamw.length < 2 || muon.length < 2) {
            return new Estimate(ratio, Double.NaN, Double.NaN);    // one seed: resampling it says nothing
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[] r = new double[REPLICATES];
        for (int i = 0; i < REPLICATES; i++) {
            r[i] = resampledMean(adamw, rng) / resampledMean(muon, rng);
        }
        Arrays.sort(r);
        return new Estimate(ratio, r[(int) Math.floor(0.025 * (REPLICATES - 1))], r[(int) Math.ceil(0.975 * (REPLICATES - 1))]);
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    private static double resampledMean(double[] x, SplittableRandom rng) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[rng.nextInt(x.length)];
        }
        return s / x.length;
    }

    private static boolean anyNaN(double[] x) {
        for (double v : x) {
            if (Double.isNaN(v)) {
                return true;
            }
        }
        return false;
    }
}
