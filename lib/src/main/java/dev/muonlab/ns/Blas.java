package dev.muonlab.ns;

import static org.bytedeco.openblas.global.openblas.CblasColMajor;
import static org.bytedeco.openblas.global.openblas.CblasLower;
import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.CblasTrans;
import static org.bytedeco.openblas.global.openblas.CblasUpper;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Thin CBLAS calls on the buffers of dense ND4J arrays, in place, through the OpenBLAS that ND4J
 * itself loads (bytedeco {@code openblas} 0.3.19). ND4J's own {@code Nd4j.gemm} adds checks and,
 * for some layouts, copies; the Newton-Schulz kernel needs exactly one BLAS call per product and
 * the symmetric rank-k update {@code syrk} for Gram matrices, which ND4J does not route.
 *
 * <p>A {@code Blas} is bound to one data type (FLOAT or DOUBLE) and one storage layout:
 * {@code columnMajor = true} reads every row-major (r, c) buffer as the column-major (c, r) matrix,
 * i.e. as its transpose, which is how the kernel iterates on a tall input without copying it.
 */
final class Blas {

    private final boolean dbl;
    private final int order;
    private final int uploRawUpper;
    private float[] fScratch; // (m, m) scratch for symmetrize, reused
    private double[] dScratch;

    Blas(DataType type, boolean columnMajor) {
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            throw new IllegalArgumentException("BLAS kernel supports FLOAT and DOUBLE, got " + type);
        }
        this.dbl = type == DataType.DOUBLE;
        this.order = columnMajor ? CblasColMajor : CblasRowMajor;
        // The triangle that lies in the raw upper half of the buffer (index i*ld + j with j >= i).
        this.uploRawUpper = columnMajor ? CblasLower : CblasUpper;
    }

    /** @return a pointer to the first element of a dense, offset-free array (owned by the kernel) */
    static Pointer pointer(INDArray X) {
        Pointer p = X.data().addressPointer();
        return X.dataType() == DataType.DOUBLE ? new DoublePointer(p) : new FloatPointer(p);
    }

    /**
     * C ← alpha·op(A)·op(B) + beta·C with op(A) (m, k), op(B) (k, n), C (m, n) in this layout.
     * A, B: not modified. C: modified; must not alias A or B.
     */
    void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
              Pointer A, int lda, Pointer B, int ldb, double beta, Pointer C, int ldc) {
        int ta = transA ? CblasTrans : CblasNoTrans;
        int tb = transB ? CblasTrans : CblasNoTrans;
        if (dbl) {
            openblas.cblas_dgemm(order, ta, tb, m, n, k, alpha, (DoublePointer) A, lda, (DoublePointer) B, ldb,
                    beta, (DoublePointer) C, ldc);
        } else {
            openblas.cblas_sgemm(order, ta, tb, m, n, k, (float) alpha, (FloatPointer) A, lda, (FloatPointer) B, ldb,
                    (float) beta, (FloatPointer) C, ldc);
        }
    }

    /**
     * C ← alpha·A·Aᵀ + beta·C on the raw-upper triangle only, A (m, k), C (m, m) in this layout; the
     * raw-lower triangle of C is left as it was (call {@link #symmetrize}). A: not modified. C: modified.
     */
    void syrk(int m, int k, double alpha, Pointer A, int lda, double beta, Pointer C, int ldc) {
        if (dbl) {
            openblas.cblas_dsyrk(order, uploRawUpper, CblasNoTrans, m, k, alpha, (DoublePointer) A, lda,
                    beta, (DoublePointer) C, ldc);
        } else {
            openblas.cblas_ssyrk(order, uploRawUpper, CblasNoTrans, m, k, (float) alpha, (FloatPointer) A, lda,
                    (float) beta, (FloatPointer) C, ldc);
        }
    }

    /**
     * Copies the raw-upper triangle of the (m, m) buffer C onto its raw-lower triangle: one bulk
     * copy into a reused Java array, a tiled (cache-friendly) transpose of the triangle there, one
     * bulk copy back. (A per-row strided BLAS copy, or element access through an NIO view, is
     * several times slower.) C: modified.
     */
    void symmetrize(int m, Pointer C) {
        int size = m * m;
        if (dbl) {
            if (dScratch == null || dScratch.length < size) {
                dScratch = new double[size];
            }
            double[] c = dScratch;
            DoublePointer p = new DoublePointer(C);
            p.get(c, 0, size);
            forUpperRowSegments(m, (i, from, to) -> {
                for (int j = from; j < to; j++) {
                    c[j * m + i] = c[i * m + j];
                }
            });
            p.put(c, 0, size);
        } else {
            if (fScratch == null || fScratch.length < size) {
                fScratch = new float[size];
            }
            float[] c = fScratch;
            FloatPointer p = new FloatPointer(C);
            p.get(c, 0, size);
            forUpperRowSegments(m, (i, from, to) -> {
                for (int j = from; j < to; j++) {
                    c[j * m + i] = c[i * m + j];
                }
            });
            p.put(c, 0, size);
        }
    }

    /** One row's part of a tile above the diagonal: columns {@code from} (inclusive) to {@code to}. */
    private interface RowSegment {
        void visit(int row, int from, int to);
    }

    /**
     * Visits the strict upper triangle of an m×m matrix in 64×64 tiles (cache-friendly transposed writes),
     * one row segment of a tile at a time; at most 64 entries per call, so the call costs nothing.
     */
    private static void forUpperRowSegments(int m, RowSegment body) {
        final int tile = 64;
        for (int bi = 0; bi < m; bi += tile) {
            int iEnd = Math.min(bi + tile, m);
            for (int bj = bi; bj < m; bj += tile) {
                int jEnd = Math.min(bj + tile, m);
                for (int i = bi; i < iEnd; i++) {
                    body.visit(i, Math.max(bj, i + 1), jEnd);
                }
            }
        }
    }

    /** Y ← X for n contiguous elements. X: not modified. Y: modified. */
    void copy(long n, Pointer X, Pointer Y) {
        Pointer.memcpy(Y, X, n * (dbl ? 8 : 4));
    }

    /** @return ‖X‖_F of a dense, offset-free FLOAT or DOUBLE array by BLAS nrm2 (NaN or ∞ if X has any). X: not modified. */
    static double frobenius(INDArray X) {
        return new Blas(X.dataType(), false).nrm2(X.length(), pointer(X));
    }

    /** @return the Euclidean norm of n contiguous elements (NaN or ∞ if any element is). X: not modified. */
    double nrm2(long n, Pointer X) {
        return dbl ? openblas.cblas_dnrm2((int) n, (DoublePointer) X, 1) : openblas.cblas_snrm2((int) n, (FloatPointer) X, 1);
    }

    /** X ← alpha·X for n contiguous elements. X: modified. */
    void scal(int n, double alpha, Pointer X) {
        if (dbl) {
            openblas.cblas_dscal(n, alpha, (DoublePointer) X, 1);
        } else {
            openblas.cblas_sscal(n, (float) alpha, (FloatPointer) X, 1);
        }
    }
}
