package dev.muonlab.optim;

/**
 * The factor s that multiplies Muon's orthogonalized update O of a (rows, cols) = (out, in)
 * matrix before the learning rate: {@code param ← param − lr·s·O}.
 *
 * <p>Sources: Keller Jordan's {@code muon.py} and {@code torch.optim.Muon}'s {@code adjust_lr_fn}
 * (references §0.1); Moonlight, arXiv 2502.16982, Eq. 4/7 and Lemma 1 (§3.1).
 */
public enum UpdateScale {
    /** sqrt(max(1, rows/cols)): Keller Jordan's Muon and torch.optim.Muon's default ("original"). */
    ORIGINAL,
    /**
     * 0.2·sqrt(max(rows, cols)): Moonlight's "match RMS of AdamW". By Lemma 1 the polar factor of a
     * full-rank (A, B) matrix has RMS 1/sqrt(max(A, B)), so the update RMS is 0.2 for every shape.
     */
    MATCH_RMS_ADAMW,
    /** sqrt(rows/cols), unclamped: torch.optim.Muon's "spectral_unclamped" (spectral-norm scaling). */
    SPECTRAL,
    /** 1: the bare polar factor, as in the theory papers ("simplified Muon"). */
    NONE;

    /**
     * Moonlight's update RMS target: 0.2, "matching AdamW's typical 0.2-0.4" (arXiv 2502.16982 Eq. 4,
     * chosen by the ablation of Table 8 over {0.05, 0.1, 0.2, 0.4, 0.8}; references §3.1-3.2).
     */
    public static final double MOONLIGHT_RMS = 0.2;

    /**
     * @param rows the output dimension (first axis of the flattened matrix)
     * @param cols the input dimension (all other axes)
     * @return s &gt; 0, with Moonlight's target {@link #MOONLIGHT_RMS} for {@link #MATCH_RMS_ADAMW}
     */
    public double factor(long rows, long cols) {
        return factor(rows, cols, MOONLIGHT_RMS);
    }

    /**
     * @param rmsTarget r &gt; 0: the update RMS that {@link #MATCH_RMS_ADAMW} aims at (r·√max(rows, cols));
     *                  ignored by the other scales
     * @return s &gt; 0
     */
    public double factor(long rows, long cols, double rmsTarget) {
        return switch (this) {
            case ORIGINAL -> Math.sqrt(Math.max(1.0, (double) rows / cols));
            case MATCH_RMS_ADAMW -> rmsTarget * Math.sqrt(Math.max(rows, cols));
            case SPECTRAL -> Math.sqrt((double) rows / cols);
            case NONE -> 1.0;
        };
    }

    /** @return the CLI spelling: original, match-rms-adamw, spectral, none */
    public String cliName() {
        return name().toLowerCase().replace('_', '-');
    }

    /** @return the value whose {@link #cliName()} or enum name is {@code text} (case-insensitive) */
    public static UpdateScale parse(String text) {
        for (UpdateScale s : values()) {
            if (s.cliName().equalsIgnoreCase(text) || s.name().equalsIgnoreCase(text)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown update scale '" + text
                + "': expected one of original, match-rms-adamw, spectral, none");
    }
}
