package dev.muonlab.optim;

/**
 * How Muon accumulates its momentum buffer M from the gradient G (β = momentum).
 *
 * <p>After orthogonalization both forms give the same step: the buffers differ by the positive
 * factor (1 − β) (and the Nesterov directions too), and the polar factor is scale-invariant
 * (references §0.1, "Note on momentum forms"). They differ for SGD-type peers, where scale matters.
 */
public enum MomentumForm {
    /** M ← lerp(M, G, 1 − β) = β·M + (1 − β)·G; Nesterov direction lerp(G, M, β). Keller Jordan, torch.optim.Muon. */
    EMA,
    /** M ← β·M + G; Nesterov direction G + β·M. Moonlight (Eq. 1, {@code toy_train.py}), Essential AI (Eq. 1). */
    SUM
}
