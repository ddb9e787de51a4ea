package dev.muonlab.ns;

import java.math.BigInteger;

/**
 * Kim &amp; Oh's Newton-Schulz family (arXiv 2601.19156, Definition 2): the Taylor truncation of
 * λ^{-1/2} at λ = 1, p_κ(λ) = Σ_{s=0}^{κ} c_s (1 − λ)^s with c_s = (2s)! / (4^s (s!)²), applied as
 * σ ↦ σ·p_κ(σ²), an odd polynomial of degree 2κ + 1. κ = 1 is the classic cubic (1.5, −0.5);
 * κ = 2 is (15/8, −5/4, 3/8).
 */
public final class TaylorFamily {

    private TaylorFamily() {
    }

    /** @return c_s = (2s)! / (4^s (s!)²) = binom(2s, s) / 4^s, exactly as a double (1, 1/2, 3/8, 5/16, …) */
    public static double taylorCoefficient(int s) {
        BigInteger binom = BigInteger.ONE;
        for (int i = 1; i <= s; i++) {
            binom = binom.multiply(BigInteger.valueOf(s + i)).divide(BigInteger.valueOf(i));
        }
        return new java.math.BigDecimal(binom).divide(new java.math.BigDecimal(BigInteger.ONE.shiftLeft(2 * s)))
                .doubleValue();
    }

    /**
     * The coefficients of σ, σ³, …, σ^{2κ+1}: expanding Σ c_s (1 − λ)^s in powers of λ,
     * coefficient of λ^j = Σ_{s ≥ j} c_s binom(s, j) (−1)^j. Exact rationals with denominator 4^κ
     * are exactly representable, so the doubles are exact for κ ≤ 20.
     */
    public static double[] coefficients(int kappa) {
        if (kappa < 1) {
            throw new IllegalArgumentException("κ must be at least 1, got " + kappa);
        }
        double[] a = new double[kappa + 1];
        for (int j = 0; j <= kappa; j++) {
            double sum = 0;
            for (int s = j; s <= kappa; s++) {
                sum += taylorCoefficient(s) * binomial(s, j);
            }
            a[j] = (j % 2 == 0 ? 1 : -1) * sum;
        }
        return a;
    }

    /** @return σ ↦ σ·p_κ(σ²) */
    public static OddPolynomial polynomial(int kappa) {
        return new OddPolynomial(coefficients(kappa));
    }

    /** @return p_κ(λ) = Σ_{s=0}^{κ} c_s (1 − λ)^s, evaluated in the (1 − λ) form (accurate near λ = 1) */
    public static double gramPolynomial(int kappa, double lambda) {
        double t = 1 - lambda;
        double acc = 0;
        for (int s = kappa; s >= 0; s--) {
            acc = acc * t + taylorCoefficient(s);
        }
        return acc;
    }

    private static double binomial(int n, int k) {
        double r = 1;
        for (int i = 1; i <= k; i++) {
            r = r * (n - k + i) / i;
        }
        return r;
    }
}
