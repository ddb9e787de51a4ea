package dev.muonlab.ns;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Spectral hardcap and clipping through polar factors only (Cesista, leloykun.github.io/ponder/spectral-clipping;
 * NVIDIA Emerging-Optimizers {@code spectral_clipping_utils.py}): with X = U Σ Vᵀ and O = polar(X) = U Vᵀ,
 * <pre>
 *   hardcap_β(X) = ½·(β·O + X − (β·O − X)·polar(β·O − X)ᵀ·O)  = U·min(Σ, β)·Vᵀ
 * </pre>
 * because β·O − X = U(β − Σ)Vᵀ has polar factor U·sign(β − Σ)·Vᵀ, so the last product is U·|β − Σ|·Vᵀ and
 * ½(β + σ − |β − σ|) = min(β, σ). No SVD: three polar factors' worth of matrix products. EO runs each
 * polar factor as 8 Polar Express steps; here any {@link Orthogonalizer} (the tests use the exact one).
 */
public final class SpectralClip {

    private SpectralClip() {
    }

    /**
     * @param X     (rows, cols) any orientation. Not modified.
     * @param beta  the cap β &gt; 0 on the singular values
     * @param polar the polar factor to use
     * @return a new (rows, cols) array U·min(Σ, β)·Vᵀ (approximately, as good as {@code polar})
     */
    public static INDArray hardcap(INDArray X, double beta, Orthogonalizer polar) {
        if (!(beta > 0)) {
            throw new IllegalArgumentException("hardcap: beta must be positive, got " + beta);
        }
        INDArray O = polar.orthogonalize(X).castTo(X.dataType());                 // (rows, cols)
        INDArray A = O.mul(beta).subi(X);                                          // β·O − X
        INDArray OA = polar.orthogonalize(A).castTo(X.dataType());                 // polar(β·O − X)
        boolean tall = X.rows() > X.columns();
        // (β·O − X)·polar(·)ᵀ·O on the short side: (r, r)·(r, c) for wide, (r, c)·((c, c) …) for tall
        INDArray abs = tall ? O.mmul(OA.transpose().mmul(A))                       // U|β−Σ|Vᵀ = O·(OAᵀ·A)
                : A.mmul(OA.transpose()).mmul(O);                                  // (A·OAᵀ)·O
        return O.mul(beta).addi(X).subi(abs).muli(0.5);
    }

    /**
     * Spectral clipping to [σ_min, σ_max] (same sources, {@code spectral_clip}): on the wide orientation
     * X (m, n), m ≤ n, with O = polar(X) = U Vᵀ and for s ∈ {σ_min, σ_max}
     * <pre>
     *   A_s = s·I − O·Xᵀ = U(s − Σ)Uᵀ      (m, m), polar(A_s) = U·sign(s − Σ)·Uᵀ
     *   B_s = s·O − X    = U(s − Σ)Vᵀ      so polar(A_s)·B_s = U·|s − Σ|·Vᵀ
     *   clip(X) = ½·((σ_min + σ_max)·O + polar(A_min)·B_min − polar(A_max)·B_max) = U·clamp(Σ, σ_min, σ_max)·Vᵀ
     * </pre>
     * from ½(a + b + |σ − a| − |σ − b|) = clamp(σ, a, b) for a ≤ b.
     *
     * @param X (rows, cols) any orientation. Not modified.
     * @return a new (rows, cols) array
     */
    public static INDArray clip(INDArray X, double sigmaMin, double sigmaMax, Orthogonalizer polar) {
        if (!(sigmaMin <= sigmaMax)) {
            throw new IllegalArgumentException("clip: need sigmaMin <= sigmaMax, got " + sigmaMin + ", " + sigmaMax);
        }
        boolean tall = X.rows() > X.columns();
        INDArray W = tall ? X.transpose().dup('c') : X;                             // (m, n)
        INDArray O = polar.orthogonalize(W).castTo(W.dataType());
        INDArray result = O.mul(sigmaMin + sigmaMax);
        INDArray I = org.nd4j.linalg.factory.Nd4j.eye(W.rows()).castTo(W.dataType());
        double[] s = {sigmaMin, sigmaMax};
        double[] sign = {1, -1};
        for (int i = 0; i < 2; i++) {
            INDArray A = I.mul(s[i]).subi(O.mmul(W.transpose()));                  // (m, m)
            INDArray B = O.mul(s[i]).subi(W);                                       // (m, n)
            result.addi(polar.orthogonalize(A).castTo(W.dataType()).mmul(B).muli(sign[i]));
        }
        result.muli(0.5);
        return tall ? result.transpose().dup('c') : result;
    }

    /**
     * Spectral-clipped weight decay (same sources): (1 − c)·X + c·hardcap_β(X).
     *
     * @param X (rows, cols). Not modified.
     * @return a new array
     */
    public static INDArray clippedDecay(INDArray X, double beta, double c, Orthogonalizer polar) {
        return X.mul(1 - c).addi(hardcap(X, beta, polar).muli(c));
    }
}
