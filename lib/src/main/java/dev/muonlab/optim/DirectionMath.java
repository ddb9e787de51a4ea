package dev.muonlab.optim;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Normalized update directions of Muon's simpler peers, as pure functions: sign, Frobenius
 * normalization, and SCALE's per-output-unit normalization.
 */
public final class DirectionMath {

    /** SCALE's clamp on the per-unit RMS (the public PyTorch implementation's {@code clamp_min_(1e-8)}). */
    public static final double SCALE_RMS_FLOOR = 1e-8;

    private DirectionMath() {
    }

    /**
     * @param M any array. Not modified.
     * @return a new array sign(M) (0 where M is 0): signSGD / Signum (Bernstein et al., arXiv 1802.04434)
     */
    public static INDArray sign(INDArray M) {
        return Transforms.sign(M, true);
    }

    /**
     * @param M any array. Not modified.
     * @return a new array M / ||M||_F, all zeros when M is all zeros (normalized SGD)
     */
    public static INDArray frobeniusNormalized(INDArray M) {
        double norm = M.norm2Number().doubleValue();
        return norm == 0 ? Nd4j.zerosLike(M) : M.div(norm);
    }

    /**
     * SCALE's column normalization (Glentis, Li, Han, Hong, arXiv 2506.16659): each output unit's
     * slice of the gradient divided by its RMS over the input axis, so every unit's update has RMS 1.
     *
     * <p>Which axis: the paper normalizes the columns of W in the x·W convention, one column per
     * output unit (steepest descent under the ||·||₁→₂ norm of the layer map). With Muon Lab's
     * (out, in) storage an output unit is a ROW, so the reduction runs over axis 1 (the input axis);
     * an embedding table stored (vocab, d) is used as a map from one-hot vocab to d, so its input
     * axis is 0. This matches a public PyTorch SCALE implementation (module {@code mem_eff_pt.pt_scale},
     * class {@code SCALE}, read through code search; that it is the authors' own is unconfirmed):
     * it reduces over dim 1 of {@code nn.Linear} weights and dim 0 of {@code embed_tokens}, and
     * divides by the RMS (clamped at 1e-8) where the paper's formula divides by the L2 norm; the
     * two differ by the constant sqrt(n_in) per matrix, which the learning rate absorbs.
     *
     * @param M         a (rows, cols) matrix. Not modified.
     * @param inputAxis 1 for (out, in) weights, 0 for (vocab, d) embeddings
     * @return a new (rows, cols) array
     */
    public static INDArray unitRmsNormalized(INDArray M, int inputAxis) {
        INDArray rms = Transforms.sqrt(M.mul(M).mean(true, inputAxis), false);   // (rows, 1) or (1, cols)
        Transforms.max(rms, SCALE_RMS_FLOOR, false);
        // Explicit broadcast: ND4J 1.0.0-M2.1's divColumnVector / broadcasting div took 5-15 ms on a
        // (12, 8) matrix here, broadcast-then-divide about 1 ms.
        return M.div(rms.broadcast(M.shape()));
    }
}
