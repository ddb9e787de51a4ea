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
     * @param G        (rows, cols) dense C order without offset, FLOAT or DOUBLE; not modified
     * @param divisor  the pre-normalization X₀ = G / divisor
     * @param steps    the per-step polynomials
     * @param restarts 0-based steps before which X and R are recomputed
     * @return a new (rows, cols) array
     */
    static INDArray run(INDArray G, double divisor, List<OddPolynomial> steps, boolean[] restarts) {
        DataType type = G.dataType();
        boolean tall = G.rows() > G.columns();
        int m = (int) Math.min(G.rows(), G.columns());
        int n = (int) Math.max(G.rows(), G.columns());
        int ldx = tall ? m : n;
        Blas blas = new Blas(type, tall);
        INDArray X = Nd4j.createUninitialized(type, G.rows(), G.columns());
        blas.copy(X.length(), Blas.pointer(G), Blas.pointer(X));
        java.lang.ref.Reference.reachabilityFence(G);
        blas.scal((int) X.length(), 1.0 / divisor, Blas.pointer(X));
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

    /** @return a·R as a new (m, m) array (BLAS copy and scal: no ND4J op, which waits on OpenMP under load) */
    private static INDArray scaled(Blas blas, INDArray R, double a, int m) {
        INDArray T = Nd4j.createUninitialized(R.dataType(), m, m);
        blas.copy((long) m * m, Blas.pointer(R), Blas.pointer(T));
        blas.scal(m * m, a, Blas.pointer(T));
        return T;
    }

    /** @return q(R) = a₁I + a₃R + … + a_{2k+1}R^k by Horner, (m, m) */
    private static INDArray polynomial(Blas blas, OddPolynomial p, INDArray R, int m) {
        double[] a = p.coefficients();
        int k = a.length - 1;
        INDArray M = scaled(blas, R, k == 0 ? 0 : a[k], m);
        for (int j = k - 1; j >= 1; j--) {
            INDArray T = scaled(blas, R, a[j], m);
            blas.gemm(false, false, m, m, m, 1.0, Blas.pointer(R), m, Blas.pointer(M), m, 1.0, Blas.pointer(T), m);
            java.lang.ref.Reference.reachabilityFence(M);
            M = T;
        }
        addToDiagonal(M, a[0], m);
        return M;
    }

    /** M ← M + a·I through the raw buffer. M: modified. */
    private static void addToDiagonal(INDArray M, double a, int m) {
        Pointer p = Blas.pointer(M);
        if (M.dataType() == DataType.DOUBLE) {
            org.bytedeco.javacpp.DoublePointer d = (org.bytedeco.javacpp.DoublePointer) p;
            for (int i = 0; i < m; i++) {
                d.put((long) i * m + i, d.get((long) i * m + i) + a);
            }
        } else {
            org.bytedeco.javacpp.FloatPointer f = (org.bytedeco.javacpp.FloatPointer) p;
            for (int i = 0; i < m; i++) {
                f.put((long) i * m + i, (float) (f.get((long) i * m + i) + a));
            }
        }
        java.lang.ref.Reference.reachabilityFence(M);
    }
}
