package dev.muonlab.ns;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Newton-Schulz in emulated bfloat16, operation by operation as PyTorch evaluates Keller Jordan's
 * {@code zeropower_via_newtonschulz5} on a bf16 tensor (KellerJordan/Muon muon.py):
 * <pre>
 *   X = r(G); X = r(X / d)                        d already rounded ({@link Normalization#divisor})
 *   A = r(X Xᵀ)
 *   B = r( r(b·A) + r( r(c·A) A ) )               "b * A + c * A @ A" parses as b*A + (c*A) @ A
 *   X = r( r(a·X) + r(B X) )
 * </pre>
 * where r rounds an fp32 result to bfloat16 and (a, b, c) are themselves rounded to bf16
 * (3.4375, −4.78125, 2.03125 for Keller's). A general odd polynomial follows the same pattern by
 * Horner: M = r(a_{2k+1}·A), then M = r(r(a_{2j+1}·A) + r(M A)) for j = k−1 … 1, then
 * X = r(r(a₁·X) + r(M X)). Products are computed in fp32 from bf16 operands, so results agree
 * with PyTorch's bf16 GEMM to within about one bfloat16 step (fixtures README).
 */
final class Bf16NewtonSchulz {

    private Bf16NewtonSchulz() {
    }

    /**
     * @param G       (rows, cols) FLOAT; not modified
     * @param divisor the pre-normalization divisor, already rounded to bf16
     * @return a new (rows, cols) FLOAT array of bfloat16 values
     */
    static INDArray run(INDArray G, double divisor, Schedule schedule) {
        boolean tall = G.rows() > G.columns();
        INDArray X = Bf16.rounded(G);
        if (tall) {
            X = X.transpose().dup('c');                          // (m, n), m ≤ n
        }
        X = Bf16.roundi(X.divi((float) divisor));
        for (OddPolynomial p : schedule.roundedToBf16().steps()) {
            X = step(X, p);
        }
        return tall ? X.transpose().dup('c') : X;
    }

    /** @return r(p(X)) with PyTorch's bf16 evaluation order. X (m, n): not modified. */
    static INDArray step(INDArray X, OddPolynomial p) {
        double[] a = p.coefficients();
        int k = a.length - 1;
        INDArray aX = Bf16.roundi(X.mul(a[0]));                   // (m, n)
        if (k == 0) {
            return aX;
        }
        INDArray A = Bf16.roundi(X.mmul(X.transpose()));          // (m, m)
        INDArray M = Bf16.roundi(A.mul(a[k]));
        for (int j = k - 1; j >= 1; j--) {
            INDArray MA = Bf16.roundi(M.mmul(A));
            M = Bf16.roundi(Bf16.roundi(A.mul(a[j])).addi(MA));
        }
        INDArray MX = Bf16.roundi(M.mmul(X));                     // (m, n)
        return Bf16.roundi(aX.addi(MX));
    }
}
