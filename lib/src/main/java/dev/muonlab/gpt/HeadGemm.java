package dev.muonlab.gpt;

import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.CblasTrans;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

import java.lang.ref.Reference;

/**
 * C[b, h] ← α·op(A[b, h])·op(B[b, h]) for every sequence b and head h: the batched products of
 * attention (q kᵀ, att v and their backward), as cuBLAS's {@code gemmStridedBatched}.
 *
 * <p>Why not {@code Nd4j.matmul} on (B, nh, T, hs) arrays: libnd4j 1.0.0-M2.1 multiplies rank-4
 * arrays with its own loop rather than BLAS, 1.0-2.4 ms per product for baby-cpu's 48 heads of
 * (64×32)·(32×64) on one core, against 0.17-0.24 ms for PyTorch's {@code bmm}; six such products
 * per layer made attention the largest cost of a training step. On the CPU backend this class
 * calls CBLAS once per head on the operands where they lie (see {@link HeadMatrices}), through the
 * OpenBLAS that ND4J itself loads. On any other backend (CUDA), or for arrays BLAS cannot address,
 * it falls back to {@code Nd4j.matmul} on strided views, so the model stays backend-agnostic; the
 * tests check that both paths agree.
 */
public final class HeadGemm {

    private static volatile boolean blasEnabled = true;

    private HeadGemm() {
    }

    /**
     * Sets whether the CPU BLAS path may be used (tests compare it with the ND4J path).
     *
     * @return the previous setting
     */
    static boolean setBlasEnabled(boolean enabled) {
        boolean before = blasEnabled;
        blasEnabled = enabled;
        return before;
    }

    /**
     * C[b, h] ← α·op(A[b, h])·op(B[b, h]), op(X) = Xᵀ when the flag is set.
     *
     * @param A operands; op(A) is (m, k). Not modified.
     * @param B operands; op(B) is (k, n). Not modified.
     * @param C results (m, n). Modified: overwritten; must not overlap A or B.
     */
    public static void gemm(boolean transA, boolean transB, double alpha, HeadMatrices A, HeadMatrices B,
                            HeadMatrices C) {
        int m = transA ? A.cols() : A.rows();
        int k = transA ? A.rows() : A.cols();
        int n = transB ? B.rows() : B.cols();
        int kB = transB ? B.cols() : B.rows();
        if (k != kB || C.rows() != m || C.cols() != n || A.batches() != C.batches() || B.batches() != C.batches()
                || A.heads() != C.heads() || B.heads() != C.heads()) {
            throw new IllegalArgumentException("head products do not conform: op(A) " + m + "×" + k + ", op(B) "
                    + kB + "×" + n + ", C " + C.rows() + "×" + C.cols() + " over " + C.batches() + "×" + C.heads());
        }
        if (blasAddressable(A, B, C)) {
            blasLoop(transA, transB, m, n, k, alpha, A, B, 0.0, C);
        } else {
            INDArray product = Nd4j.matmul(A.view(), B.view(), transA, transB, false);
            C.view().assign(alpha == 1.0 ? product : product.muli(alpha));
        }
    }

    /**
     * C ← α·op(A)·op(B) + β·C for 2-D arrays, as {@code Nd4j.gemm}; through one CBLAS call where
     * {@link #blasAddressable} (ND4J's own dispatch adds 40-100 µs to a 1 ms product at baby-cpu's
     * sizes, measured interleaved), else {@code Nd4j.gemm} itself.
     *
     * @param A, B not modified. C: modified; must not alias A or B.
     * @return C
     */
    static INDArray matmul(INDArray A, INDArray B, INDArray C, boolean transA, boolean transB, double alpha,
                           double beta) {
        HeadMatrices a = HeadMatrices.whole(A), b = HeadMatrices.whole(B), c = HeadMatrices.whole(C);
        int m = transA ? a.cols() : a.rows();
        int k = transA ? a.rows() : a.cols();
        int n = transB ? b.rows() : b.cols();
        if (blasAddressable(a, b, c) && k == (transB ? b.cols() : b.rows()) && c.rows() == m && c.cols() == n) {
            blasLoop(transA, transB, m, n, k, alpha, a, b, beta, c);
            return C;
        }
        return Nd4j.gemm(A, B, C, transA, transB, alpha, beta);
    }

    /** @return whether the CPU BLAS path applies: CPU backend, one float type, dense row-major arrays */
    static boolean blasAddressable(HeadMatrices... operands) {
        if (!blasEnabled || !Nd4j.getEnvironment().isCPU()) {
            return false;
        }
        DataType type = operands[0].array().dataType();
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            return false;
        }
        for (HeadMatrices x : operands) {
            INDArray a = x.array();
            if (a.dataType() != type || a.ordering() != 'c' || !Shape.hasDefaultStridesForShape(a)) {
                return false;
            }
        }
        return true;
    }

    private static void blasLoop(boolean transA, boolean transB, int m, int n, int k, double alpha,
                                 HeadMatrices A, HeadMatrices B, double beta, HeadMatrices C) {
        int ta = transA ? CblasTrans : CblasNoTrans;
        int tb = transB ? CblasTrans : CblasNoTrans;
        boolean dbl = C.array().dataType() == DataType.DOUBLE;
        try {
            if (dbl) {
                DoublePointer a = new DoublePointer(A.array().data().addressPointer());
                DoublePointer b = new DoublePointer(B.array().data().addressPointer());
                DoublePointer c = new DoublePointer(C.array().data().addressPointer());
                for (int s = 0; s < C.batches(); s++) {
                    for (int h = 0; h < C.heads(); h++) {
                        openblas.cblas_dgemm(CblasRowMajor, ta, tb, m, n, k, alpha, a.position(start(A, s, h)), A.ld(),
                                b.position(start(B, s, h)), B.ld(), beta, c.position(start(C, s, h)), C.ld());
                    }
                }
            } else {
                FloatPointer a = new FloatPointer(A.array().data().addressPointer());
                FloatPointer b = new FloatPointer(B.array().data().addressPointer());
                FloatPointer c = new FloatPointer(C.array().data().addressPointer());
                for (int s = 0; s < C.batches(); s++) {
                    for (int h = 0; h < C.heads(); h++) {
                        openblas.cblas_sgemm(CblasRowMajor, ta, tb, m, n, k, (float) alpha, a.position(start(A, s, h)),
                                A.ld(), b.position(start(B, s, h)), B.ld(), (float) beta, c.position(start(C, s, h)), C.ld());
                    }
                }
            }
        } finally {
            // the raw pointers above do not keep the arrays (and their native memory) reachable
            Reference.reachabilityFence(A.array());
            Reference.reachabilityFence(B.array());
            Reference.reachabilityFence(C.array());
        }
    }

    /** @return the buffer element index where matrix (b, h) starts */
    private static long start(HeadMatrices x, int b, int h) {
        return x.array().offset() + x.offset() + b * x.batchStride() + h * x.headStride();
    }
}
