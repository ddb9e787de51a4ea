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
 * the symmetric R₀, hence symmetric, so its storage order does not matter. Keeps its buffers (two of the
 * input's shape, five (m, m)) between calls, as {@link NsKernel} does: ND4J's allocation took ~0.4 ms each
 * here, a third of a 128×2048 call when allocated per product. One instance per shape and thread.
 */
final class GramNsKernel {

    private final DataType type;
    private final long rows;
    private final long cols;
    private final int m;
    private final int n;
    private final int ldx;
    private final Blas blas;
    private INDArray X;
    private INDArray Xn;
    private INDArray R;
    private INDArray P;
    private INDArray Q;
    private INDArray T;
    private INDArray U;

    GramNsKernel(DataType type, long rows, long cols) {
        this.type = type;
        this.rows = rows;
        this.cols = cols;
        boolean tall = rows > cols;
        this.m = (int) Math.min(rows, cols);
        this.n = (int) Math.max(rows, cols);
        this.ldx = tall ? m : n;
        this.blas = new Blas(type, tall);
        try (org.nd4j.linalg.api.memory.MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            X = Nd4j.createUninitialized(type, rows, cols);
            Xn = Nd4j.createUninitialized(type, rows, cols);
            R = Nd4j.createUninitialized(type, m, m);
            P = Nd4j.createUninitialized(type, m, m);
            Q = Nd4j.createUninitialized(type, m, m);
            T = Nd4j.createUninitialized(type, m, m);
            U = Nd4j.createUninitialized(type, m, m);
        }
    }

    boolean fits(DataType t, long r, long c) {
        return t == type && r == rows && c == cols;
    }

    /**
     * @param G        (rows, cols) dense C order without offset, this kernel's type; not modified
     * @param divisor  the pre-normalization X₀ = G / divisor
     * @param steps    the per-step polynomials
     * @param restarts 0-based steps before which X and R are recomputed (length ≥ steps + 1)
     * @return a new (rows, cols) array
     */
    INDArray run(INDArray G, double divisor, List<OddPolynomial> steps, boolean[] restarts) {
        blas.copy(X.length(), Blas.pointer(G), Blas.pointer(X));
        java.lang.ref.Reference.reachabilityFence(G);
        blas.scal((int) X.length(), 1.0 / divisor, Blas.pointer(X));
        gram();
        boolean fresh = true;                                   // Q not yet formed (= I)
        for (int i = 0; i < steps.size(); i++) {
            if (i != 0 && restarts[i]) {
                product(Q, X, Xn, n, ldx);                      // Xn = Q·X
                INDArray s = X;
                X = Xn;
                Xn = s;
                gram();
                fresh = true;
            }
            polynomial(steps.get(i));                           // P = q(R)
            if (fresh) {
                blas.copy((long) m * m, Blas.pointer(P), Blas.pointer(Q));
                fresh = false;
            } else {
                product(Q, P, T, m, m);                         // T = Q·P
                INDArray s = Q;
                Q = T;
                T = s;
            }
            if (i < steps.size() - 1 && !restarts[i + 1]) {
                product(R, P, T, m, m);                         // T = R·P
                product(P, T, U, m, m);                         // U = P·R·P
                INDArray s = R;
                R = U;
                U = s;
            }
        }
        INDArray out = Nd4j.createUninitialized(type, rows, cols);
        product(Q, X, out, n, ldx);
        return out;
    }

    /** R = X Xᵀ (m, m): syrk, then mirrored. */
    private void gram() {
        Pointer pr = Blas.pointer(R);
        blas.syrk(m, n, 1.0, Blas.pointer(X), ldx, 0.0, pr, m);
        blas.symmetrize(m, pr);
    }

    /** C = A·B with A (m, m), B (m, k) of leading dimension ld, C like B. C must not alias A or B. */
    private void product(INDArray A, INDArray B, INDArray C, int k, int ld) {
        blas.gemm(false, false, m, k, m, 1.0, Blas.pointer(A), m, Blas.pointer(B), ld, 0.0, Blas.pointer(C), ld);
    }

    /** P = q(R) = a₁I + a₃R + … + a_{2k+1}R^k by Horner (T as scratch). */
    private void polynomial(OddPolynomial p) {
        double[] a = p.coefficients();
        int k = a.length - 1;
        scaled(R, k == 0 ? 0 : a[k], P);
        for (int j = k - 1; j >= 1; j--) {
            scaled(R, a[j], T);
            blas.gemm(false, false, m, m, m, 1.0, Blas.pointer(R), m, Blas.pointer(P), m, 1.0, Blas.pointer(T), m);
            INDArray s = P;
            P = T;
            T = s;
        }
        addToDiagonal(P, a[0]);
    }

    /** to = a·from, (m, m), through BLAS (no ND4J op: those wait on OpenMP barriers under load). */
    private void scaled(INDArray from, double a, INDArray to) {
        blas.copy((long) m * m, Blas.pointer(from), Blas.pointer(to));
        blas.scal(m * m, a, Blas.pointer(to));
    }

    /** M ← M + a·I through the raw buffer. */
    private void addToDiagonal(INDArray M, double a) {
        Pointer p = Blas.pointer(M);
        if (type == DataType.DOUBLE) {
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
    }
}
