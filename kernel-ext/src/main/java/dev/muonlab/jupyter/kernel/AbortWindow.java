package dev.muonlab.jupyter.kernel;

/**
 * After a cell fails with {@code stop_on_error}, the execute requests already queued behind it are answered
 * "aborted" instead of run, as ipykernel does; the window closes as soon as the shell queue is empty.
 *
 * <p>Why: "Run All" in a notebook queues every cell; when one fails, the cells after it must not run on a broken
 * state. Set by {@link ExecuteFlow} on an error; the failed request drains the queue through {@link #drainQueued()}
 * before it reports idle, so a request that a client sends after seeing that idle status always runs.
 */
final class AbortWindow {

    private volatile boolean open;
    private volatile Runnable drainer;

    /** Registers how to answer the queued requests (the shell channel's, run on the shell thread). Modifies this window. */
    void drainWith(Runnable queueDrainer) {
        this.drainer = queueDrainer;
    }

    /**
     * While open: answers every request already queued ("aborted") and closes. Call on the shell thread, before the
     * failed request reports idle. Modifies this window.
     */
    void drainQueued() {
        Runnable d = drainer;
        if (open && d != null) {
            d.run();
        }
    }

    /** Starts aborting queued requests. Modifies this window. */
    void open() {
        open = true;
    }

    /** Stops aborting (the queue is drained). Modifies this window. */
    void close() {
        open = false;
    }

    /** @return whether queued execute requests are to be aborted */
    boolean isOpen() {
        return open;
    }
}
