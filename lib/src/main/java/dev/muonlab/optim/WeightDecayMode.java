package dev.muonlab.optim;

/**
 * Where Muon's weight decay wd enters the step, for the update scale s and learning rate lr.
 *
 * <p>Keller Jordan's {@code muon.py}, {@code torch.optim.Muon} and Moonlight's {@code toy_train.py}
 * all use {@link #DECOUPLED}. Essential AI (arXiv 2505.02222, Eq. 1) writes
 * W ← W − η((0.2√n)·O + λW): the decay sits next to the scaled step inside the learning-rate
 * factor; read literally (the 0.2√n multiplying O only) that is algebraically {@link #DECOUPLED}.
 * {@link #COUPLED_TO_SCALED_STEP} is the other reading, where the decay is scaled with the step
 * (as when an implementation folds s into the learning rate before decaying). It is offered to make
 * that choice explicit and measurable; which one a paper's code ran is the thing to check.
 */
public enum WeightDecayMode {
    /** param ← param·(1 − lr·wd) − lr·s·O: the unadjusted lr decays the weights. */
    DECOUPLED,
    /** param ← param·(1 − lr·s·wd) − lr·s·O: the decay uses the adjusted learning rate lr·s. */
    COUPLED_TO_SCALED_STEP,
    /**
     * Cautious weight decay: param ← param − lr·wd·𝟙[param⊙U ≥ 0]⊙param − lr·U, i.e. decay only the
     * entries where the update U and the weight agree in sign (so that the step, which subtracts U, and
     * the decay both move the entry toward 0). Chen et al., "Cautious Weight Decay", arXiv 2510.12402;
     * microsoft/dion {@code muon_update_post_orthogonalize(cautious_wd=True)} (mask sign(X·U) + 1
     * clamped to 1, i.e. ≥ 0); modded-nanogpt uses the same idea (some copies use the strict &gt; 0,
     * which differs only where an entry of U or W is exactly 0). See {@link MuonMath#cautiousDecay}.
     */
    CAUTIOUS
}
