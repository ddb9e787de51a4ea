package dev.muonlab.ns;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Newton-Schulz orthogonalization: X₀ = G / divisor, X_{t} = p_t(X_{t−1}), returning X_q ≈ U Vᵀ
 * for G = U Σ Vᵀ (Keller Jordan, KellerJordan/Muon muon.py {@code zeropower_via_newtonschulz5};
 * Kim &amp; Oh, arXiv 2601.19156, Algorithm 1). Always iterated on the wide orientation (a tall input
 * is transposed, iterated and transposed back), so the Gram matrix A = XXᵀ is the smaller one.
 *
 * <p>One-shot static entry point; {@link NewtonSchulzOrthogonalizer} keeps the preallocated
 * buffers between calls and is what optimizers should hold.
 */
public final class NewtonSchulz {

    private NewtonSchulz() {
    }

    /**
     * @param G         (m, n) matrix, FLOAT or DOUBLE, any orientation; not modified
     * @param config    schedule, pre-normalization, precision; not modified
     * @return a new (m, n) array of G's data type; all zeros when G is all zeros
     * @throws IllegalArgumentException if G is not a finite, non-empty 2-D floating-point matrix
     */
    public static INDArray orthogonalize(INDArray G, NsConfig config) {
        return new NewtonSchulzOrthogonalizer(config).orthogonalize(G);
    }

    /** @return Keller Jordan's NS5 in fp32: keller×5, ‖G‖_F + 1e−7 */
    public static INDArray keller(INDArray G) {
        return orthogonalize(G, NsConfig.keller());
    }

    /** @return G itself if it is a dense, offset-free C-order array of the given type, else such a copy. G: not modified. */
    static INDArray denseCopyIfNeeded(INDArray G, DataType type) {
        boolean dense = G.dataType() == type && !G.isView() && G.ordering() == 'c' && G.offset() == 0
                && G.data().length() == G.length();
        return dense ? G : G.castTo(type).dup('c');
    }
}
