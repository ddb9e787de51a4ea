package dev.muonlab.train;

import java.nio.file.Path;

/**
 * How a call to {@link Trainer#run} ended.
 *
 * @param status    completed, interrupted (checkpoint kept) or diverged (log kept)
 * @param step      steps done when it ended
 * @param message   a one-line human-readable account, naming the step for a divergence
 * @param outDir    the run folder, or null for an in-memory run
 * @param log       the log (live)
 */
public record TrainResult(Status status, int step, String message, Path outDir, TrainLog log) {

    /** How a run ended. */
    public enum Status { COMPLETED, INTERRUPTED, DIVERGED }
}
