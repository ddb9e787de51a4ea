package dev.muonlab.scaling;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The equal-loss compute ratio C_Muon/C_AdamW from two fitted scaling laws (Moonlight, Liu et al.
 * 2025, arXiv 2502.16982, §3.3 and Fig. 1a: Muon needs ≈ 52 % of AdamW's FLOPs), its drift with C,
 * and a bootstrap interval over the points the laws were fitted to.
 *
 * <p>At loss L each law gives its compute C = ((L − E)/a)^(1/b) ({@link PowerLaw#computeAt}). For two
 * pure power laws, with C_A the AdamW compute, L = a_A·C_A^(b_A) and
 * C_M/C_A = (a_A/a_M)^(1/b_M) · C_A^(b_A/b_M − 1) (Muon Lab's references §3.3, [DERIVED]), so the
 * ratio is constant only when b_A = b_M; with Moonlight's laws it grows as C_A^(1/26).
 */
public final class ComputeRatio {

    /** Bootstrap replicates. */
    public static final int REPLICATES = 2000;

    private ComputeRatio() {
    }

    /** @return C_M/C_A at loss L (NaN when a law never reaches L) */
    public static double atLoss(PowerLaw muon, PowerLaw adamw, double loss) {
        return muon.computeAt(loss) / adamw.computeAt(loss);
    }

    /** @return C_M/C_A at the loss AdamW reaches with compute {@code adamwCompute} */
    public static double atAdamWCompute(PowerLaw muon, PowerLaw adamw, double adamwCompute) {
        return atLoss(muon, adamw, adamw.loss(adamwCompute));
    }

    /**
     * The drift of the ratio for pure power laws: d ln(C_M/C_A) / d ln C_A = b_A/b_M − 1.
     *
     * @return the exponent; 0 when the exponents are equal
     */
    public static double driftExponent(PowerLaw muon, PowerLaw adamw) {
        return adamw.b() / muon.b() - 1;
    }

    /** Which law to fit in each bootstrap replicate. */
    public enum Form {
        /** a·C^b ({@link PowerLawFit#pure}) */
        PURE,
        /** E + a·C^b ({@link PowerLawFit#withFloor}) */
        WITH_FLOOR
    }

    /**
     * @param ratio the ratio from the laws fitted to all points
     * @param low   the 2.5th percentile over the replicates
     * @param high  the 97.5th percentile
     * @param used  replicates that gave a finite ratio (a resample with too few distinct C is skipped)
     */
    public record Interval(double ratio, double low, double high, int used) {
    }

    /**
     * A percentile bootstrap (Efron and Tibshirani, "An Introduction to the Bootstrap", ch. 13) of
     * C_M/C_A at loss L: each replicate resamples the Muon points and the AdamW points with
     * replacement, independently, refits both laws and takes the ratio. Resampled are the points
     * given (pass the frontiers); the interval says how far the fit moves with them, not the error of
     * extrapolating a law beyond its points.
     *
     * @param muon  Muon's (C, L) points. Not modified.
     * @param adamw AdamW's. Not modified.
     * @param loss  the loss L at which to compare, nats
     * @param seed  the bootstrap's random seed
     */
    public static Interval bootstrapAtLoss(List<ComputeFrontier.Point> muon, List<ComputeFrontier.Point> adamw,
                                           double loss, Form form, long seed) {
        return bootstrapAtLoss(muon, adamw, loss, form, seed, REPLICATES);
    }

    /**
     * {@link #bootstrapAtLoss(List, List, double, Form, long)} with another number of replicates
     * (a {@link Form#WITH_FLOOR} refit costs about 2 ms, against microseconds for {@link Form#PURE}).
     *
     * @param replicates &gt;= 1
     */
    public static Interval bootstrapAtLoss(List<ComputeFrontier.Point> muon, List<ComputeFrontier.Point> adamw,
                                           double loss, Form form, long seed, int replicates) {
        double ratio = atLoss(fit(muon, form), fit(adamw, form), loss);
        SplittableRandom rng = new SplittableRandom(seed);
        double[] r = new double[replicates];
        int used = 0;
        for (int i = 0; i < replicates; i++) {
            List<ComputeFrontier.Point> m = resample(muon, rng);
            List<ComputeFrontier.Point> a = resample(adamw, rng);
            double v;
            try {
                v = atLoss(fit(m, form), fit(a, form), loss);
            } catch (IllegalArgumentException tooFewDistinct) {
                continue;
            }
            if (Double.isFinite(v)) {
                r[used++] = v;
            }
        }
        if (used == 0) {
            return new Interval(ratio, Double.NaN, Double.NaN, 0);
        }
        double[] s = Arrays.copyOf(r, used);
        Arrays.sort(s);
        return new Interval(ratio, s[(int) Math.floor(0.025 * (used - 1))], s[(int) Math.ceil(0.975 * (used - 1))], used);
    }

    /** @return the law of {@code form} fitted to {@code points} (not modified) */
    public static PowerLaw fit(List<ComputeFrontier.Point> points, Form form) {
        double[] c = ComputeFrontier.computes(points);
        double[] l = ComputeFrontier.losses(points);
        return form == Form.PURE ? PowerLawFit.pure(c, l) : PowerLawFit.withFloor(c, l);
    }

    private static List<ComputeFrontier.Point> resample(List<ComputeFrontier.Point> points, SplittableRandom rng) {
        ComputeFrontier.Point[] out = new ComputeFrontier.Point[points.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = points.get(rng.nextInt(points.size()));
        }
        return List.of(out);
    }
}
