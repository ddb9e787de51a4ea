package dev.muonlab.train;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * Gradient and parameter statistics used by the training loop.
 */
public final class GradientOps {

    private GradientOps() {
    }

    /**
     * Clips by the global L2 norm over every gradient, as {@code torch.nn.utils.clip_grad_norm_} in
     * nanoGPT's {@code train.py}: when ‖g‖ &gt; maxNorm every gradient is scaled by maxNorm/(‖g‖ + 1e-6).
     *
     * @param grads   gradients. Modified: scaled in place when clipped.
     * @param maxNorm the threshold; 0 or less disables clipping (the norm is still returned)
     * @return the global norm before clipping
     */
    public static double clipGlobalNorm(Map<String, INDArray> grads, double maxNorm) {
        double sumSquares = 0;
        for (INDArray g : grads.values()) {
            double n = g.norm2Number().doubleValue();
            sumSquares += n * n;
        }
        double norm = Math.sqrt(sumSquares);
        if (maxNorm > 0 && norm > maxNorm) {
            double factor = maxNorm / (norm + 1e-6);
            grads.values().forEach(g -> g.muli(factor));
        }
        return norm;
    }

    /** @return the root mean square of the entries of {@code a} (not modified) */
    public static double rms(INDArray a) {
        return a.norm2Number().doubleValue() / Math.sqrt(a.length());
    }
}
