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
    COUPLED_TO_SCALED_STEP
}
