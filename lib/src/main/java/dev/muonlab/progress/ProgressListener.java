package dev.muonlab.progress;

/**
 * Receives progress of long-running library work (a sweep, a training run) without the library
 * knowing who listens. The notebook extension turns it into a live progress bar; the command line
 * into a terminal bar; tests into a list of events.
 *
 * <p>Implementations must be thread-safe: sweeps report from worker threads.
 */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that ignores every event. */
    ProgressListener NONE = (done, total, message) -> { };

    /**
     * Reports that {@code done} of {@code total} units of work are finished.
     *
     * @param done    units finished so far, 0 ≤ done ≤ total
     * @param total   units in all (> 0)
     * @param message a short human-readable status, e.g. {@code "κ=100, Muon"}; may be empty, never null
     */
    void onProgress(long done, long total, String message);
}
