package dev.muonlab.ns;

import dev.muonlab.host.Fp64BlasCheck;
import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The exact polar factor U Vᵀ of G = U Σ Vᵀ from a thin SVD by LAPACK through OpenBLAS (the one ND4J's
 * CPU backend bundles, which lib/pom.xml declares for the CUDA build too), on the host: the reference every Newton-Schulz schedule approximates, and Muon's "SVD backend" (Kim
 * &amp; Oh, arXiv 2601.19156, Theorem 4; the first modded-nanogpt Muon record's
 * {@code zeropower_via_svd}). ND4J's op-based SVD is broken in 1.0.0-M2.1, so this calls LAPACK
 * directly.
 *
 * <p>The SVD is LAPACK's divide-and-conquer {@code ?gesdd} (jobz = 'S'), several times faster than
 * the QR-iteration {@code ?gesvd} when singular vectors are wanted (measured: 512×784 in about a fifth
 * of the time, see lib/src/bench/mlp). When divide and conquer does not converge (info &gt; 0, rare)
 * the QR iteration {@code ?gesvd} is tried before giving up. {@link #polar(INDArray)} and the
 * decompositions run in double; {@link #polar(INDArray, Precision)} with FP32 runs {@code sgesdd},
 * about twice as fast again, for training loops whose other arithmetic is fp32 anyway.
 *
 * <p>Singular values at or below max(m, n)·eps·σ_max count as zero and their singular vectors are
 * dropped: the result is the partial isometry U_r V_rᵀ on the range of G, which is also what
 * Newton-Schulz converges to (odd polynomials keep 0 at 0) and what Kim &amp; Oh call Polar(M).
 */
public final class ExactPolar {

    /** A thin SVD of an (m, n) matrix, r = min(m, n): U (m, r), s (r) descending, Vt (r, n); all of one type. */
    public record Svd(INDArray U, INDArray s, INDArray Vt) {
    }

    private ExactPolar() {
    }

    /** @return the exact polar factor in double as an {@link Orthogonalizer} */
    public static Orthogonalizer orthogonalizer() {
        return ExactPolar::polar;
    }

    /**
     * @param G (m, n), any floating type; not modified
     * @return a new (m, n) array of G's data type: U_r V_rᵀ computed in double (zeros for an all-zero G)
     * @throws IllegalArgumentException for a non-finite, empty or non-2-D G
     * @throws ArithmeticException      when LAPACK fails (info ≠ 0 from both gesdd and gesvd)
     * @throws IllegalStateException    when this JVM's OpenBLAS gets fp64 LAPACK wrong ({@link Fp64BlasCheck})
     */
    public static INDArray polar(INDArray G) {
        return polar(G, Precision.FP64);
    }

    /**
     * @param G         (m, n), any floating type; not modified
     * @param precision FP64 (dgesdd) or FP32 (sgesdd); BF16 is refused (LAPACK has no bfloat16)
     * @return a new (m, n) array of G's data type: U_r V_rᵀ, with the rank cut-off at this precision's eps
     * @throws IllegalArgumentException for a non-finite, empty or non-2-D G, or BF16
     * @throws ArithmeticException      when LAPACK fails
     * @throws IllegalStateException    for FP64 when this JVM's OpenBLAS gets fp64 LAPACK wrong ({@link Fp64BlasCheck})
     */
    public static INDArray polar(INDArray G, Precision precision) {
        if (precision == Precision.BF16) {
            throw new IllegalArgumentException("the exact polar factor runs in FP64 or FP32, not BF16");
        }
        Svd svd = decompose(G, true, precision.storageType());
        double[] s = svd.s().toDoubleVector();
        double tol = Math.max(G.rows(), G.columns()) * precision.epsilon() * (s.length > 0 ? s[0] : 0);
        int r = 0;
        while (r < s.length && s[r] > tol) {
            r++;
        }
        INDArray P = r == 0
                ? Nd4j.zeros(precision.storageType(), G.rows(), G.columns())
                : r == s.length
                ? svd.U().mmul(svd.Vt())
                : svd.U().get(NDArrayIndex.all(), NDArrayIndex.interval(0, r))
                        .mmul(svd.Vt().get(NDArrayIndex.interval(0, r), NDArrayIndex.all()));
        return P.dataType() == G.dataType() ? P : P.castTo(G.dataType());
    }

    /** @return an {@link Orthogonalizer} computing {@link #polar(INDArray, Precision)} */
    public static Orthogonalizer orthogonalizer(Precision precision) {
        return G -> polar(G, precision);
    }

    /** @return the min(m, n) singular values of G, descending, as DOUBLE. G: not modified. */
    public static INDArray singularValues(INDArray G) {
        return decompose(G, false, DataType.DOUBLE).s();
    }

    /** @return the thin SVD of G in DOUBLE. G: not modified. */
    public static Svd svd(INDArray G) {
        return decompose(G, true, DataType.DOUBLE);
    }

    /**
     * LAPACK runs on Java arrays copied out of G, not on ND4J's buffers: {@code data().asDouble()}
     * and {@code Nd4j.create} move the values on any backend (on CUDA the device holds the current
     * values, and a host pointer into the buffer may be stale), and the copies are O(mn) against
     * the SVD's O(mn·min(m, n)).
     *
     * @param G       (m, n); not modified
     * @param vectors whether U and Vt are wanted
     * @param type    DOUBLE or FLOAT: the LAPACK routine's precision
     */
    private static Svd decompose(INDArray G, boolean vectors, DataType type) {
        MatrixChecks.requireFiniteMatrix(G, "input");
        int m = (int) G.rows();
        int n = (int) G.columns();
        int r = Math.min(m, n);
        boolean dbl = type == DataType.DOUBLE;
        if (dbl) {
            Fp64BlasCheck.requireSound("the fp64 SVD of a " + m + "x" + n + " matrix");
        }
        Object s = dbl ? new double[r] : new float[r];                                  // (r)
        Object U = vectors ? (dbl ? new double[m * r] : new float[m * r]) : null;      // (m, r) row-major
        Object Vt = vectors ? (dbl ? new double[r * n] : new float[r * n]) : null;     // (r, n) row-major
        int info = gesdd(hostCopy(G, type), s, U, Vt, m, n);
        String routine = "gesdd";
        if (info > 0) {                                       // divide and conquer did not converge: QR iteration
            info = gesvd(hostCopy(G, type), s, U, Vt, m, n);
            routine = "gesdd and gesvd";
        }
        if (info != 0) {
            throw new ArithmeticException("LAPACK " + (dbl ? "d" : "s") + routine + " failed on a "
                    + m + "x" + n + " matrix: info = " + info
                    + (info > 0 ? " (the SVD did not converge)" : " (argument " + -info + " is invalid)"));
        }
        return new Svd(vectors ? toNd4j(U, m, r) : null, toNd4j(s, r), vectors ? toNd4j(Vt, r, n) : null);
    }

    /** @return G's values in row-major order as a new double[] (DOUBLE) or float[] (FLOAT). G: not modified. */
    private static Object hostCopy(INDArray G, DataType type) {
        INDArray dense = G.castTo(type).dup('c');
        return type == DataType.DOUBLE ? dense.data().asDouble() : dense.data().asFloat();
    }

    /** @return a new row-major array of the given shape holding values (a double[] or float[]) */
    private static INDArray toNd4j(Object values, long... shape) {
        return values instanceof double[] d ? Nd4j.create(d, shape, 'c') : Nd4j.create((float[]) values, shape, 'c');
    }

    /**
     * ?gesdd, jobz = 'S' (or 'N' without vectors), row-major, on double[] or float[] arrays.
     * Modifies a (destroyed), s, U, Vt. @return LAPACK's info
     */
    private static int gesdd(Object a, Object s, Object U, Object Vt, int m, int n) {
        int r = Math.min(m, n);
        byte job = (byte) (U != null ? 'S' : 'N');
        if (a instanceof double[] ad) {
            double[] dummy = new double[1];
            return openblas.LAPACKE_dgesdd(openblas.LAPACK_ROW_MAJOR, job, m, n, ad, n, (double[]) s,
                    U != null ? (double[]) U : dummy, r, U != null ? (double[]) Vt : dummy, n);
        }
        float[] dummy = new float[1];
        return openblas.LAPACKE_sgesdd(openblas.LAPACK_ROW_MAJOR, job, m, n, (float[]) a, n, (float[]) s,
                U != null ? (float[]) U : dummy, r, U != null ? (float[]) Vt : dummy, n);
    }

    /** ?gesvd, jobu = jobvt = 'S' (or 'N'), row-major: the fallback. Modifies a (destroyed), s, U, Vt. @return LAPACK's info */
    private static int gesvd(Object a, Object s, Object U, Object Vt, int m, int n) {
        int r = Math.min(m, n);
        byte job = (byte) (U != null ? 'S' : 'N');
        if (a instanceof double[] ad) {
            double[] superb = new double[Math.max(1, r - 1)];
            double[] dummy = new double[1];
            return openblas.LAPACKE_dgesvd(openblas.LAPACK_ROW_MAJOR, job, job, m, n, ad, n, (double[]) s,
                    U != null ? (double[]) U : dummy, U != null ? r : 1, U != null ? (double[]) Vt : dummy,
                    U != null ? n : 1, superb);
        }
        float[] superb = new float[Math.max(1, r - 1)];
        float[] dummy = new float[1];
        return openblas.LAPACKE_sgesvd(openblas.LAPACK_ROW_MAJOR, job, job, m, n, (float[]) a, n, (float[]) s,
                U != null ? (float[]) U : dummy, U != null ? r : 1, U != null ? (float[]) Vt : dummy,
                U != null ? n : 1, superb);
    }
}
