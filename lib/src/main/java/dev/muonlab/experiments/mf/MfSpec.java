package dev.muonlab.experiments.mf;

/**
 * One matrix-factorization problem instance, as a flat printable value.
 *
 * @param d          rows of M* (and columns, for the symmetric problem)
 * @param r          rank of M*
 * @param k          columns of the factors; k = r exact, k &gt; r over-parameterized
 * @param kappa      condition number λ₁/λ_r of M* (eigenvalues if symmetric, singular values otherwise)
 * @param symmetric  ¼‖UUᵀ − M*‖² when true, ½‖UVᵀ − M*‖² (square d × d) when false
 * @param rotated    M*'s singular vectors are a random rotation when true, coordinate axes when false
 * @param init       how the factors start
 * @param initScale  scale α of the initial factors (see {@link Init})
 * @param seed       seed of the rotation and of the random initialization
 */
public record MfSpec(int d, int r, int k, double kappa, boolean symmetric, boolean rotated, Init init,
                     double initScale, long seed) {

    /** How the factors start. */
    public enum Init {
        /** Small random: i.i.d. N(0, α²/d) entries, the usual setting of the MF literature. */
        SMALL_RANDOM,
        /** Aligned (spectral): columns α·v_i along M*'s singular vectors, so the dynamics decouple from step 0. */
        ALIGNED
    }

    public MfSpec {
        if (d < 1 || r < 1 || k < r || r > d || k > d) {
            throw new IllegalArgumentException("need 1 ≤ r ≤ k ≤ d, got d=" + d + ", r=" + r + ", k=" + k);
        }
        if (!(kappa >= 1)) {
            throw new IllegalArgumentException("kappa must be ≥ 1, got " + kappa);
        }
    }

    /** @return a copy with another condition number */
    public MfSpec withKappa(double newKappa) {
        return new MfSpec(d, r, k, newKappa, symmetric, rotated, init, initScale, seed);
    }
}
