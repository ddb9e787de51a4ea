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
 * On the CPU, fp32 runs as a fused kernel ({@link GeluKernel}) with the same erfc form, erfc from
 * Numerical Recipes' Chebyshev fit (fractional error &lt; 1.2e-7); there the fp32 exponent −x²/2 limits
 * the left tail's relative accuracy to about ulp(x²/2), 1e-6 at x = −6 where |GELU| &lt; 1e-8.
 */
public final class GeluOps {

    private static final double INV_SQRT2 = 1.0 / Math.sqrt(2.0);
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2.0 * Math.PI);

    private GeluOps() {
    }

    /**
     * @param x   pre-activation, any shape. Not modified.
     * @param cdf receives Φ(x) (same shape) for the backward pass, or null where the fused CPU kernel
     *            recomputes it there; index 0 is set. Modified.
     * @return GELU(x), a new array
     */
    public static INDArray forward(INDArray x, INDArray[] cdf) {
        if (HostKernels.applies(x)) {
            cdf[0] = null;
            return HostKernels.geluForward(x);
        }
        INDArray phi = Nd4j.exec(new Erfc(x.mul(-INV_SQRT2)));    // erfc(−x/√2), in place on the temporary
        phi.muli(0.5);                                           // Φ(x)
        cdf[0] = phi;
        return x.mul(phi);
    }

    /**
     * @param dy  upstream gradient. Not modified.
     * @param x   the forward input. Not modified.
     * @param cdf Φ(x) from the forward pass, or null to recompute it. Not modified.
     * @return dx = dy · (Φ(x) + x·φ(x)), a new array
     */
    public static INDArray backward(INDArray dy, INDArray x, INDArray cdf) {
        if (HostKernels.applies(dy, x)) {
            return HostKernels.geluBackward(dy, x);
        }
        if (cdf == null) {
            cdf = Nd4j.exec(new Erfc(x.mul(-INV_SQRT2))).muli(0.5);
        }
        INDArray pdf = Transforms.exp(x.mul(x).muli(-0.5), false).muli(INV_SQRT_2PI);   // φ(x)
        return pdf.muli(x).addi(cdf).muli(dy);
    }
}
