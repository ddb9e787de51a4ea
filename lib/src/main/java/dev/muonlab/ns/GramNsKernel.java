package dev.muonlab.ns;

import java.util.List;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link GramNewtonSchulz} on the host BLAS (CPU backend), for one call: the same products as the ND4J-op
 * path, each one BLAS call (syrk for X Xᵀ, gemm otherwise), and a tall input read as its transpose
 * without a copy, as {@link NsKernel} does. Every (m, m) matrix here (R, P = q(R), Q) is a polynomial in
 * the symmetric R₀, hence symmetric, so its storage order does not matter. Allocates its buffers per call.
 */
final class GramNsKernel {

    private GramNsKernel() {
    }

    /**
     * @param X0       (rows, cols) the pre-scaled input, dense C order, FLOAT or DOUBLE; not modified
     * @param steps    the per-step polynomials
     * @param restarts 0-based steps before which X and R are recomputed
     * @return a new (rows, cols) array
     */
    static INDArray run(INDArray X0, List<OddPolynomial> steps, boolean[] restarts) {
        DataType type = X0.dataType();
        boolean tall = X0.rows() > X0.columns();
        int m = (int) Math.min(X0.rows(), X0.columns());
        int n = (int) Math.max(X0.rows(), X0.columns());
        int ldx = tall ? m : n;
        Blas blas = new Blas(type, tall);
        INDArray X = X0.dup('c');
        INDArray R = gram(blas, X, m, n, ldx);
        INDArray Q = null;
        for (int i = 0; i < steps.size(); i++) {
            if (i != 0 && restarts[i]) {
                X = times(blas, Q, X, m, n, ldx);
                R = gram(blas, X, m, n, ldx);
                Q = null;
            }
            INDArray P = polynomial(blas, steps.get(i), R, m);
            Q = Q == null ? P : square(blas, Q, P, m);
            if (i < steps.size() - 1 && !restarts[i + 1]) {
                R = square(blas, P, square(blas, R, P, m), m);
            }
        }
        return times(blas, Q, X, m, n, ldx);
    }

    /** @return R = X Xᵀ (m, m), syrk then mirrored */
    private static INDArray gram(Blas blas, INDArray X, int m, int n, int ldx) {
        INDArray R = Nd4j.createUninitialized(X.dataType(), m, m);
        Pointer pr = Blas.pointer(R);
        blas.syrk(m, n, 1.0, Blas.pointer(X), ldx, 0.0, pr, m);
        blas.symmetrize(m, pr);
        java.lang.ref.Reference.reachabilityFence(X);
        return R;
    }

    /** @return A·B for (m, m) A, B */
    private static INDArray square(Blas blas, INDArray A, INDArray B, int m) {
        INDArray C = Nd4j.createUninitialized(A.dataType(), m, m);
        blas.gemm(false, false, m, m, m, 1.0, Blas.pointer(A), m, Blas.pointer(B), m, 0.0, Blas.pointer(C), m);
        java.lang.ref.Reference.reachabilityFence(A);
        java.lang.ref.Reference.reachabilityFence(B);
        return C;
    }

    /** @return Q·X, (m, m)·(m, n), in X's storage */
    private static INDArray times(Blas blas, INDArray Q, INDArray X, int m, int n, int ldx) {
        INDArray out = Nd4j.createUninitialized(X.dataType(), X.rows(), X.columns());
        blas.gemm(false, false, m, n, m, 1.0, Blas.pointer(Q), m, Blas.pointer(X), ldx, 0.0, Blas.pointer(out), ldx);
        java.lang.ref.Reference.reachabilityFence(Q);
        java.lang.ref.Reference.reachabilityFence(X);
        return out;
    }

    /** @return q(R) = a₁I + a₃R + … + a_{2k+1}R^k by Horner, (m, m) */
    private static INDArray polynomial(Blas blas, OddPolynomial p, INDArray R, int m) {
        double[] a = p.coefficients();
        int k = a.length - 1;
        INDArray M = R.mul(a[k]);
        for (int j = k - 1; j >= 1; j--) {
            INDArray T = R.mul(a[j]);
            blas.gemm(false, false, m, m, m, 1.0, Blas.pointer(R), m, Blas.pointer(M), m, 1.0, Blas.pointer(T), m);
            java.lang.ref.Reference.reachabilityFence(M);
            M = T;
        }
        INDArray I = Nd4j.eye(m).castTo(R.dataType()).muli(a[0]);
        return k == 0 ? I : M.addi(I);
    }
}
