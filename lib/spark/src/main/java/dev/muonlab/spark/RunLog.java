package dev.muonlab.spark;

import dev.muonlab.progress.ProgressListener;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A sweep's progress as log lines, one per finished run ("run 3 of 12 · … done  (41 %)"), for a
 * driver whose output goes to a file or a cluster's log rather than a terminal: a progress bar
 * redrawn in place would be unreadable there.
 */
final class RunLog implements ProgressListener {

    private final PrintStream out;
    private String last = "";

    /** @param out where the lines go */
    RunLog(PrintStream out) {
        this.out = out;
    }

    /** Prints the message when it changed; modifies this log's last message and writes to {@code out}. */
    @Override
    public synchronized void onProgress(long done, long total, String message) {
        if (!message.equals(last)) {
            last = message;
            out.printf(Locale.ROOT, "%s  (%.0f %%)%n", message, 100.0 * done / Math.max(1, total));
        }
    }
}
