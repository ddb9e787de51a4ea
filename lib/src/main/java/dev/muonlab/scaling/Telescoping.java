package dev.muonlab.scaling;

import java.util.ArrayList;
import java.util.List;

/**
 * The arithmetic of telescoping hyper-parameter search (Essential AI, Shah et al. 2025, "Practical
 * Efficiency of Muon for Pretraining", arXiv 2505.02222, §4 and Algorithm 1; Muon Lab's references
 * §4.4): a full grid of m points per hyper-parameter at the base width N_0, then at every doubling of
 * the width up to N_c the points per hyper-parameter shrink by 4^(−1/k), so that a stage's cost stays
 * the same while one run costs 4× more.
 *
 * <p><b>Points per stage.</b> The exact count after s doublings is m·4^(−s/k) = m·2^(−2s/k). A grid
 * needs a whole number, and stages after the first are centred on the previous optimum, so from
 * stage 1 on the count is rounded to the nearest <em>odd</em> integer (ties upward, at least 1): the
 * centre point is then the previous optimum itself. With m = 8 and k = 2 this gives 8, 5, 3, 1,
 * the (lr, wd) grids 8×8, 5×5, 3×3, 1×1 of the paper's experiment.
 *
 * <p><b>Cost model.</b> A run at width n costs (n/N_0)^p base runs: p = 2 for a fixed token budget
 * (the hidden matrices' parameters, and so the FLOPs per token, grow as width² at fixed depth;
 * the algorithm's "cost ×4" per doubling). Stage s then costs runs_s·4^s for p = 2.
 */
public final class Telescoping {

    /** The cost exponent of the algorithm's "cost ×4 per doubling": FLOPs per token ∝ width². */
    public static final double WIDTH_SQUARED = 2;

    private Telescoping() {
    }

    /**
     * One stage of the search.
     *
     * @param doublings   s, the number of doublings since N_0
     * @param width       n = N_0·2^s
     * @param exactPoints m·4^(−s/k), the unrounded points per hyper-parameter
     * @param points      the grid's points per hyper-parameter (m at s = 0, then odd-rounded)
     * @param runs        points^k
     * @param cost        runs·(n/N_0)^p, in runs at the base width
     */
    public record Stage(int doublings, long width, double exactPoints, int points, long runs, double cost) {
    }

    /** @return m·4^(−s/k), the exact points per hyper-parameter after s doublings */
    public static double exactPoints(int m, int k, int s) {
        return m * Math.pow(4, -(double) s / k);
    }

    /** @return x rounded to the nearest odd integer, ties upward, at least 1 (3.0 → 3, 4.0 → 5, 2.0 → 3, 1.0 → 1) */
    public static int nearestOdd(double x) {
        int odd = 2 * (int) Math.floor((x - 1) / 2 + 0.5) + 1;      // odd = 2j + 1 with j = round((x − 1)/2), half up
        return Math.max(1, odd);
    }

    /**
     * The stages of Algorithm 1 from N_0 to N_c.
     *
     * @param baseWidth  N_0 &gt;= 1
     * @param finalWidth N_c = N_0·2^S, the calibration width of the last stage
     * @param k          the number of hyper-parameters swept, &gt;= 1
     * @param m          the points per hyper-parameter of the full grid at N_0, &gt;= 1
     * @param p          the cost exponent ({@link #WIDTH_SQUARED})
     */
    public static List<Stage> stages(long baseWidth, long finalWidth, int k, int m, double p) {
        int doublings = doublings(baseWidth, finalWidth);
        if (k < 1 || m < 1) {
            throw new IllegalArgumentException("telescoping: need k >= 1 and m >= 1, got k " + k + ", m " + m);
        }
        List<Stage> out = new ArrayList<>();
        for (int s = 0; s <= doublings; s++) {
            double exact = exactPoints(m, k, s);
            int points = s == 0 ? m : nearestOdd(exact);
            long runs = Math.round(Math.pow(points, k));
            long width = baseWidth << s;
            out.add(new Stage(s, width, exact, points, runs, runs * Math.pow((double) width / baseWidth, p)));
        }
        return out;
    }

    /** @return the total cost of the stages, in base runs */
    public static double totalCost(List<Stage> stages) {
        return stages.stream().mapToDouble(Stage::cost).sum();
    }

    /**
     * @return the cost of the same search with unrounded points, Σ_s m^k·4^(−s)·(2^s)^p; for p = 2 every
     *         stage costs m^k, so the total is m^k·(S + 1): the O(C log N) of the paper
     */
    public static double exactTotalCost(int m, int k, int doublings, double p) {
        double sum = 0;
        for (int s = 0; s <= doublings; s++) {
            sum += Math.pow(exactPoints(m, k, s), k) * Math.pow(2, s * p);
        }
        return sum;
    }

    /** @return the brute-force alternative: the full m^k grid at the final calibration width, m^k·(N_c/N_0)^p */
    public static double fullGridCost(long baseWidth, long finalWidth, int k, int m, double p) {
        return Math.pow(m, k) * Math.pow((double) finalWidth / baseWidth, p);
    }

    /** @return S with N_c = N_0·2^S */
    public static int doublings(long baseWidth, long finalWidth) {
        if (baseWidth < 1 || finalWidth < baseWidth || Long.bitCount(finalWidth / baseWidth) != 1
                || finalWidth % baseWidth != 0) {
            throw new IllegalArgumentException("telescoping: the final width must be the base width times a power of 2, got "
                    + baseWidth + " and " + finalWidth);
        }
        return Long.numberOfTrailingZeros(finalWidth / baseWidth);
    }
}
