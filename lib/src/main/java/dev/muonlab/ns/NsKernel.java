package dev.muonlab.ns;

import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Preallocated Newton-Schulz iteration for one input shape (rows, cols) and one data type
 * (fp32 or fp64): the fast path behind {@link NewtonSchulz}.
 *
 * <p>The iterate X (m, n), m ≤ n, is the wide orientation of the input. A tall input (rows &gt; cols)
 * is not transposed in memory: its row-major buffer is read as the column-major (cols, rows) matrix,
 * which is Gᵀ (Keller Jordan's transpose trick without the copy). One step of the odd polynomial
 * p(σ) = a₁σ + a₃σ³ + … + a_{2k+1}σ^{2k+1} is, with A = XXᵀ and Horner in A,
 * <pre>
 *   A = X Xᵀ                                  syrk, m²n flops (half of a gemm)
 *   M = a_{2k+1}·A·A + a_{2k-1}·A              syrk (A is symmetric, so A·A = A·Aᵀ), m³ flops
 *   M = A·M + a_{2j+1}·A,  j = k-2 … 1          gemm, 2m³ flops each (only for k ≥ 3)
 *   X = M·X + a₁·X                             gemm, 2m²n flops
 * </pre>
 * which is k + 1 products (Kim &amp; Oh, arXiv 2601.19156, App. E) and, for Keller's quintic,
 * 3m²n + m³ FLOPs instead of the 4m²n + 2m³ of three full GEMMs (references.md §0.2).
 * All buffers live as long as the kernel; no temporaries are allocated per step, except the array
 * the last step writes, which is handed to the caller.
 *
 * <p>Design note: the last product could read M from one triangle with {@code symm} and skip a
 * symmetrization, but OpenBLAS 0.3.19's DSYMM returns wrong results (relative error ~0.1) with its
 * SkylakeX kernels, which it selects on AVX-512 Intel CPUs (checked here with
 * OPENBLAS_CORETYPE=SkylakeX on an AMD EPYC; DGEMM and DSYRK are correct), so only gemm and syrk
 * are used.
 */
final class NsKernel {

    private final DataType type;
    private final long rows;
    private final long cols;
    private final int m; // the short side
    private final int n; // the long side
    private final int ldx; // leading dimension of the (m, n) iterate: n row-major, m column-major
    private final Blas blas;
    private INDArray X; // (rows, cols) buffer holding the (m, n) iterate
    private INDArray Xn;
    private final INDArray A; // (m, m)
    private INDArray M; // (m, m)
    private INDArray T; // (m, m), Horner scratch for k ≥ 3

    NsKernel(DataType type, long rows, long cols) {
        this.type = type;
        this.rows = rows;
        this.cols = cols;
        this.m = (int) Math.min(rows, cols);
        this.n = (int) Math.max(rows, cols);
        this.blas = new Blas(type, rows > cols);
        this.ldx = rows > cols ? m : n;
        try (MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {   // they outlive the call
            this.X = Nd4j.createUninitialized(type, rows, cols);
            this.Xn = Nd4j.createUninitialized(type, rows, cols);
            this.A = Nd4j.createUninitialized(type, m, m);
            this.M = Nd4j.createUninitialized(type, m, m);
        }
    }

    boolean fits(DataType t, long r, long c) {
        return t == type && r == rows && c == cols;
    }

    /**
     * Runs the schedule on G / divisor and returns the result in a new (rows, cols) array.
     *
     * @param G       (rows, cols), dense C order without offset, of this kernel's type; not modified
     * @param divisor the pre-normalization: X₀ = G / divisor (positive)
     * @param steps   the per-step polynomials; not modified
     */
    INDArray run(INDArray G, double divisor, java.util.List<OddPolynomial> steps) {
        Pointer px = Blas.pointer(X);
        blas.copy(X.length(), Blas.pointer(G), px);
        // G's buffer is read through a raw pointer: keep G reachable until the copy is done, or a GC
        // may let ND4J free the buffer mid-copy (a SIGSEGV in memcpy, seen with parallel training runs).
        java.lang.ref.Reference.reachabilityFence(G);
        blas.scal((int) X.length(), 1.0 / divisor, px);
        for (int s = 0; s < steps.size(); s++) {
            boolean last = s == steps.size() - 1;
            INDArray out = last ? Nd4j.createUninitialized(type, rows, cols) : Xn;
            step(steps.get(s), X, out);
            if (last) {
                return out;
            }
            INDArray swap = X;
            X = Xn;
            Xn = swap;
        }
        return X.dup();
    }

    /** out ← p(X). X: not modified. out: modified (must not be X). */
    private void step(OddPolynomial p, INDArray Xin, INDArray out) {
        double[] a = p.coefficients();
        int k = a.length - 1;
        Pointer px = Blas.pointer(Xin);
        Pointer po = Blas.pointer(out);
        long size = (long) m * n;
        blas.copy(size, px, po);
        if (k == 0) {
            blas.scal((int) size, a[0], po);
            return;
        }
        Pointer pa = Blas.pointer(A);
        blas.syrk(m, n, 1.0, px, ldx, 0.0, pa, m);          // A = X Xᵀ  (m, m), one triangle
        blas.symmetrize(m, pa);
        if (k == 1) {
            blas.gemm(false, false, m, n, m, a[1], pa, m, px, ldx, a[0], po, ldx); // out = a₃·A·X + a₁·X
            return;
        }
        Pointer pm = Blas.pointer(M);
        blas.copy((long) m * m, pa, pm);
        blas.syrk(m, m, a[k], pa, m, a[k - 1], pm, m);       // M = a_{2k+1}·A·A + a_{2k-1}·A, one triangle
        blas.symmetrize(m, pm);
        for (int j = k - 2; j >= 1; j--) {
            if (T == null) {
                try (MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                    T = Nd4j.createUninitialized(type, m, m);
                }
            }
            Pointer pt = Blas.pointer(T);
            blas.copy((long) m * m, pa, pt);
            blas.gemm(false, false, m, m, m, 1.0, pa, m, pm, m, a[j], pt, m); // T = A·M + a_{2j+1}·A
            INDArray swap = M;
            M = T;
            T = swap;
            pm = Blas.pointer(M);
        }
        blas.gemm(false, false, m, n, m, 1.0, pm, m, px, ldx, a[0], po, ldx);   // out = M·X + a₁·X
    }
}
