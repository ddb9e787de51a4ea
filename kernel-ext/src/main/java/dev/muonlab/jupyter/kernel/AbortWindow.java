package dev.muonlab.jupyter.kernel;

/**
 * After a cell fails with {@code stop_on_error}, the execute requests already queued behind it are answered
 * "aborted" instead of run, as ipykernel does; the window closes as soon as the shell queue is empty.
 *
 * <p>Why: "Run All" in a notebook queues every cell; when one fails, the cells after it must not run on a broken
 * state. Set by {@link ExecuteFlow} on an error, closed by {@link FastShellChannel} when a poll finds no message.
 */
final class AbortWindow {

    private volatile boolean open;

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
