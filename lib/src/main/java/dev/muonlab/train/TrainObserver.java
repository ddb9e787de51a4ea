package dev.muonlab.train;

/**
 * Called by the {@link Trainer} on its own thread after every step; notebooks redraw a live chart
 * from {@link Trainer#log()} when {@code evaluated} is true. Must return quickly.
 */
@FunctionalInterface
public interface TrainObserver {

    /** An observer that does nothing. */
    TrainObserver NONE = (trainer, step, evaluated) -> { };

    /**
     * @param trainer   the trainer (its log, model and step). Not to be modified.
     * @param step      steps done
     * @param evaluated whether this step was followed by a validation evaluation
     */
    void onStep(Trainer trainer, int step, boolean evaluated);
}
