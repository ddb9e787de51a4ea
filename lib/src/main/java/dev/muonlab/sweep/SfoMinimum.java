package dev.muonlab.sweep;

/**
 * Sato, Naganuma and Iiduka's critical batch b* (arXiv 2507.01598 §5-6: the batch that minimizes the
 * stochastic first-order oracle complexity b·T(b), the gradients computed to reach a target), read
 * off a few measured batches. With sequences of a fixed length, b·T(b) is proportional to the tokens
 * to the target, T_L(B) = steps × B × T, so b* is the B with the fewest tokens to L; Essential AI's
 * token-optimal batch (arXiv 2505.02222, Eq. 6) is the same quantity.
 *
 * <p>Estimator, stated: the discrete argmin over the measured batches; when it has a measured
 * neighbour on each side, the vertex of the parabola through the three points (log B, log T_L) —
 * Sato's b·T(b) = X·b²/(ε'b − Y) is convex near its minimum, and a parabola in log B is the simplest
 * smooth local model — clamped to the neighbours' range. At the grid's edge b* is the edge batch and
 * flagged: the true minimum may lie beyond it.
 */
public final class SfoMinimum {

    private SfoMinimum() {
    }

    /**
     * @param bStar        the estimate (sequences); NaN when no batch reached the target
     * @param argminBatch  the measured batch with the fewest tokens
     * @param atEdge       the argmin is the smallest or the largest measured batch
     * @param reached      how many batches reached the target
     */
    public record Estimate(double bStar, double argminBatch, boolean atEdge, int reached) {
    }

    /**
     * @param batches batch sizes, increasing (&gt; 0). Not modified.
     * @param tokens  tokens to the target at each (NaN: not reached, counted as infinitely many). Not modified.
     * @return the estimate
     */
    public static Estimate estimate(double[] batches, double[] tokens) {
        if (batches.length != tokens.length) {
            throw new IllegalArgumentException("batches and tokens differ in length");
        }
        int best = -1;
        int reached = 0;
        for (int i = 0; i < batches.length; i++) {
            if (i > 0 && !(batches[i] > batches[i - 1])) {
                throw new IllegalArgumentException("batches must increase");
            }
            if (Double.isFinite(tokens[i]) && tokens[i] > 0) {
                reached++;
                if (best < 0 || tokens[i] < tokens[best]) {
                    best = i;
                }
            }
        }
        if (best < 0) {
            return new Estimate(Double.NaN, Double.NaN, false, 0);
        }
        boolean edge = best == 0 || best == batches.length - 1;
        if (edge || !(Double.isFinite(tokens[best - 1]) && Double.isFinite(tokens[best + 1]))) {
            return new Estimate(batches[best], batches[best], edge, reached);
        }
        double x = vertex(Math.log(batches[best - 1]), Math.log(tokens[best - 1]), Math.log(batches[best]),
                Math.log(tokens[best]), Math.log(batches[best + 1]), Math.log(tokens[best + 1]));
        return new Estimate(Math.exp(x), batches[best], false, reached);
    }

    /**
     * The vertex of the parabola through (x0, y0), (x1, y1), (x2, y2) with x0 &lt; x1 &lt; x2 and
     * y1 &lt;= y0, y2, clamped to [x0, x2]; x1 when the three points are collinear.
     */
    static double vertex(double x0, double y0, double x1, double y1, double x2, double y2) {
        double a = (x1 - x0) * (y1 - y2);
        double b = (x1 - x2) * (y1 - y0);
        double den = a - b;
        if (den == 0) {
            return x1;
        }
        double x = x1 - 0.5 * ((x1 - x0) * a - (x1 - x2) * b) / den;
        return Math.max(x0, Math.min(x2, x));
    }
}
