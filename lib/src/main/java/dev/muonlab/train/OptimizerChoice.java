package dev.muonlab.train;

/**
 * The three optimizer recipes compared in notebook 05 and {@code ./muonlab train --optimizer}.
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
    MUON_MOONLIGHT("muon-moonlight");

    private final String cliName;

    OptimizerChoice(String cliName) {
        this.cliName = cliName;
    }

    /** @return the command-line name ({@code adamw}, {@code muon}, {@code muon-moonlight}) */
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
        throw new IllegalArgumentException("unknown optimizer '" + name + "'; choose adamw, muon or muon-moonlight");
    }

    @Override
    public String toString() {
        return cliName;
    }
}
