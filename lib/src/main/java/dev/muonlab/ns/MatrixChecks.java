package dev.muonlab.ns;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/** Input validation shared by every orthogonalizer: clear messages that name the problem. */
public final class MatrixChecks {

    private MatrixChecks() {
    }

    /**
     * @param G    the input; not modified
     * @param what how to name it in the message (e.g. "input")
     * @throws IllegalArgumentException if G is null, not 2-D, empty, or has NaN or infinite entries
     */
    public static void requireFiniteMatrix(INDArray G, String what) {
        requireMatrixShape(G, what);
        if (BooleanIndexing.or(G, Conditions.isNan())) {
            throw new IllegalArgumentException(what + " contains NaN entries");
        }
        if (BooleanIndexing.or(G, Conditions.isInfinite())) {
            throw new IllegalArgumentException(what + " contains infinite entries");
        }
    }

    /**
     * The cheap checks (no pass over the data): non-null, 2-D, non-empty, floating point.
     *
     * @throws IllegalArgumentException naming the problem
     */
    public static void requireMatrixShape(INDArray G, String what) {
        if (G == null) {
            throw new IllegalArgumentException(what + " is null");
        }
        if (G.rank() != 2) {
            throw new IllegalArgumentException(what + " must be a 2-D matrix, got shape "
                    + java.util.Arrays.toString(G.shape()) + " (rank " + G.rank() + ")");
        }
        if (G.rows() == 0 || G.columns() == 0) {
            throw new IllegalArgumentException(what + " is empty: shape " + G.rows() + "x" + G.columns());
        }
        if (!G.dataType().isFPType()) {
            throw new IllegalArgumentException(what + " must be a floating-point matrix, got " + G.dataType());
        }
    }
}
