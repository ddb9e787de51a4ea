package dev.muonlab.gpt;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.DropOutInverted;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inverted dropout (Srivastava et al. 2014, as {@code nn.Dropout}): in training each element is kept
 * with probability 1 − p and scaled by 1/(1 − p), so evaluation needs no rescaling. Masks come from
 * ND4J's random generator, which the trainer reseeds every step (see {@code Trainer}) so that runs
 * resume bit-identically.
 */
public final class DropoutOps {

    private DropoutOps() {
    }

    /**
     * @param p     drop probability; 0 returns null (no mask)
     * @param like  array whose shape and type the mask takes. Not modified.
     * @return a mask of 0 and 1/(1 − p), or null when p is 0
     */
    public static INDArray mask(double p, INDArray like) {
        if (p == 0.0) {
            return null;
        }
        INDArray ones = Nd4j.ones(like.dataType(), like.shape());
        return Nd4j.exec(new DropOutInverted(ones, ones, 1.0 - p));
    }

    /**
     * @param x    array. Modified: multiplied by the mask in place (unless the mask is null).
     * @param mask from {@link #mask} or null. Not modified.
     * @return x
     */
    public static INDArray applyi(INDArray x, INDArray mask) {
        return mask == null ? x : x.muli(mask);
    }
}
