package dev.muonlab.sweep;

/**
 * Where the learning rate is best, read off an lr sweep: the position x* = log₂ of the lr (or of the
 * lr multiplier) at which the final loss is lowest. Width-transfer studies compare x* across widths
 * (Yang et al. 2022, "Tensor Programs V", arXiv 2203.03466, Fig. 1: the loss-against-log₂ lr curves of
 * a width family, whose minima drift under SP and stay put under muP), so an octave is the unit.
 *
 * <p>Estimator, stated: the grid point with the lowest loss (diverged or non-finite runs rank last);
 * when it has a finite neighbour on each side, the vertex of the parabola in log₂ lr through it and
 * its two neighbours (near its minimum the loss is smooth in log lr, and a parabola is the lowest
 * order local model with a minimum), clamped to the neighbours' span ({@link SfoMinimum#vertex}, the
 * same rule as the critical batch's). At the grid's edge the estimate is the edge point, flagged: the
 * minimum may lie beyond it. On an exact parabola sampled on either side of its vertex the estimate
 * is the vertex itself.
 */
public final class LrOptimum {

    private LrOptimum() {
    }

    /**
     * @param x      the estimate, log₂ units; NaN when no point is finite
     * @param argmin the grid point with the lowest loss, log₂ units
     * @param loss   the loss at {@code argmin}
     * @param atEdge {@code argmin} is the smallest or the largest grid point
     */
    public record Estimate(double x, double argmin, double loss, boolean atEdge) {
    }

    /**
     * @param x    grid positions (log₂ lr), strictly increasing. Not modified.
     * @param loss the final loss at each (NaN or infinite: diverged). Not modified.
     * @return the estimate (see the class comment)
     */
    public static Estimate estimate(double[] x, double[] loss) {
        if (x.length != loss.length || x.length == 0) {
            throw new IllegalArgumentException("lr optimum: need as many losses as grid points, and at least one");
        }
        int best = -1;
        for (int i = 0; i < x.length; i++) {
            if (i > 0 && !(x[i] > x[i - 1])) {
                throw new IllegalArgumentException("lr optimum: grid positions must increase, got " + x[i - 1] + ", " + x[i]);
            }
            if (Double.isFinite(loss[i]) && (best < 0 || loss[i] < loss[best])) {
                best = i;
            }
        }
        if (best < 0) {
            return new Estimate(Double.NaN, Double.NaN, Double.NaN, false);
        }
        boolean edge = best == 0 || best == x.length - 1;
        if (edge || !Double.isFinite(loss[best - 1]) || !Double.isFinite(loss[best + 1])) {
            return new Estimate(x[best], x[best], loss[best], edge);
        }
        double v = SfoMinimum.vertex(x[best - 1], loss[best - 1], x[best], loss[best], x[best + 1], loss[best + 1]);
        return new Estimate(v, x[best], loss[best], false);
    }

    /**
     * @return the loss with a diverged run ranked last: +∞ when {@code diverged} or the loss is not finite
     */
    public static double score(double finalLoss, boolean diverged) {
        return diverged || !Double.isFinite(finalLoss) ? Double.POSITIVE_INFINITY : finalLoss;
    }
}
