package dev.muonlab.ns;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Maps a matrix G = U Σ Vᵀ to (an approximation of) its polar factor U Vᵀ: the step direction of Muon.
 *
 * <p>Implementations: Newton-Schulz iterations of any schedule and precision, or the exact polar
 * factor from an SVD. Every implementation is scale-invariant (orthogonalize(cG) ≈ orthogonalize(G)
 * for c &gt; 0), which is why the EMA and sum forms of momentum give the same Muon step.
 */
@FunctionalInterface
public interface Orthogonalizer {

    /**
     * @param G a 2-D matrix (m, n), any orientation. Not modified.
     * @return a new (m, n) array of G's data type, approximately U Vᵀ; all zeros when G is all zeros
     */
    INDArray orthogonalize(INDArray G);
}
