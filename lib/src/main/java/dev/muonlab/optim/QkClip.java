package dev.muonlab.optim;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * QK-clip, the "Clip" of MuonClip (Kimi K2 technical report, arXiv 2507.20534 §2.1; Su Jianlin,
 * kexue.fm/archives/11126; no official code): after the optimizer step, for every attention head h
 * whose largest pre-softmax logit in the batch, S_h = max_{i ≥ j} q_i·k_j / √d_h, exceeds τ, scale
 * that head's query and key weights by √γ_h with γ_h = τ / S_h, so the same inputs give logits
 * multiplied by γ_h and the max becomes τ. Heads under τ are left alone (per head, not per layer, so
 * one runaway head does not shrink the others).
 *
 * <p>Layout: nanoGPT's fused {@code c_attn} weight W (3C, C), rows [q | k | v], each split into H heads
 * of d_h = C/H rows, as {@code dev.muonlab.gpt.AttentionOps}; with a bias (3C), the q and k entries of
 * the bias are scaled alike (the logit is (W_q x + b_q)·(W_k x + b_k)).
 *
 * <p>Under another attention logit scale than 1/√d_h (muP with Tensor Programs V's 1/d_h,
 * {@code dev.muonlab.gpt.Parameterization#attentionScale}), S_h is the logit the softmax sees, the
 * scale included: the training loop reads it from the forward pass, which applies the model's scale,
 * and {@link #maxLogits(INDArray, int, int, double)} takes it as an argument. Rescaling q and k by
 * √γ_h multiplies the logits by γ_h whatever the scale, so {@link #rescale} needs no change.
 */
public final class QkClip {

    private QkClip() {
    }

    /**
     * @param qkv   (B·T, 3C) the attention's input projections for B sequences of T tokens. Not modified.
     * @param batch B
     * @param heads H (C divisible by H)
     * @return S_h for each head h: the largest causal logit q_i·k_j/√d_h (j ≤ i, same sequence)
     */
    public static double[] maxLogits(INDArray qkv, int batch, int heads) {
        return maxLogits(qkv, batch, heads, 1.0 / Math.sqrt(qkv.columns() / 3 / heads));
    }

    /**
     * {@link #maxLogits(INDArray, int, int)} with the logits scaled by {@code scale} instead of 1/√d_h.
     *
     * @param qkv   (B·T, 3C). Not modified.
     * @param scale the attention logit scale the model uses
     * @return S_h for each head h: the largest causal logit scale·q_i·k_j (j ≤ i, same sequence)
     */
    public static double[] maxLogits(INDArray qkv, int batch, int heads, double scale) {
        long rows = qkv.rows();
        int C = (int) (qkv.columns() / 3);
        int T = (int) (rows / batch);
        int hs = C / heads;
        if (rows != (long) batch * T || 3L * C != qkv.columns() || (long) hs * heads != C) {
            throw new IllegalArgumentException("qkv shape " + java.util.Arrays.toString(qkv.shape()) + " does not fit batch "
                    + batch + " and " + heads + " heads");
        }
        double[] s = new double[heads];
        java.util.Arrays.fill(s, Double.NEGATIVE_INFINITY);
        for (int b = 0; b < batch; b++) {
            INDArray seq = qkv.get(NDArrayIndex.interval((long) b * T, (long) (b + 1) * T), NDArrayIndex.all());
            for (int h = 0; h < heads; h++) {
                INDArray q = seq.get(NDArrayIndex.all(), NDArrayIndex.interval(h * hs, (h + 1) * hs));          // (T, hs)
                INDArray k = seq.get(NDArrayIndex.all(), NDArrayIndex.interval(C + h * hs, C + (h + 1) * hs));  // (T, hs)
                double[][] L = q.mmul(k.transpose()).toDoubleMatrix();                                        // (T, T)
                for (int i = 0; i < T; i++) {
                    for (int j = 0; j <= i; j++) {
                        s[h] = Math.max(s[h], L[i][j] * scale);
                    }
                }
            }
        }
        return s;
    }

    /**
     * @param maxLogits S_h per head
     * @param tau       τ &gt; 0
     * @return γ_h = min(1, τ / S_h) per head (1 where S_h ≤ τ)
     */
    public static double[] factors(double[] maxLogits, double tau) {
        if (!(tau > 0)) {
            throw new IllegalArgumentException("qk-clip: tau must be positive, got " + tau);
        }
        double[] g = new double[maxLogits.length];
        for (int h = 0; h < g.length; h++) {
            g[h] = maxLogits[h] > tau ? tau / maxLogits[h] : 1.0;
        }
        return g;
    }

    /**
     * Scales head h's q rows and k rows of W (and of the bias, if given) by √γ_h.
     *
     * @param W    (3C, C) fused c_attn weight. Modified.
     * @param bias (3C) or null. Modified.
     * @param gamma γ_h per head, in (0, 1]
     * @return the number of heads clipped (γ_h &lt; 1)
     */
    public static int rescale(INDArray W, INDArray bias, double[] gamma) {
        int heads = gamma.length;
        long C = W.rows() / 3;
        long hs = C / heads;
        if (W.rows() != 3 * C || hs * heads != C) {
            throw new IllegalArgumentException("c_attn of shape " + java.util.Arrays.toString(W.shape()) + " does not fit "
                    + heads + " heads");
        }
        int clipped = 0;
        for (int h = 0; h < heads; h++) {
            if (gamma[h] >= 1) {
                continue;
            }
            clipped++;
            double r = Math.sqrt(gamma[h]);
            for (long offset : new long[] {0, C}) {                                  // q block, then k block
                long from = offset + h * hs;
                W.get(NDArrayIndex.interval(from, from + hs), NDArrayIndex.all()).muli(r);
                if (bias != null) {
                    bias.get(NDArrayIndex.interval(from, from + hs)).muli(r);
                }
            }
        }
        return clipped;
    }
}
