package dev.muonlab.sweep;

/**
 * The critical batch size from McCandlish, Kaplan, Amodei et al., "An Empirical Model of
 * Large-Batch Training" (arXiv 1812.06162, Eq. 2.11): runs that reach the same loss with batch B
 * take S steps and E = S·B examples, and trade one for the other along
 * <pre>  (S / S_min − 1) · (E / E_min − 1) = 1,</pre>
 * where S_min is the fewest steps (infinite batch) and E_min the fewest examples (batch → 0). The
 * critical batch B_crit = E_min / S_min is where a run needs twice the minimum of both.
 *
 * <p>Expanding the product gives S·E = S·E_min + E·S_min, that is
 * <pre>  E_min · (1/E) + S_min · (1/S) = 1,</pre>
 * linear in (E_min, S_min): the fit is a two-parameter least-squares solve, no iteration. Each
 * point is one batch size's (S, E) for one target loss.
 */
public final class CriticalBatch {

    private CriticalBatch() {
    }

    /**
     * @param eMin fewest examples (tokens, or sequences: the unit of {@code examples} in the fit)
     * @param sMin fewest steps
     */
    public record Fit(double eMin, double sMin) {
        /** @return B_crit = E_min / S_min, in the unit of the examples per step */
        public double criticalBatch() {
            return eMin / sMin;
        }

        /** @return the steps the fitted curve needs with {@code batch} examples per step: S_min (1 + B_crit / B) */
        public double steps(double batch) {
            return sMin * (1 + criticalBatch() / batch);
        }
    }

    /**
     * Least-squares fit of E_min·(1/E) + S_min·(1/S) = 1.
     *
     * @param steps    S at each batch size (finite, &gt; 0). Not modified.
     * @param examples E at each batch size, E = S·B (finite, &gt; 0). Not modified.
     * @return the fit; NaN fields when fewer than two usable points or the points are degenerate
     */
    public static Fit fit(double[] steps, double[] examples) {
        if (steps.length != examples.length) {
            throw new IllegalArgumentException("steps and examples differ in length");
        }
        double aa = 0, ab = 0, bb = 0, a1 = 0, b1 = 0;
        int n = 0;
        for (int i = 0; i < steps.length; i++) {
            if (!(steps[i] > 0 && examples[i] > 0) || !Double.isFinite(steps[i]) || !Double.isFinite(examples[i])) {
                continue;
            }
            double a = 1 / examples[i];
            double b = 1 / steps[i];
            aa += a * a;
            ab += a * b;
            bb += b * b;
            a1 += a;
            b1 += b;
            n++;
        }
        double det = aa * bb - ab * ab;                 // normal equations [aa ab; ab bb] (E_min, S_min) = (a1, b1)
        if (n < 2 || !(Math.abs(det) > 1e-12 * aa * bb)) {
            return new Fit(Double.NaN, Double.NaN);
        }
        return new Fit((a1 * bb - ab * b1) / det, (aa * b1 - ab * a1) / det);
    }
}
