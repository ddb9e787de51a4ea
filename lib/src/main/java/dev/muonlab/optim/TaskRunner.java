package dev.muonlab.optim;

import java.util.List;

/**
 * Runs independent tasks and returns when all have finished: on the calling thread one after the
 * other ({@link #SEQUENTIAL}), or spread over threads (a GPT trainer's worker threads, see
 * {@code dev.muonlab.gpt.DataParallelGpt#runAll}). Used by {@link GroupedOptimizer} for its
 * per-parameter updates, which touch disjoint arrays, so the result does not depend on the runner.
 */
@FunctionalInterface
public interface TaskRunner {

    /** One task after the other on the calling thread. */
    TaskRunner SEQUENTIAL = tasks -> tasks.forEach(Runnable::run);

    /**
     * @param tasks independent tasks, larger ones first (a runner may start them in this order)
     * @throws RuntimeException the first task failure, after every task has finished or failed
     */
    void runAll(List<Runnable> tasks);
}
