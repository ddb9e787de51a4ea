package dev.muonlab.gpt;

import dev.muonlab.optim.UpdateScale;

/**
 * How initialization, the output logits and the learning rates scale with the width C: the standard
 * parameterization (SP, nanoGPT's, where nothing depends on C) or muP with a base width C₀ at which
 * both coincide. Every rule is a pure function of the width multiplier m = C / C₀.
 *
 * <p>Source of the rules: the spectral condition of Yang, Simon and Bernstein, "A Spectral Condition
 * for Feature Learning", arXiv 2310.17813 (the spectral scaling condition: for every layer, ‖W‖_* and ‖ΔW‖_* are
 * Θ(√(fan_out/fan_in)) in the spectral norm; their spectral parameterization: init σ ∝ (1/√fan_in)·min(1,
 * √(fan_out/fan_in))), and the muP table of Yang et al. 2022, "Tensor Programs V" (arXiv 2203.03466,
 * Table 3, as Essential AI reproduce it in arXiv 2505.02222 Fig. 5, references.md §4.4): input weights
 * and biases keep a width-independent init and Adam lr; hidden weights have init variance ∝ 1/fan_in
 * and Adam lr ∝ 1/fan_in; the output layer's logits carry a multiplier 1/m (the {@code MuReadout}
 * form of the table's output init variance 1/fan_in² and Adam lr 1/fan_in).
 *
 * <p>Embeddings (input weights), the head and gains stay on AdamW with the unscaled lr: they are
 * "vector-like" (one dimension fixed: V, T or 1), whose ‖ΔW‖ condition holds at a constant lr.
 *
 * <p>A third kind, {@link Kind#MUP_ATTENTION} ({@code mupattn:<base>}), is muP with Tensor Programs
 * V's attention scale: every rule above as MUP, and the attention logits scaled by 1/d_head instead
 * of 1/√d_head ({@link #attentionScale}). SP and MUP keep nanoGPT's 1/√d_head.
 *
 * @param kind      SP, MUP or MUP_ATTENTION
 * @param baseWidth C₀, the width at which muP equals SP (e.g. 128, baby-cpu's); ignored by SP
 */
public record Parameterization(Kind kind, int baseWidth) {

    /**
     * The parameterizations: SP; muP with nanoGPT's attention scale 1/√d_head (MUP, the one the issue's
     * spectral rules give); muP with Tensor Programs V's 1/d_head (MUP_ATTENTION, {@link #attentionScale}).
     */
    public enum Kind { SP, MUP, MUP_ATTENTION }

    public Parameterization {
        if (kind == null || baseWidth < 1) {
            throw new IllegalArgumentException("need a kind and a positive base width, got " + kind + ", " + baseWidth);
        }
    }

    /** @return the standard parameterization (today's behaviour, the default everywhere) */
    public static Parameterization sp() {
        return new Parameterization(Kind.SP, 1);
    }

    /** @param baseWidth C₀ &gt; 0 @return muP equal to SP at width C₀ */
    public static Parameterization mup(int baseWidth) {
        return new Parameterization(Kind.MUP, baseWidth);
    }

    /**
     * @param baseWidth C₀ &gt; 0
     * @return muP equal to SP at width C₀, with Tensor Programs V's attention scale ∝ 1/d_head
     *         ({@link #attentionScale}); every other rule as {@link #mup}
     */
    public static Parameterization mupAttention(int baseWidth) {
        return new Parameterization(Kind.MUP_ATTENTION, baseWidth);
    }

    /** @return whether this is muP (either attention scale): init, output and lr rules are muP's */
    public boolean isMup() {
        return kind == Kind.MUP || kind == Kind.MUP_ATTENTION;
    }

    /**
     * The scale of the attention logits, {@code att = softmax(scale · q kᵀ)}.
     * <ul>
     *   <li>SP and MUP: nanoGPT's (and Vaswani et al. 2017's) 1/√d_head, whatever the width.</li>
     *   <li>MUP_ATTENTION: Tensor Programs V (Yang et al. 2022, arXiv 2203.03466, muP for Transformers:
     *       "attention logits scaled by 1/d instead of 1/√d"): once training aligns q and k, q·k is a
     *       sum of d correlated terms and grows ∝ d, so 1/d holds the logits at Θ(1). Written as
     *       (1/√d)·√(d₀/d) = √d₀/d with d₀ = C₀/n_head: the constant √d₀ stands where the mup
     *       package has its tunable {@code attn_mult}, chosen so that the scale equals SP's at the base
     *       width (bit for bit: the factor there is √1) and falls as 1/d above it.</li>
     * </ul>
     *
     * @param headDim d_head = hs = C / n_head
     * @param nHead   n_head (C = headDim·nHead)
     * @return the logit scale
     */
    public double attentionScale(int headDim, int nHead) {
        double scale = 1.0 / Math.sqrt(headDim);
        if (kind != Kind.MUP_ATTENTION) {
            return scale;
        }
        return scale * Math.sqrt(1.0 / widthMultiplier(headDim * nHead));
    }

    /** @param width C @return m = C / C₀ under muP, 1 under SP */
    public double widthMultiplier(int width) {
        return isMup() ? (double) width / baseWidth : 1.0;
    }

    /**
     * The init std of a hidden matrix (attention and MLP weights, (fan_out, fan_in) both ∝ C).
     * Under muP: SP's std at C₀ times the width dependence of 2310.17813's σ = (1/√fan_in)·min(1,
     * √(fan_out/fan_in)) ({@link #spectralInitStd}); the aspect ratios of the GPT's matrices do not
     * change with C, so that dependence is √(C₀/C) (Tensor Programs V Table 3: variance 1/fan_in).
     *
     * @param spStd SP's std (nanoGPT's 0.02, or 0.02/√(2·n_layer) on residual projections)
     * @return the std to draw with
     */
    public double hiddenInitStd(double spStd, int width) {
        return spStd / Math.sqrt(widthMultiplier(width));
    }

    /**
     * 2310.17813, the spectral parameterization: σ = (1/√fan_in)·min(1, √(fan_out/fan_in)), whose Gaussian
     * matrix has ‖W‖_* = Θ(√(fan_out/fan_in)) (by σ(√fan_out + √fan_in), random-matrix theory).
     *
     * @return σ up to a width-independent constant
     */
    public static double spectralInitStd(long fanOut, long fanIn) {
        return Math.min(1.0, Math.sqrt((double) fanOut / fanIn)) / Math.sqrt(fanIn);
    }

    /**
     * The multiplier on the output logits, {@code logits = mult·h·W_headᵀ}: 1/m under muP (the
     * {@code MuReadout} of Tensor Programs V's mup package; the head's h·W is a sum of C correlated
     * terms after training, so it grows ∝ C, and 1/m holds it at Θ(1)), 1 under SP. The head itself
     * keeps SP's init.
     */
    public double outputMultiplier(int width) {
        return 1.0 / widthMultiplier(width);
    }

    /**
     * AdamW's lr factor for hidden matrices: 1/m under muP (Tensor Programs V Table 3, Adam lr
     * 1/fan_in). Why: Adam's first steps are sign-like, entries ±lr, so a rank-one update has
     * ‖ΔW‖_* = lr·√(fan_out·fan_in); lr ∝ 1/fan_in makes it Θ(√(fan_out/fan_in)) (2310.17813
     * spectral scaling condition). Embeddings, head, gains and biases: factor 1.
     */
    public double adamHiddenLrMultiplier(int width) {
        return 1.0 / widthMultiplier(width);
    }

    /**
     * Muon's lr factor for hidden matrices under muP, by its update scale s (‖O‖_* ≈ 1 for the
     * orthogonalized O, so ‖ΔW‖_* ≈ lr·s):
     * <ul>
     *   <li>Keller's s = √max(1, A/B) ({@link UpdateScale#ORIGINAL}), the unclamped √(A/B) and the bare
     *       polar factor: s does not change with C at fixed aspect ratio, so ‖ΔW‖_* already is
     *       Θ(√(fan_out/fan_in)); factor 1;</li>
     *   <li>Moonlight's s = 0.2·√max(A, B) ({@link UpdateScale#MATCH_RMS_ADAMW}, arXiv 2502.16982
     *       Eq. 4): s ∝ √C, so the lr must carry 1/√m.</li>
     * </ul>
     * SP: factor 1 for all.
     */
    public double muonLrMultiplier(UpdateScale scale, int width) {
        return scale == UpdateScale.MATCH_RMS_ADAMW ? 1.0 / Math.sqrt(widthMultiplier(width)) : 1.0;
    }

    /** @return {@code sp}, {@code mup:<base>} or {@code mupattn:<base>} (as saved in run folders) */
    public String describe() {
        return switch (kind) {
            case SP -> "sp";
            case MUP -> "mup:" + baseWidth;
            case MUP_ATTENTION -> "mupattn:" + baseWidth;
        };
    }

    /**
     * @param text {@code sp}, {@code mup} (base 128), {@code mup:<base>}, {@code mupattn} (base 128) or
     *             {@code mupattn:<base>}
     * @return the parameterization
     */
    public static Parameterization parse(String text) {
        if (text.equals("sp")) {
            return sp();
        }
        if (text.equals("mup")) {
            return mup(128);
        }
        if (text.startsWith("mup:")) {
            return mup(Integer.parseInt(text.substring(4)));
        }
        if (text.equals("mupattn")) {
            return mupAttention(128);
        }
        if (text.startsWith("mupattn:")) {
            return mupAttention(Integer.parseInt(text.substring(8)));
        }
        throw new IllegalArgumentException("unknown parameterization '" + text
                + "'; sp, mup, mup:<base width>, mupattn or mupattn:<base width>");
    }
}
