package dev.muonlab.ns;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The exact polar factor U Vᵀ of G = U Σ Vᵀ, from LAPACK's {@code dgesvd} (thin SVD, jobu = jobvt
 * = 'S') through the OpenBLAS that ND4J bundles: the reference every Newton-Schulz schedule
 * approximates, and Muon's "SVD backend" (Kim &amp; Oh, arXiv 2601.19156, Theorem 4; the first
 * modded-nanogpt Muon record's {@code zeropower_via_svd}). ND4J's op-based SVD is broken in
 * 1.0.0-M2.1, so this calls LAPACK directly. Always computed in double.
 *
 * <p>Singular values at or below max(m, n)·eps·σ_max count as zero and their singular vectors are
 * dropped: the result is the partial isometry U_r V_rᵀ on the range of G, which is also what
 * Newton-Schulz converges to (odd polynomials keep 0 at 0) and what Kim &amp; Oh call Polar(M).
 */
public final class ExactPolar {

    /** A thin SVD of an (m, n) matrix, r = min(m, n): U (m, r), s (r) descending, Vt (r, n); all DOUBLE. */
    public record Svd(INDArray U, INDArray s, INDArray Vt) {
    }

    private ExactPolar() {
    }

    /** @return the exact polar factor as an {@link Orthogonalizer} */
    public static Orthogonalizer orthogonalizer() {
        return ExactPolar::polar;
    }

    /**
     * @param G (m, n), any floating type; not modified
     * @return a new (m, n) array of G's data type: U_r V_rᵀ (zeros for an all-zero G)
     * @throws IllegalArgumentException for a non-finite, empty or non-2-D G
     */
    public static INDArray polar(INDArray G) {
        Svd svd = svd(G);
        double[] s = svd.s().toDoubleVector();
        double tol = Math.max(G.rows(), G.columns()) * 0x1p-52 * (s.length > 0 ? s[0] : 0);
        int r = 0;
        while (r < s.length && s[r] > tol) {
            r++;
        }
        INDArray P = r == 0
                ? Nd4j.zeros(DataType.DOUBLE, G.rows(), G.columns())
                : svd.U().get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(0, r))
                        .mmul(svd.Vt().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, r), org.nd4j.linalg.indexing.NDArrayIndex.all()));
        return P.castTo(G.dataType());
    }

    /** @return the min(m, n) singular values of G, descending, as DOUBLE. G: not modified. */
    public static INDArray singularValues(INDArray G) {
        return decompose(G, false).s();
    }

    /** @return the thin SVD of G. G: not modified. */
    public static Svd svd(INDArray G) {
        return decompose(G, true);
    }

    private static Svd decompose(INDArray G, boolean vectors) {
        MatrixChecks.requireFiniteMatrix(G, "input");
        int m = (int) G.rows();
        int n = (int) G.columns();
        int r = Math.min(m, n);
        INDArray a = G.castTo(DataType.DOUBLE).dup('c'); // (m, n), overwritten by LAPACK
        INDArray s = Nd4j.create(DataType.DOUBLE, r);
        INDArray U = vectors ? Nd4j.create(DataType.DOUBLE, m, r) : null;
        INDArray Vt = vectors ? Nd4j.create(DataType.DOUBLE, r, n) : null;
        DoublePointer superb = new DoublePointer(Math.max(1, r - 1));
        DoublePointer dummy = new DoublePointer(1);
        try {
            byte job = (byte) (vectors ? 'S' : 'N');
            int info = openblas.LAPACKE_dgesvd(openblas.LAPACK_ROW_MAJOR, job, job, m, n,
                    ptr(a), n, ptr(s),
                    vectors ? ptr(U) : dummy, vectors ? r : 1,
                    vectors ? ptr(Vt) : dummy, vectors ? n : 1, superb);
            if (info != 0) {
                throw new ArithmeticException("LAPACK dgesvd failed: info = " + info
                        + (info > 0 ? " (" + info + " superdiagonals did not converge)" : " (bad argument)"));
            }
        } finally {
            superb.close();
            dummy.close();
        }
        return new Svd(U, s, Vt);
    }

    private static DoublePointer ptr(INDArray X) {
        return new DoublePointer(X.data().addressPointer());
    }
}
