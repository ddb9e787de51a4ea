package dev.muonlab.gpt;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erfc;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The exact GELU of Hendrycks and Gimpel (2016), GELU(x) = x·Φ(x) = ½x(1 + erf(x/√2)), which is
 * PyTorch's {@code nn.GELU()} default (approximate='none') used in nanoGPT's MLP; not the tanh or
 * sigmoid approximations (ND4J's {@code GELU}/{@code PreciseGELU} ops). Derivative Φ(x) + x·φ(x).
 *
 * <p>Φ is evaluated as ½·erfc(−x/√2) (Abramowitz &amp; Stegun 7.1.2 and 26.2.29): the same function,
 * one elementwise pass fewer than ½(1 + erf), and accurate to a few ulps relative in the left tail,
 * where 1 + erf(x/√2) loses every digit to cancellation in fp32 (e.g. x = −5: Φ ≈ 2.9e-7 &lt; ulp(1)).
 * On the CPU, fp32 runs as a fused kernel ({@link GeluKernel}) with the same erfc form, erfc as
 * e^(−x²/2) times a fitted polynomial (relative error 9e-9); there the fp32 exponent −x²/2 limits
 * the left tail's relative accuracy to about ulp(x²/2), 1e-6 at x = −6 where |GELU| &lt; 1e-8.
 */
public final class GeluOps {

    private static final double INV_SQRT2 = 1.0 / Math.sqrt(2.0);
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2.0 * Math.PI);

    private GeluOps() {
    }

    /**
     * What the backward pass needs: Φ(x) (the ND4J path), or the whole derivative GELU'(x) (the
     * fused CPU path, which computes it in the forward pass at little extra cost).
     */
    public record Saved(INDArray cdf, INDArray slope) {
    }

    /**
     * @param x     pre-activation, any shape. Not modified.
     * @param saved receives what {@link #backward} needs; index 0 is set. Modified.
     * @return GELU(x), a new array
     */
    public static INDArray forward(INDArray x, Saved[] saved) {
        if (HostKernels.applies(x)) {
            INDArray[] slope = new INDArray[1];
            INDArray y = HostKernels.geluForward(x, slope);
            saved[0] = new Saved(null, slope[0]);
            return y;
        }
        INDArray phi = Nd4j.exec(new Erfc(x.mul(-INV_SQRT2)));    // erfc(−x/√2), in place on the temporary
        phi.muli(0.5);                                           // Φ(x)
        saved[0] = new Saved(phi, null);
        return x.mul(phi);
    }

    /**
     * @param dy    upstream gradient. Not modified.
     * @param x     the forward input. Not modified.
     * @param saved from {@link #forward}. Not modified.
     * @return dx = dy · (Φ(x) + x·φ(x)), a new array
     */
    public static INDArray backward(INDArray dy, INDArray x, Saved saved) {
        if (saved.slope() != null) {
            return dy.mul(saved.slope());
        }
        INDArray pdf = Transforms.exp(x.mul(x).muli(-0.5), false).muli(INV_SQRT_2PI);   // φ(x)
        return pdf.muli(x).addi(saved.cdf()).muli(dy);
    }
}
