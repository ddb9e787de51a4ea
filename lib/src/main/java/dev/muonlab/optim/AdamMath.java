package dev.muonlab.optim;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Adam's moment updates and bias-corrected direction as pure functions (Kingma &amp; Ba,
 * arXiv 1412.6980, Algorithm 1; AdamW: Loshchilov &amp; Hutter, arXiv 1711.05101), evaluated as
 * {@code torch.optim.AdamW} does.
 */
public final class AdamMath {

    private AdamMath() {
    }

    /**
     * m ← lerp(m, g, 1 − β1); v ← β2·v + (1 − β2)·g²; returns
     * U = (m / (1 − β1^t)) / (sqrt(v) / sqrt(1 − β2^t) + eps).
     *
     * @param grad g. Not modified.
     * @param m    first moment. Modified.
     * @param v    second moment. Modified.
     * @param t    1-based step index
     * @return a new array U
     */
    public static INDArray direction(INDArray grad, INDArray m, INDArray v, double beta1, double beta2,
                                     double eps, long t) {
        m.addi(grad.sub(m).muli(1 - beta1));
        v.muli(beta2).addi(grad.mul(grad).muli(1 - beta2));
        double bc1 = 1 - Math.pow(beta1, t);
        double bc2 = 1 - Math.pow(beta2, t);
        INDArray denom = Transforms.sqrt(v, true).divi(Math.sqrt(bc2)).addi(eps);
        return denom.rdivi(m).divi(bc1);                              // m / denom, in denom's buffer
    }
}
