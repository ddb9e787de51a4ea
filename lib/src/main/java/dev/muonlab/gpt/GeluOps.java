package dev.muonlab.gpt;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The exact GELU of Hendrycks and Gimpel (2016), GELU(x) = x·Φ(x) = ½x(1 + erf(x/√2)), which is
 * PyTorch's {@code nn.GELU()} default (approximate='none') used in nanoGPT's MLP; not the tanh or
 * sigmoid approximations (ND4J's {@code GELU}/{@code PreciseGELU} ops). Derivative Φ(x) + x·φ(x).
 */
public final class GeluOps {

    private static final double INV_SQRT2 = 1.0 / Math.sqrt(2.0);
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2.0 * Math.PI);

    private GeluOps() {
    }

    /**
     * @param x   pre-activation, any shape. Not modified.
     * @param cdf receives Φ(x) (same shape), for the backward pass; index 0 is set. Modified.
     * @return GELU(x), a new array
     */
    public static INDArray forward(INDArray x, INDArray[] cdf) {
        INDArray phi = Nd4j.exec(new Erf(x.mul(INV_SQRT2)));      // erf(x/√2), in place on the temporary
        phi.addi(1.0).muli(0.5);                                 // Φ(x)
        cdf[0] = phi;
        return x.mul(phi);
    }

    /**
     * @param dy  upstream gradient. Not modified.
     * @param x   the forward input. Not modified.
     * @param cdf Φ(x) from the forward pass. Not modified.
     * @return dx = dy · (Φ(x) + x·φ(x)), a new array
     */
    public static INDArray backward(INDArray dy, INDArray x, INDArray cdf) {
        INDArray pdf = Transforms.exp(x.mul(x).muli(-0.5), false).muli(INV_SQRT_2PI);   // φ(x)
        return pdf.muli(x).addi(cdf).muli(dy);
    }
}
