package dev.muonlab.train;

/**
 * The optimizer recipes of {@code ./muonlab train --optimizer}: the three of notebook 05 and the 2026
 * toolbox entrants of the leaderboard (issue 19). What each puts on the hidden matrices is built by
 * {@link HiddenOptimizers}; embeddings, head and gains stay on AdamW except under SCALE. The toolbox
 * entries' hyper-parameters are each source's defaults, untuned on this model.
 */
public enum OptimizerChoice {
    /** AdamW on every parameter, nanoGPT's shakespeare_char recipe (lr 1e-3, β₂ 0.99, wd 0.1 on 2-D tensors). */
    ADAMW("adamw"),
    /**
     * Muon on the hidden matrices with Keller Jordan's recipe (lr 0.02, momentum 0.95, Nesterov, 5 NS
     * steps, shape factor √max(1, rows/cols)), AdamW as above on embeddings, head and gains.
     */
    MUON("muon"),
    /**
     * Moonlight's variant (Liu et al. 2025, Eq. 4): Muon's update scaled to RMS 0.2 (0.2·√max(A, B)),
     * reusing AdamW's lr 1e-3 and decoupled weight decay 0.1; AdamW on the rest.
     */
    MUON_MOONLIGHT("muon-moonlight"),
    /** NorMuon (dion normuon.py): Keller's Muon plus a per-neuron second moment (β₂ 0.95), at muonLr. */
    NORMUON("normuon"),
    /** Keller's Muon at muonLr with cautious weight decay at the config's weight decay (arXiv 2510.12402). */
    MUON_CAUTIOUS_WD("muon-cautious-wd"),
    /** AdaMuon (arXiv 2507.11005): sign, NS5, element-wise second moment, RMS 0.2; AdamW's lr and decay. */
    ADAMUON("adamuon"),
    /** PolarGrad (EO polargrad.py defaults: lr 3e-4, β 0.95, wd from the config): nuclear-norm-scaled polar factor. */
    POLARGRAD("polargrad"),
    /** Keller's Muon with the published Polar Express schedule (5 steps, 1.01 safety) instead of NS5. */
    MUON_POLAR_EXPRESS("muon-polar-express"),
    /** Keller's Muon with Gram Newton-Schulz (NS5 coefficients, restart before step 2). */
    MUON_GRAM_NS("muon-gram-ns"),
    /** Spectral descent: Keller's Muon without momentum (modded-nanogpt track 3's "no momentum" entry). */
    SPECTRAL_DESCENT("spectral-descent"),
    /** Keller's Muon with q, k, v and each head of the fused c_attn orthogonalized separately (dion num_heads). */
    MUON_SPLIT_HEADS("muon-split-heads"),
    /**
     * MuonClip (Kimi K2, arXiv 2507.20534 §2.1): Keller's Muon plus QK-clip after each step at τ = 100,
     * the report's threshold ({@code Trainer#clipAttentionLogits} sets another).
     */
    MUON_CLIP("muon-clip"),
    /** Keller's Muon with momentum 0.85 → 0.95 warm-up (300 steps) and cool-down over the last 10 % of steps. */
    MUON_MOMENTUM_SCHEDULE("muon-momentum-schedule"),
    /**
     * SCALE (arXiv 2506.16659, studies-notes.md): per-output-unit RMS normalization of the gradient on the
     * hidden matrices, with momentum 0.9 on the output head only; embeddings and gains on AdamW; AdamW's lr.
     */
    SCALE("scale");

    private final String cliName;

    OptimizerChoice(String cliName) {
        this.cliName = cliName;
    }

    /** @return the command-line name ({@code adamw}, {@code muon}, {@code normuon}, ...) */
    public String cliName() {
        return cliName;
    }

    /** @return the choice whose command-line name or enum name is {@code name} */
    public static OptimizerChoice parse(String name) {
        for (OptimizerChoice c : values()) {
            if (c.cliName.equalsIgnoreCase(name) || c.name().equalsIgnoreCase(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown optimizer '" + name + "'; choose one of "
                + java.util.Arrays.stream(values()).map(OptimizerChoice::cliName).toList());
    }

    @Override
    public String toString() {
        return cliName;
    }
}
