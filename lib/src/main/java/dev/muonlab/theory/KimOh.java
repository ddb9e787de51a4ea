package dev.muonlab.theory;

import dev.muonlab.ns.OddPolynomial;
import dev.muonlab.ns.TaylorFamily;
import java.math.BigDecimal;

/**
 * The scalar theory of Kim &amp; Oh, "Convergence of Muon with Newton-Schulz" (arXiv 2601.19156):
 * one NS step with the Taylor polynomial p_κ maps the orthogonality residual δ = 1 − λ_min⁺(XXᵀ)
 * to φ(δ), φ(u) = 1 − (1 − u)·p_κ(1 − u)² (Lemma 2), with φ(u) ≤ u^{κ+1} (Lemma 3), hence
 * δ_q ≤ δ₀^{(κ+1)^q}, ε_q ≤ 1 − sqrt(1 − δ₀^{(κ+1)^q}) and χ_q ≤ (1 − δ₀^{(κ+1)^q})^{−1/2} (Theorem 2).
 */
public final class KimOh {

    private KimOh() {
    }

    /**
     * The coefficients (e_0 … e_{2κ+1}) of φ(u) = Σ e_j u^j, exact: with S(u) = Σ_s c_s u^s
     * (= p_κ(1 − u)), φ = 1 − (1 − u)·S(u)². The c_s are dyadic rationals, so the BigDecimal
     * arithmetic is exact; e_0 … e_κ are 0 (Lemma 3's order of contact).
     */
    public static double[] phiCoefficients(int kappa) {
        BigDecimal[] c = new BigDecimal[kappa + 1];
        for (int s = 0; s <= kappa; s++) {
            c[s] = new BigDecimal(TaylorFamily.taylorCoefficient(s));
        }
        BigDecimal[] d = new BigDecimal[2 * kappa + 1]; // S²
        for (int j = 0; j < d.length; j++) {
            d[j] = BigDecimal.ZERO;
            for (int s = Math.max(0, j - kappa); s <= Math.min(j, kappa); s++) {
                d[j] = d[j].add(c[s].multiply(c[j - s]));
            }
        }
        double[] e = new double[2 * kappa + 2];
        for (int j = 0; j < e.length; j++) {
            BigDecimal dj = j < d.length ? d[j] : BigDecimal.ZERO;
            BigDecimal dPrev = j >= 1 ? d[j - 1] : BigDecimal.ZERO;
            BigDecimal oneMinusUS2 = dj.subtract(dPrev);           // coefficient of u^j in (1 − u)S²
            BigDecimal phi = (j == 0 ? BigDecimal.ONE : BigDecimal.ZERO).subtract(oneMinusUS2);
            e[j] = phi.doubleValue();
        }
        return e;
    }

    /**
     * φ(u) for p_κ, accurate to a few ulps for all u ∈ [0, 1] (including u → 0, where the
     * literal 1 − (1−u)p² cancels catastrophically): Horner on the exact coefficients, all of
     * whose low-order terms vanish.
     */
    public static double phi(int kappa, double u) {
        double[] e = phiCoefficients(kappa);
        double acc = 0;
        for (int j = e.length - 1; j >= 0; j--) {
            acc = acc * u + e[j];
        }
        return acc;
    }

    /** @return the literal formula 1 − (1 − u)·p_κ(1 − u)² in double: fine away from 0, to show the cancellation */
    public static double phiNaive(int kappa, double u) {
        double p = TaylorFamily.gramPolynomial(kappa, 1 - u);
        return 1 - (1 - u) * p * p;
    }

    /** @return Corollary 2's exact map for κ = 1: δ' = δ²(3 + δ)/4 */
    public static double exactMapKappa1(double delta) {
        return delta * delta * (3 + delta) / 4;
    }

    /** @return Corollary 2's exact map for κ = 2: δ' = δ³(40 + 15δ + 9δ²)/64 */
    public static double exactMapKappa2(double delta) {
        return delta * delta * delta * (40 + 15 * delta + 9 * delta * delta) / 64;
    }

    /** @return the residual after q steps by iterating φ exactly */
    public static double residualAfter(int kappa, double delta0, int q) {
        double d = delta0;
        for (int i = 0; i < q; i++) {
            d = phi(kappa, d);
        }
        return d;
    }

    /** @return Lemma 3's bound δ₀^{(κ+1)^q} */
    public static double residualBound(int kappa, double delta0, int q) {
        return Math.pow(delta0, Math.pow(kappa + 1, q));
    }

    /** @return Theorem 2's ε_q bound 1 − sqrt(1 − δ₀^{(κ+1)^q}) */
    public static double polarErrorBound(int kappa, double delta0, int q) {
        double b = residualBound(kappa, delta0, q);
        return b / (1 + Math.sqrt(1 - b)); // = 1 − sqrt(1 − b), without cancellation
    }

    /** @return Theorem 2's constant χ_q ≤ (1 − δ₀^{(κ+1)^q})^{−1/2} */
    public static double chiBound(int kappa, double delta0, int q) {
        return 1 / Math.sqrt(1 - residualBound(kappa, delta0, q));
    }

    /** @return the small-u leading constant C_κ = (2/4^{κ+1})·binom(2κ+2, κ+1) (C_1 = 3/4, C_2 = 5/8) */
    public static double leadingConstant(int kappa) {
        double binom = 1;
        for (int i = 1; i <= kappa + 1; i++) {
            binom = binom * (kappa + 1 + i) / i;
        }
        return 2 * binom / Math.pow(4, kappa + 1);
    }

    /** @return τ(λ) = λ·h(λ)², h the polynomial in λ = σ² (τ(σ²) = p(σ)², Kim &amp; Oh Prop. 1) */
    public static double tau(OddPolynomial p, double lambda) {
        double h = p.applyGram(lambda);
        return lambda * h * h;
    }

    /**
     * @return τ'(λ) = h(λ)² + 2λh(λ)h'(λ) (App. H.4 evaluates it for Keller's coefficients:
     * τ'(0) = 11.8641, τ'(1) = −0.5087)
     */
    public static double tauDerivative(OddPolynomial p, double lambda) {
        double[] a = p.coefficients();
        double h = p.applyGram(lambda);
        double dh = 0;
        for (int j = a.length - 1; j >= 1; j--) {
            dh = dh * lambda + j * a[j];
        }
        return h * h + 2 * lambda * h * dh;
    }

    /**
     * @return whether τ is non-decreasing on [0, 1], checked on a uniform grid of the given size
     * (the premise of Kim &amp; Oh's analysis; true for every p_κ, false for Keller's quintic).
     * Decreases below 1e−12 are rounding: near λ = 1, τ(λ) = 1 − O((1−λ)^{κ+1}) is flat to
     * machine precision for the Taylor family.
     */
    public static boolean isTauMonotone(OddPolynomial p, int points) {
        double prev = tau(p, 0);
        for (int i = 1; i <= points; i++) {
            double t = tau(p, (double) i / points);
            if (t < prev - 1e-12) {
                return false;
            }
            prev = t;
        }
        return true;
    }
}
