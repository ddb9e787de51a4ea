package dev.muonlab.gpt;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * One pre-LayerNorm transformer block as nanoGPT's {@code Block}:
 * x ← x + drop(c_proj(attn(ln_1(x)))); x ← x + drop(mlp.c_proj(GELU(mlp.c_fc(ln_2(x))))).
 * Holds the activations of its last forward pass for {@link #backward}.
 */
final class Block {

    private final String prefix;
    private final int nh;
    private final double dropout;
    private final double attentionScale;   // the attention logit scale, Parameterization#attentionScale

    // activations of the last forward pass; shapes with N = B·T
    private INDArray h1;           // ln_1(x)                (N, C)
    private INDArray attnOut;      // attention output       (N, C)
    private INDArray h2;           // ln_2(x1)               (N, C)
    private INDArray fc;           // c_fc pre-activation    (N, 4C)
    private INDArray gelu;         // GELU(fc)               (N, 4C)
    private final GeluOps.Saved[] geluSaved = new GeluOps.Saved[1];
    private final LayerNormOps.Cache[] ln1 = new LayerNormOps.Cache[1];
    private final LayerNormOps.Cache[] ln2 = new LayerNormOps.Cache[1];
    private final AttentionOps.Cache[] attn = new AttentionOps.Cache[1];
    private double[] maxLogits;    // S_h per head of the last forward pass, when tracked; else null
    private INDArray residMask1;
    private INDArray residMask2;

    /** @param attentionScale the attention logit scale ({@link Parameterization#attentionScale}) */
    Block(int layer, int nh, double dropout, double attentionScale) {
        this.prefix = "transformer.h." + layer + ".";
        this.nh = nh;
        this.dropout = dropout;
        this.attentionScale = attentionScale;
    }

    /**
     * @param x        residual stream (N, C). Not modified.
     * @param p        parameters by name. Not modified.
     * @param training whether dropout is active
     * @return the new residual stream (N, C)
     */
    INDArray forward(INDArray x, Map<String, INDArray> p, int B, int T, boolean training) {
        double drop = training ? dropout : 0.0;
        h1 = LayerNormOps.forward(x, p.get(prefix + "ln_1.weight"), p.get(prefix + "ln_1.bias"), ln1);
        INDArray qkv = LinearOps.forward(h1, p.get(prefix + "attn.c_attn.weight"), p.get(prefix + "attn.c_attn.bias"));
        attnOut = AttentionOps.forward(qkv, B, T, nh, attentionScale, drop, attn, maxLogits); // (N, C)
        INDArray a = LinearOps.forward(attnOut, p.get(prefix + "attn.c_proj.weight"), p.get(prefix + "attn.c_proj.bias"));
        residMask1 = DropoutOps.mask(drop, a);
        INDArray x1 = DropoutOps.applyi(a, residMask1).addi(x);                              // (N, C)

        h2 = LayerNormOps.forward(x1, p.get(prefix + "ln_2.weight"), p.get(prefix + "ln_2.bias"), ln2);
        fc = LinearOps.forward(h2, p.get(prefix + "mlp.c_fc.weight"), p.get(prefix + "mlp.c_fc.bias")); // (N, 4C)
        gelu = GeluOps.forward(fc, geluSaved);
        INDArray m = LinearOps.forward(gelu, p.get(prefix + "mlp.c_proj.weight"), p.get(prefix + "mlp.c_proj.bias"));
        residMask2 = DropoutOps.mask(drop, m);
        return DropoutOps.applyi(m, residMask2).addi(x1);                                    // (N, C)
    }

    /**
     * @param track whether the next forward passes record each head's largest attention logit.
     *              Modifies: this block's tracking state.
     */
    void trackMaxLogits(boolean track) {
        maxLogits = track ? new double[nh] : null;
        if (track) {
            java.util.Arrays.fill(maxLogits, Double.NaN);
        }
    }

    /** @return S_h per head of the last tracked forward pass (a copy), or null when not tracking */
    double[] maxLogits() {
        return maxLogits == null ? null : maxLogits.clone();
    }

    /**
     * @param dOut gradient of the block's output (N, C). Not modified.
     * @param p    parameters. Not modified.
     * @param g    gradient buffers by name. Modified: this block's entries are set.
     * @return the gradient of the block's input (N, C)
     */
    INDArray backward(INDArray dOut, Map<String, INDArray> p, Map<String, INDArray> g) {
        // MLP branch: x2 = x1 + drop(m)
        INDArray dm = residMask2 == null ? dOut : dOut.mul(residMask2);
        INDArray dGelu = LinearOps.backward(dm, gelu, p.get(prefix + "mlp.c_proj.weight"),
                g.get(prefix + "mlp.c_proj.weight"), g.get(prefix + "mlp.c_proj.bias"), false);    // (N, 4C)
        INDArray dFc = GeluOps.backward(dGelu, fc, geluSaved[0]);
        INDArray dh2 = LinearOps.backward(dFc, h2, p.get(prefix + "mlp.c_fc.weight"),
                g.get(prefix + "mlp.c_fc.weight"), g.get(prefix + "mlp.c_fc.bias"), false);        // (N, C)
        INDArray dx1 = LayerNormOps.backward(dh2, p.get(prefix + "ln_2.weight"), ln2[0],
                g.get(prefix + "ln_2.weight"), g.get(prefix + "ln_2.bias")).addi(dOut);

        // attention branch: x1 = x + drop(a)
        INDArray da = residMask1 == null ? dx1 : dx1.mul(residMask1);
        INDArray dAttn = LinearOps.backward(da, attnOut, p.get(prefix + "attn.c_proj.weight"),
                g.get(prefix + "attn.c_proj.weight"), g.get(prefix + "attn.c_proj.bias"), false);  // (N, C)
        INDArray dQkv = AttentionOps.backward(dAttn, attn[0]);                                    // (N, 3C)
        INDArray dh1 = LinearOps.backward(dQkv, h1, p.get(prefix + "attn.c_attn.weight"),
                g.get(prefix + "attn.c_attn.weight"), g.get(prefix + "attn.c_attn.bias"), false);  // (N, C)
        return LayerNormOps.backward(dh1, p.get(prefix + "ln_1.weight"), ln1[0],
                g.get(prefix + "ln_1.weight"), g.get(prefix + "ln_1.bias")).addi(dx1);
    }
}
