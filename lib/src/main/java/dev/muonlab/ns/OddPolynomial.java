package dev.muonlab.ns;

import java.util.Arrays;

/**
 * An odd polynomial p(σ) = a₁σ + a₃σ³ + … + a_{2k+1}σ^{2k+1}: one Newton-Schulz step.
 *
 * <p>Applied to a matrix X = U Σ Vᵀ it gives p(X) = U p(Σ) Vᵀ = (a₁I + a₃A + … + a_{2k+1}A^k) X with
 * the Gram matrix A = XXᵀ, so it acts on each singular value separately (Keller Jordan's blog,
 * "Muon: An optimizer for hidden layers", 2024; Kim &amp; Oh, arXiv 2601.19156, Definition 2). Evaluated
 * by Horner in A it costs k + 1 matrix products (Kim &amp; Oh App. E).
 *
 * @param coefficients (a₁, a₃, …, a_{2k+1}), at least one; the array is copied
 */
public record OddPolynomial(double[] coefficients) {

    public OddPolynomial {
        if (coefficients == null || coefficients.length == 0) {
            throw new IllegalArgumentException("an odd polynomial needs at least the coefficient a1");
        }
        for (double c : coefficients) {
            if (!Double.isFinite(c)) {
                throw new IllegalArgumentException("coefficient is not finite: " + Arrays.toString(coefficients));
            }
        }
        coefficients = coefficients.clone();
    }

    /** @return the polynomial with coefficients (a₁, a₃, …) */
    public static OddPolynomial of(double... coefficients) {
        return new OddPolynomial(coefficients);
    }

    @Override
    public double[] coefficients() {
        return coefficients.clone();
    }

    /** @return a_{2j+1}, the coefficient of σ^{2j+1} */
    public double coefficient(int j) {
        return coefficients[j];
    }

    /** @return k, the degree in the Gram matrix A (the number of Horner levels) */
    public int gramDegree() {
        return coefficients.length - 1;
    }

    /** @return 2k + 1, the degree in σ */
    public int degree() {
        return 2 * coefficients.length - 1;
    }

    /** @return the number of matrix products one step costs with Horner in A = XXᵀ: k + 1 (0 when k = 0) */
    public int matrixProducts() {
        return gramDegree() == 0 ? 0 : gramDegree() + 1;
    }

    /** @return p(σ) = Σ a_{2j+1} σ^{2j+1}, by Horner in σ² */
    public double apply(double sigma) {
        double s2 = sigma * sigma;
        double acc = coefficients[coefficients.length - 1];
        for (int j = coefficients.length - 2; j >= 0; j--) {
            acc = acc * s2 + coefficients[j];
        }
        return acc * sigma;
    }

    /** @return p'(σ) = Σ (2j+1) a_{2j+1} σ^{2j} */
    public double derivative(double sigma) {
        double s2 = sigma * sigma;
        double acc = 0;
        for (int j = coefficients.length - 1; j >= 0; j--) {
            acc = acc * s2 + (2 * j + 1) * coefficients[j];
        }
        return acc;
    }

    /** @return the polynomial in λ = σ²: h(λ) = p(σ)/σ = a₁ + a₃λ + … (Kim &amp; Oh's p_κ(λ) form) */
    public double applyGram(double lambda) {
        double acc = coefficients[coefficients.length - 1];
        for (int j = coefficients.length - 2; j >= 0; j--) {
            acc = acc * lambda + coefficients[j];
        }
        return acc;
    }

    /** @return the polynomial x ↦ p(x / s): coefficients a_{2j+1} / s^{2j+1} (Polar Express's safety factor) */
    public OddPolynomial scaledInput(double s) {
        double[] c = coefficients.clone();
        for (int j = 0; j < c.length; j++) {
            c[j] /= Math.pow(s, 2 * j + 1);
        }
        return new OddPolynomial(c);
    }

    /** @return the coefficients rounded to bfloat16, as PyTorch does when it multiplies a bf16 tensor by a Python float */
    public OddPolynomial roundedToBf16() {
        double[] c = coefficients.clone();
        for (int j = 0; j < c.length; j++) {
            c[j] = Bf16.round(c[j]);
        }
        return new OddPolynomial(c);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OddPolynomial p && Arrays.equals(coefficients, p.coefficients);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(coefficients);
    }

    @Override
    public String toString() {
        return Arrays.toString(coefficients);
    }
}
