package dev.muonlab.experiments.icl;

/**
 * One in-context regression instance.
 *
 * @param d         input dimension
 * @param kappa     condition number λ_max/λ_min of the input covariance Λ
 * @param rotated   Λ = Q diag(λ) Qᵀ with a random rotation Q when true, diagonal Λ when false
 * @param contextN  examples per prompt N for sampled training; {@code 0} trains on the population loss (N = ∞)
 * @param batchSize prompts per mini-batch (sampled training only)
 * @param seed      seed of Q and of the prompts
 */
public record IclSpec(int d, double kappa, boolean rotated, int contextN, int batchSize, long seed) {

    public IclSpec {
        if (d < 1 || !(kappa >= 1) || contextN < 0 || (contextN > 0 && batchSize < 1)) {
            throw new IllegalArgumentException("bad IclSpec: d=" + d + ", kappa=" + kappa + ", N=" + contextN
                    + ", B=" + batchSize);
        }
    }

    /** @return true when training uses the population loss (N = ∞) */
    public boolean population() {
        return contextN == 0;
    }

    /** @return a copy with another condition number */
    public IclSpec withKappa(double newKappa) {
        return new IclSpec(d, newKappa, rotated, contextN, batchSize, seed);
    }
}
