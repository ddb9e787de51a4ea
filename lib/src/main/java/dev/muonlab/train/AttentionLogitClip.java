package dev.muonlab.train;

import dev.muonlab.optim.QkClip;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * QK-clip in the trainer (MuonClip: Kimi K2, arXiv 2507.20534 §2.1; the per-head math is
 * {@link QkClip}): after the optimizer step, every head whose largest attention logit S_h in the
 * step's forward pass exceeds τ has its query and key rows of {@code c_attn} scaled by √(τ/S_h).
 * Also what {@code metrics.csv} logs each step: each layer's max_h S_h.
 */
final class AttentionLogitClip {

    /** Kimi K2's threshold τ (the report's §2.1). */
    static final double KIMI_TAU = 100.0;

    private AttentionLogitClip() {
    }

    /**
     * @param maxLogits S[l][h] from the step's forward pass, or null. Not modified.
     * @return max over heads of each layer, or null when {@code maxLogits} is null
     */
    static double[] perLayer(double[][] maxLogits) {
        if (maxLogits == null) {
            return null;
        }
        double[] m = new double[maxLogits.length];
        for (int l = 0; l < m.length; l++) {
            m[l] = Double.NEGATIVE_INFINITY;
            for (double s : maxLogits[l]) {
                m[l] = Math.max(m[l], s);
            }
        }
        return m;
    }

    /**
     * @param params    the model's parameters by nanoGPT's names. Modified: the q and k rows of each
     *                  clipped head's {@code transformer.h.l.attn.c_attn.weight} (and bias, if any).
     * @param maxLogits S[l][h] from the step's forward pass. Not modified.
     * @param tau       τ &gt; 0
     * @return the number of heads clipped, all layers together
     */
    static int apply(Map<String, INDArray> params, double[][] maxLogits, double tau) {
        int clipped = 0;
        for (int l = 0; l < maxLogits.length; l++) {
            String prefix = "transformer.h." + l + ".attn.c_attn.";
            clipped += QkClip.rescale(params.get(prefix + "weight"), params.get(prefix + "bias"),
                    QkClip.factors(maxLogits[l], tau));
        }
        return clipped;
    }
}
