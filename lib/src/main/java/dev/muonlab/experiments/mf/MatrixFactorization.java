package dev.muonlab.experiments.mf;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Losses and gradients of low-rank matrix factorization, the first case study of Ma, Huang, Chi, Chen,
 * "Preconditioning Benefits of Spectral Orthogonalization in Muon" (arXiv 2601.13474). Only that
 * paper's abstract could be read; the formulation is the standard one written out by Parviz, Mishne,
 * Cloninger, "Reassessing Muon for Matrix Factorization" (PMLR 334, 2026, §2):
 * <ul>
 *   <li>symmetric: f(U) = ¼ ‖U Uᵀ − M*‖_F², U (d, k), M* (d, d) PSD of rank r ≤ k;</li>
 *   <li>asymmetric: f(U, V) = ½ ‖U Vᵀ − M*‖_F², U (d1, k), V (d2, k), M* (d1, d2) of rank r.</li>
 * </ul>
 * All methods are pure: they allocate their results and modify no argument.
 */
public final class MatrixFactorization {

    private MatrixFactorization() {
    }

    /**
     * @param U     the factor (d, k). Not modified.
     * @param Mstar the target (d, d), symmetric. Not modified.
     * @return f(U) = ¼ ‖U Uᵀ − M*‖_F²
     */
    public static double symmetricLoss(INDArray U, INDArray Mstar) {
        INDArray R = U.mmul(U.transpose()).subi(Mstar); // (d, d)
        double norm = R.norm2Number().doubleValue();
        return 0.25 * norm * norm;
    }

    /**
     * ∇f(U) = (U Uᵀ − M*) U for symmetric M* (the ¼ cancels the 4 from differentiating a quartic).
     *
     * @param U     the factor (d, k). Not modified.
     * @param Mstar the target (d, d), symmetric. Not modified.
     * @return a new (d, k) gradient
     */
    public static INDArray symmetricGradient(INDArray U, INDArray Mstar) {
        INDArray R = U.mmul(U.transpose()).subi(Mstar); // (d, d)
        return R.mmul(U);                                // (d, k)
    }

    /**
     * @param U     the left factor (d1, k). Not modified.
     * @param V     the right factor (d2, k). Not modified.
     * @param Mstar the target (d1, d2). Not modified.
     * @return f(U, V) = ½ ‖U Vᵀ − M*‖_F²
     */
    public static double asymmetricLoss(INDArray U, INDArray V, INDArray Mstar) {
        INDArray R = U.mmul(V.transpose()).subi(Mstar); // (d1, d2)
        double norm = R.norm2Number().doubleValue();
        return 0.5 * norm * norm;
    }

    /**
     * ∇_U f = (U Vᵀ − M*) V.
     *
     * @param U     (d1, k). Not modified.
     * @param V     (d2, k). Not modified.
     * @param Mstar (d1, d2). Not modified.
     * @return a new (d1, k) gradient
     */
    public static INDArray asymmetricGradientU(INDArray U, INDArray V, INDArray Mstar) {
        return U.mmul(V.transpose()).subi(Mstar).mmul(V);
    }

    /**
     * ∇_V f = (U Vᵀ − M*)ᵀ U.
     *
     * @param U     (d1, k). Not modified.
     * @param V     (d2, k). Not modified.
     * @param Mstar (d1, d2). Not modified.
     * @return a new (d2, k) gradient
     */
    public static INDArray asymmetricGradientV(INDArray U, INDArray V, INDArray Mstar) {
        return V.mmul(U.transpose()).subi(Mstar.transpose()).mmul(U);
    }

    /**
     * The planted spectrum: r values log-uniformly spaced from 1 down to 1/κ, so λ₁ = 1 and
     * λ₁/λ_r = κ. Normalizing λ₁ = 1 (Muon Lab's choice) keeps GD's best step 1/λ₁ and the distance
     * every mode must travel fixed while κ varies; Parviz et al. instead space them linearly from κ to 1.
     *
     * @param r     the rank (≥ 1)
     * @param kappa the condition number (≥ 1)
     * @return the spectrum, descending
     */
    public static double[] plantedSpectrum(int r, double kappa) {
        double[] lambda = new double[r];
        for (int i = 0; i < r; i++) {
            double fraction = r == 1 ? 0 : (double) i / (r - 1);
            lambda[i] = Math.pow(kappa, -fraction);
        }
        return lambda;
    }
}
