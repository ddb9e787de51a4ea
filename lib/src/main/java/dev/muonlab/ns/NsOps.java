package dev.muonlab.ns;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Newton-Schulz with ND4J ops only ({@code mmul} and element-wise arithmetic), so it runs wherever the
 * arrays live: the path {@link NewtonSchulzOrthogonalizer} takes on backends whose buffers the host
 * BLAS of {@link NsKernel} cannot address (CUDA: the current values are on the device, and a
 * host pointer into the buffer may be stale), and a second implementation the tests hold
 * {@link NsKernel} to.
 *
 * <p>Same iteration as {@link NsKernel}: on the wide orientation X (m, n), m ≤ n, each step applies
 * the odd polynomial p(σ) = a₁σ + a₃σ³ + … + a_{2k+1}σ^{2k+1} as
 * <pre>
 *   A = X Xᵀ                                   (m, m)
 *   M = a_{2k+1}·A·A + a_{2k-1}·A,  then  M = A·M + a_{2j+1}·A  for j = k-2 … 1
 *   X ← M·X + a₁·X                             (Kim &amp; Oh, arXiv 2601.19156, App. E; Keller Jordan's
 *                                               zeropower_via_newtonschulz5 for k = 2)
 * </pre>
 * with full products where the kernel uses syrk, so results agree to rounding (the tests bound the
 * difference). Allocates its temporaries per step: a GPU run's cost is the products, not the
 * allocations.
 */
final class NsOps {

    private NsOps() {
    }

    /**
     * @param G       (rows, cols) FLOAT or DOUBLE; not modified
     * @param divisor the pre-normalization: X₀ = G / divisor (positive)
     * @param steps   the per-step polynomials; not modified
     * @return a new (rows, cols) array of G's type
     */
    static INDArray run(INDArray G, double divisor, List<OddPolynomial> steps) {
        boolean tall = G.rows() > G.columns();
        INDArray X = (tall ? G.transpose() : G).dup('c').divi(divisor);     // (m, n), m ≤ n
        for (OddPolynomial p : steps) {
            X = step(p, X);
        }
        return tall ? X.transpose().dup('c') : X;
    }

    /** @return p(X), a new (m, n) array. X: not modified. */
    static INDArray step(OddPolynomial p, INDArray X) {
        double[] a = p.coefficients();
        int k = a.length - 1;
        if (k == 0) {
            return X.mul(a[0]);
        }
        INDArray A = X.mmul(X.transpose());                                 // (m, m)
        INDArray M;
        if (k == 1) {
            M = A.mul(a[1]);
        } else {
            M = A.mmul(A).muli(a[k]).addi(A.mul(a[k - 1]));
            for (int j = k - 2; j >= 1; j--) {
                M = A.mmul(M).addi(A.mul(a[j]));
            }
        }
        return M.mmul(X).addi(X.mul(a[0]));                                 // (m, n)
    }
}
