package dev.muonlab.ns;

import dev.muonlab.host.Fp64BlasCheck;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The exact polar factor U Vᵀ of G = U Σ Vᵀ from a thin SVD by LAPACK through the OpenBLAS that ND4J
 * bundles: the reference every Newton-Schulz schedule approximates, and Muon's "SVD backend" (Kim
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
     * @param G       (m, n); not modified
     * @param vectors whether U and Vt are wanted
     * @param type    DOUBLE or FLOAT: the LAPACK routine's precision
     */
    private static Svd decompose(INDArray G, boolean vectors, DataType type) {
        MatrixChecks.requireFiniteMatrix(G, "input");
        int m = (int) G.rows();
        int n = (int) G.columns();
        int r = Math.min(m, n);
        if (type == DataType.DOUBLE) {
            Fp64BlasCheck.requireSound("the fp64 SVD of a " + m + "x" + n + " matrix");
        }
        INDArray a = G.castTo(type).dup('c');                 // (m, n), overwritten by LAPACK
        INDArray s = Nd4j.create(type, r);
        INDArray U = vectors ? Nd4j.create(type, m, r) : null;
        INDArray Vt = vectors ? Nd4j.create(type, r, n) : null;
        int info = gesdd(a, s, U, Vt, m, n);
        String routine = "gesdd";
        if (info > 0) {                                       // divide and conquer did not converge: QR iteration
            a = G.castTo(type).dup('c');
            info = gesvd(a, s, U, Vt, m, n);
            routine = "gesdd and gesvd";
        }
        // LAPACK works on raw pointers: keep the arrays reachable until it returns, or a GC may let ND4J
        // free a buffer while LAPACK still writes to it.
        java.lang.ref.Reference.reachabilityFence(a);
        if (info != 0) {
            throw new ArithmeticException("LAPACK " + (type == DataType.DOUBLE ? "d" : "s") + routine + " failed on a "
                    + m + "x" + n + " matrix: info = " + info
                    + (info > 0 ? " (the SVD did not converge)" : " (argument " + -info + " is invalid)"));
        }
        return new Svd(U, s, Vt);
    }

    /** ?gesdd, jobz = 'S' (or 'N' without vectors), row-major. Modifies a, s, U, Vt. @return LAPACK's info */
    private static int gesdd(INDArray a, INDArray s, INDArray U, INDArray Vt, int m, int n) {
        int r = Math.min(m, n);
        byte job = (byte) (U != null ? 'S' : 'N');
        if (a.dataType() == DataType.DOUBLE) {
            try (DoublePointer dummy = new DoublePointer(1)) {
                return openblas.LAPACKE_dgesdd(openblas.LAPACK_ROW_MAJOR, job, m, n, dptr(a), n, dptr(s),
                        U != null ? dptr(U) : dummy, r, U != null ? dptr(Vt) : dummy, n);
            }
        }
        try (FloatPointer dummy = new FloatPointer(1)) {
            return openblas.LAPACKE_sgesdd(openblas.LAPACK_ROW_MAJOR, job, m, n, fptr(a), n, fptr(s),
                    U != null ? fptr(U) : dummy, r, U != null ? fptr(Vt) : dummy, n);
        }
    }

    /** ?gesvd, jobu = jobvt = 'S' (or 'N'), row-major: the fallback. Modifies a, s, U, Vt. @return LAPACK's info */
    private static int gesvd(INDArray a, INDArray s, INDArray U, INDArray Vt, int m, int n) {
        int r = Math.min(m, n);
        byte job = (byte) (U != null ? 'S' : 'N');
        if (a.dataType() == DataType.DOUBLE) {
            try (DoublePointer superb = new DoublePointer(Math.max(1, r - 1)); DoublePointer dummy = new DoublePointer(1)) {
                return openblas.LAPACKE_dgesvd(openblas.LAPACK_ROW_MAJOR, job, job, m, n, dptr(a), n, dptr(s),
                        U != null ? dptr(U) : dummy, U != null ? r : 1, U != null ? dptr(Vt) : dummy, U != null ? n : 1, superb);
            }
        }
        try (FloatPointer superb = new FloatPointer(Math.max(1, r - 1)); FloatPointer dummy = new FloatPointer(1)) {
            return openblas.LAPACKE_sgesvd(openblas.LAPACK_ROW_MAJOR, job, job, m, n, fptr(a), n, fptr(s),
                    U != null ? fptr(U) : dummy, U != null ? r : 1, U != null ? fptr(Vt) : dummy, U != null ? n : 1, superb);
        }
    }

    private static DoublePointer dptr(INDArray X) {
        return new DoublePointer(X.data().addressPointer());
    }

    private static FloatPointer fptr(INDArray X) {
        return new FloatPointer(X.data().addressPointer());
    }
}
