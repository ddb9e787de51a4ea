package dev.muonlab.ns;

import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Newton-Schulz in emulated bfloat16, operation by operation as PyTorch evaluates Keller Jordan's
 * {@code zeropower_via_newtonschulz5} on a bf16 tensor (KellerJordan/Muon muon.py):
 * <pre>
 *   X = r(G); X = r(X / d)                        d from r(G), rounded ({@link Normalization#divisor})
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
     * @param normalization the pre-normalization, computed on the bf16-rounded input as PyTorch does
     * @return a new (rows, cols) FLOAT array of bfloat16 values
     */
    static INDArray run(INDArray G, Normalization normalization, Schedule schedule) {
        boolean tall = G.rows() > G.columns();
        INDArray R = Bf16.rounded(G);
        double divisor = normalization.divisor(R, Precision.BF16);
        int m = (int) Math.min(G.rows(), G.columns());
        int n = (int) Math.max(G.rows(), G.columns());
        float[] X = (tall ? R.transpose().dup('c') : R).data().asFloat(); // (m, n) row-major
        float d = (float) divisor;
        for (int i = 0; i < X.length; i++) {
            X[i] = Bf16.round(X[i] / d);
        }
        for (OddPolynomial p : schedule.roundedToBf16().steps()) {
            X = step(X, m, n, p);
        }
        INDArray out = Nd4j.create(X, new long[] {m, n}, 'c');
        return tall ? out.transpose().dup('c') : out;
    }

    /** @return r(p(X)) with PyTorch's bf16 evaluation order. X (m, n) row-major: not modified. */
    static float[] step(float[] X, int m, int n, OddPolynomial p) {
        double[] a = p.coefficients();
        int k = a.length - 1;
        float[] aX = scaled(X, a[0]);                                  // (m, n)
        if (k == 0) {
            return aX;
        }
        float[] A = new float[m * m];                                  // (m, m) = r(X Xᵀ)
        openblas.cblas_sgemm(openblas.CblasRowMajor, openblas.CblasNoTrans, openblas.CblasTrans, m, m, n,
                1f, X, n, X, n, 0f, A, m);
        roundAll(A);
        float[] M = scaled(A, a[k]);
        for (int j = k - 1; j >= 1; j--) {
            float[] MA = new float[m * m];
            openblas.cblas_sgemm(openblas.CblasRowMajor, openblas.CblasNoTrans, openblas.CblasNoTrans, m, m, m,
                    1f, M, m, A, m, 0f, MA, m);
            float[] aA = scaled(A, a[j]);
            for (int i = 0; i < MA.length; i++) {
                MA[i] = Bf16.round(aA[i] + Bf16.round(MA[i]));
            }
            M = MA;
        }
        float[] MX = new float[m * n];                                 // (m, n)
        openblas.cblas_sgemm(openblas.CblasRowMajor, openblas.CblasNoTrans, openblas.CblasNoTrans, m, n, m,
                1f, M, m, X, n, 0f, MX, n);
        for (int i = 0; i < MX.length; i++) {
            MX[i] = Bf16.round(aX[i] + Bf16.round(MX[i]));
        }
        return MX;
    }

    /** @return r(c·V) elementwise, c already a bfloat16 value. V: not modified. */
    private static float[] scaled(float[] V, double c) {
        float f = (float) c;
        float[] out = new float[V.length];
        for (int i = 0; i < V.length; i++) {
            out[i] = Bf16.round(f * V[i]);
        }
        return out;
    }

    private static void roundAll(float[] V) {
        for (int i = 0; i < V.length; i++) {
            V[i] = Bf16.round(V[i]);
        }
    }
}
