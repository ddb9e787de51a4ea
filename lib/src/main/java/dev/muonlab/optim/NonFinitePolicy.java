package dev.muonlab.optim;

/** What {@link Optimizer#step} does when a gradient holds NaN or ±Infinity. */
public enum NonFinitePolicy {
    /** Throw {@link NonFiniteGradientException} naming the parameter; nothing is changed. */
    THROW,
    /** Change nothing, do not advance the step counter, and count the step in {@link Optimizer#skippedSteps()}. */
    SKIP_STEP
}
