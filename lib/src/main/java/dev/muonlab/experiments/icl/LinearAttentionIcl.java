package dev.muonlab.experiments.icl;

import dev.muonlab.host.Fp64BlasCheck;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * In-context linear regression with a one-layer linear self-attention model, the second case study of
 * Ma, Huang, Chi, Chen (arXiv 2601.13474). Only that paper's abstract could be read; this is the
 * standard reduced model of Zhang, Frei, Bartlett (JMLR 2024) and Ahn et al. (NeurIPS 2023): a prompt
 * (x_i, y_i)_{i ≤ N}, x ~ N(0, Λ), y = wᵀx with w ~ N(0, I_d), and a query x_q, predicted by
 * <pre>  ŷ = x_qᵀ Γ h,   h = (1/N) Σ_i y_i x_i   (Γ is (d, d))</pre>
 * Losses are ½ E (ŷ − y_q)². Pure functions: every result is new, no argument is modified.
 */
public final class LinearAttentionIcl {

    private LinearAttentionIcl() {
    }

    /**
     * The N → ∞ population loss L(Γ) = ½ tr(Λ (ΓΛ − I)(ΓΛ − I)ᵀ) (references.md §1.2): with
     * h → Λw, the error is x_qᵀ(ΓΛ − I)w, whose second moment over x_q and w is this trace.
     *
     * @param Gamma Γ (d, d). Not modified.
     * @param Lambda Λ (d, d), symmetric positive definite. Not modified.
     * @return L(Γ) ≥ 0, zero exactly at Γ = Λ⁻¹
     */
    public static double populationLoss(INDArray Gamma, INDArray Lambda) {
        INDArray R = residual(Gamma, Lambda);                          // (d, d) = ΓΛ − I
        return 0.5 * trace(Lambda.mmul(R).mmul(R.transpose()));
    }

    /**
     * ∇L(Γ) = Λ (ΓΛ − I) Λ (differentiate ½ tr(Λ R Rᵀ) with dR = dΓ Λ).
     *
     * @param Gamma Γ (d, d). Not modified.
     * @param Lambda Λ (d, d). Not modified.
     * @return a new (d, d) gradient
     */
    public static INDArray populationGradient(INDArray Gamma, INDArray Lambda) {
        return Lambda.mmul(residual(Gamma, Lambda)).mmul(Lambda);
    }

    /**
     * The expected loss with N examples per prompt, exact for Gaussian x:
     * L_N(Γ) = ½ tr(Λ Γ S₂ Γᵀ) − tr(Λ Γ Λ) + ½ tr Λ, with S₂ = E[h hᵀ] = (1 + 1/N) Λ² + tr(Λ) Λ / N
     * (the Wishart second moment E[Σ̂²], Σ̂ = (1/N) Σ x_i x_iᵀ; Muon Lab's derivation). As N → ∞ it
     * becomes {@link #populationLoss}.
     *
     * @param Gamma Γ (d, d). Not modified.
     * @param Lambda Λ (d, d). Not modified.
     * @param n     examples per prompt N ≥ 1
     * @return L_N(Γ)
     */
    public static double finiteContextLoss(INDArray Gamma, INDArray Lambda, int n) {
        INDArray S2 = contextSecondMoment(Lambda, n);
        double quadratic = trace(Lambda.mmul(Gamma).mmul(S2).mmul(Gamma.transpose()));
        double linear = trace(Lambda.mmul(Gamma).mmul(Lambda));
        return 0.5 * quadratic - linear + 0.5 * trace(Lambda);
    }

    /**
     * ∇L_N(Γ) = Λ Γ S₂ − Λ² (Λ and S₂ symmetric).
     *
     * @param Gamma Γ (d, d). Not modified.
     * @param Lambda Λ (d, d). Not modified.
     * @param n examples per prompt N ≥ 1
     * @return a new (d, d) gradient
     */
    public static INDArray finiteContextGradient(INDArray Gamma, INDArray Lambda, int n) {
        return Lambda.mmul(Gamma).mmul(contextSecondMoment(Lambda, n)).subi(Lambda.mmul(Lambda));
    }

    /**
     * The minimizer of {@link #finiteContextLoss}: Γ*_N = Λ S₂⁻¹ = ((1 + 1/N) Λ + tr(Λ)/N · I)⁻¹,
     * which tends to Λ⁻¹ as N grows (the finite context shrinks the optimal Γ).
     *
     * @param Lambda Λ (d, d). Not modified.
     * @param n examples per prompt; {@code Integer.MAX_VALUE} means N = ∞
     * @return a new (d, d) matrix
     * @throws IllegalStateException when this JVM's OpenBLAS gets fp64 LAPACK wrong ({@link Fp64BlasCheck})
     */
    public static INDArray optimalGamma(INDArray Lambda, int n) {
        long d = Lambda.rows();
        double invN = n == Integer.MAX_VALUE ? 0 : 1.0 / n;
        INDArray A = Lambda.mul(1 + invN).addi(Nd4j.eye(d).castTo(DataType.DOUBLE).muli(trace(Lambda) * invN));
        Fp64BlasCheck.requireSound("the fp64 inverse of a " + d + "x" + d + " matrix");
        return org.nd4j.linalg.inverse.InvertMatrix.invert(A, false);
    }

    /**
     * The empirical loss of a batch of prompts, (1/2B) Σ_b (x_qbᵀ Γ h_b − y_qb)².
     *
     * @param Gamma Γ (d, d). Not modified.
     * @param batch the prompts. Not modified.
     * @return the batch loss
     */
    public static double batchLoss(INDArray Gamma, PromptBatch batch) {
        INDArray res = batchResidual(Gamma, batch);                     // (B)
        return 0.5 * res.mul(res).meanNumber().doubleValue();
    }

    /**
     * ∇ of {@link #batchLoss}: (1/B) Σ_b r_b x_qb h_bᵀ = (1/B) X_qᵀ diag(r) H, with r = ŷ − y_q.
     *
     * @param Gamma Γ (d, d). Not modified.
     * @param batch the prompts. Not modified.
     * @return a new (d, d) gradient
     */
    public static INDArray batchGradient(INDArray Gamma, PromptBatch batch) {
        INDArray res = batchResidual(Gamma, batch);                     // (B)
        INDArray weighted = batch.H().mulColumnVector(res.reshape(res.length(), 1)); // (B, d)
        return batch.Xq().transpose().mmul(weighted).divi(res.length());             // (d, d)
    }

    private static INDArray batchResidual(INDArray Gamma, PromptBatch batch) {
        INDArray prediction = batch.Xq().mmul(Gamma).muli(batch.H()).sum(1); // (B) = x_qᵀ Γ h per row
        return prediction.subi(batch.yq());
    }

    /** @return E[h hᵀ] = (1 + 1/N) Λ² + tr(Λ) Λ / N, (d, d) */
    static INDArray contextSecondMoment(INDArray Lambda, int n) {
        double invN = n == Integer.MAX_VALUE ? 0 : 1.0 / n;
        return Lambda.mmul(Lambda).muli(1 + invN).addi(Lambda.mul(trace(Lambda) * invN));
    }

    /** @return tr(A) of a square matrix A. A: not modified. */
    static double trace(INDArray A) {
        return Nd4j.diag(A).sumNumber().doubleValue();
    }

    private static INDArray residual(INDArray Gamma, INDArray Lambda) {
        return Gamma.mmul(Lambda).subi(Nd4j.eye(Lambda.rows()).castTo(Gamma.dataType()));
    }
}
