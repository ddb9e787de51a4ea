package dev.muonlab.host;

import static org.bytedeco.openblas.global.openblas.CblasLeft;
import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasNonUnit;
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.CblasUpper;

import org.bytedeco.openblas.global.openblas;

/**
 * Refuses double-precision LAPACK where the OpenBLAS that ND4J loaded computes it wrongly, instead
 * of letting a study plot a wrong SVD.
 *
 * <p>Why: ND4J 1.0.0-M2.1 bundles OpenBLAS 0.3.19, a DYNAMIC_ARCH build. With its AVX-512 kernels
 * ("SkylakeX", "Cooperlake"), which it selects by itself on Intel Xeons and which
 * {@code OPENBLAS_CORETYPE} can select on AMD Zen 4, its double-precision DTRMM, DTRSM and DSYMM
 * return results with relative errors above 1 (OpenBLAS issues 2986 and 3454, a kernel/copy-routine
 * mismatch in such builds, fixed in 0.3.21). LAPACK's blocked routines call them, so dgesdd, dgesvd
 * (from about 128 rows) and the LU inverse go wrong with them; single precision and DGEMM are right.
 * Measured here (AMD EPYC, 2026-11-23): DTRSM on 200×205 off by 1e17, DGESVD's reconstruction off by
 * 1.4, against 1e-15 with the AVX2 "Haswell" kernels. The launcher starts the JVMs that may run fp64
 * LAPACK with {@code OPENBLAS_CORETYPE=Haswell}; this check catches the other ways in (stock JJava,
 * an IDE, an environment variable set by hand).
 *
 * <p>The probe: an 8×8 upper-triangular T (diagonal 4) and an 8×11 X with fixed entries; DTRMM must
 * give T·X, DTRSM must recover X from T·X, and DSYMM with the symmetric completion S of T must give
 * S·X, each to 1e-12 relative against sums written out here. It runs once per JVM, in microseconds,
 * on every ND4J backend: {@code ExactPolar} runs LAPACK on the host's OpenBLAS in the CUDA build too.
 */
public final class Fp64BlasCheck {

    static final int M = 8;
    static final int N = 11;
    private static final double TOLERANCE = 1e-12;
    private static volatile Boolean sound;

    private Fp64BlasCheck() {
    }

    /** @return whether fp64 level-3 BLAS gives right results in this JVM (probed on first call) */
    public static boolean sound() {
        Boolean s = sound;
        if (s == null) {
            s = probeWorstError() <= TOLERANCE;
            sound = s;
        }
        return s;
    }

    /**
     * @param what the computation about to run, for the message ("the fp64 SVD of a 512×784 matrix")
     * @throws IllegalStateException when {@link #sound()} is false, naming the fix
     */
    public static void requireSound(String what) {
        if (!sound()) {
            String core = System.getenv("OPENBLAS_CORETYPE");
            throw new IllegalStateException("refusing " + what + ": the OpenBLAS 0.3.19 bundled with ND4J computes "
                    + "double-precision triangular and symmetric products wrongly with the CPU kernels it runs now ("
                    + (core == null ? "its own choice of AVX-512 kernels" : "OPENBLAS_CORETYPE=" + core)
                    + "; OpenBLAS issues 2986 and 3454), so LAPACK's fp64 SVD and inverse would be wrong. "
                    + "Start Java with OPENBLAS_CORETYPE=Haswell in its environment "
                    + "(./muonlab does this for the kernel, the tests and `./muonlab java`).");
        }
    }

    /**
     * Runs the three products on the fixed operands.
     *
     * @return the largest relative error of DTRMM, DTRSM and DSYMM against the written-out sums
     */
    static double probeWorstError() {
        double[] T = new double[M * M];     // (M, M) row-major, upper triangular
        double[] S = new double[M * M];     // its symmetric completion
        double[] X = new double[M * N];     // (M, N)
        for (int i = 0; i < M; i++) {
            for (int j = i; j < M; j++) {
                double v = i == j ? 4.0 : ((i * 7 + j * 3) % 5 - 2) * 0.25;
                T[i * M + j] = v;
                S[i * M + j] = v;
                S[j * M + i] = v;
            }
        }
        for (int i = 0; i < M * N; i++) {
            X[i] = ((i * 5) % 9 - 4) * 0.5;
        }
        double[] TX = product(T, X);
        double[] SX = product(S, X);

        double[] trmm = X.clone();
        openblas.cblas_dtrmm(CblasRowMajor, CblasLeft, CblasUpper, CblasNoTrans, CblasNonUnit, M, N, 1.0, T, M, trmm, N);
        double[] trsm = TX.clone();
        openblas.cblas_dtrsm(CblasRowMajor, CblasLeft, CblasUpper, CblasNoTrans, CblasNonUnit, M, N, 1.0, T, M, trsm, N);
        double[] symm = new double[M * N];
        openblas.cblas_dsymm(CblasRowMajor, CblasLeft, CblasUpper, M, N, 1.0, S, M, X, N, 0.0, symm, N);
        return Math.max(relativeError(trmm, TX), Math.max(relativeError(trsm, X), relativeError(symm, SX)));
    }

    /** @return A·X for A (M, M) and X (M, N), row-major, summed in plain Java */
    private static double[] product(double[] A, double[] X) {
        double[] out = new double[M * N];
        for (int i = 0; i < M; i++) {
            for (int j = 0; j < N; j++) {
                double sum = 0;
                for (int k = 0; k < M; k++) {
                    sum += A[i * M + k] * X[k * N + j];
                }
                out[i * N + j] = sum;
            }
        }
        return out;
    }

    /** @return max |a − b| / max |b|; infinite for a NaN */
    private static double relativeError(double[] a, double[] b) {
        double err = 0;
        double scale = 0;
        for (int i = 0; i < a.length; i++) {
            double d = Math.abs(a[i] - b[i]);
            err = Double.isNaN(d) ? Double.POSITIVE_INFINITY : Math.max(err, d);
            scale = Math.max(scale, Math.abs(b[i]));
        }
        return err / scale;
    }
}
