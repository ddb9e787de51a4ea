package dev.muonlab.sweep;

/**
 * T_L: the tokens a run needs to reach a target loss L, read off its evaluation curve.
 *
 * <p>Essential AI (Practical Efficiency of Muon for Pretraining, arXiv 2505.02222, §4.3) compare
 * optimizers by the token ratio R_L(B) = T_{L,AdamW}(B) / T_{L,Muon}(B). We take T_L at the first
 * evaluation at or below L, interpolated linearly between it and the evaluation before (the curve is
 * sampled every few steps, so the crossing lies between two samples).
 */
public final class TokensToTarget {

    private TokensToTarget() {
    }

    /**
     * @param tokens tokens seen at each evaluation, increasing. Not modified.
     * @param loss   the validation loss at each evaluation (NaN entries are skipped). Not modified.
     * @param target the target loss L
     * @return the interpolated token count of the first crossing of {@code target}, the first
     *         token count when the curve starts at or below it, or NaN when it never gets there
     */
    public static double firstCrossing(double[] tokens, double[] loss, double target) {
        if (tokens.length != loss.length) {
            throw new IllegalArgumentException("tokens and loss differ in length: " + tokens.length + " vs " + loss.length);
        }
        int prev = -1;
        for (int i = 0; i < loss.length; i++) {
            if (Double.isNaN(loss[i])) {
                continue;
            }
            if (loss[i] <= target) {
                if (prev < 0 || loss[prev] == loss[i]) {
                    return tokens[i];
                }
                double f = (loss[prev] - target) / (loss[prev] - loss[i]);   // in (0, 1]
                return tokens[prev] + f * (tokens[i] - tokens[prev]);
            }
            prev = i;
        }
        return Double.NaN;
    }
}
