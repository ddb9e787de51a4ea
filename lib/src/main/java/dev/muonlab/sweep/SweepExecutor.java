package dev.muonlab.sweep;

import java.util.List;

/**
 * Where a sweep's runs execute: local worker threads ({@link LocalExecutor}) or, behind this same
 * interface, a cluster engine. The {@link Sweep} driver decides what is pending and stores every
 * result the executor hands back, so an executor neither reads nor writes the store, and a sweep may
 * be split between executors and resume under either.
 */
public interface SweepExecutor {

    /** Receives each finished run on the driver's side; called from one thread at a time. */
    interface Results {
        /**
         * @param spec   the run
         * @param result its result
         */
        void finished(RunSpec spec, RunResult result);
    }

    /**
     * Runs every spec of {@code pending} and hands each result to {@code results} as it finishes.
     *
     * @param study    the study (a cluster executor sends only its name)
     * @param pending  the runs to execute. Not modified.
     * @param progress receives run and unit progress
     * @param results  receives the results
     * @throws SweepFailure when a run throws; the runs that finished were handed over first
     */
    void execute(Study study, List<RunSpec> pending, SweepProgress progress, Results results);

    /** @return a short description for logs, e.g. "2 local threads" */
    String describe();

    /** Asks the runs in flight to stop early; a stopped run's result is not handed over. */
    void requestStop();
}
