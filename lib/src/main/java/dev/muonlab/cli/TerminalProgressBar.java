package dev.muonlab.cli;

import dev.muonlab.progress.ProgressListener;

import java.io.PrintStream;
import java.io.PrintWriter;

/**
 * A one-line terminal progress bar: {@code [#####.....] 120/2000 6% loss 2.31 · 5,100 tok/s · ETA 3:05},
 * redrawn with a carriage return at most ten times a second, ended with a newline at 100 %.
 */
public final class TerminalProgressBar implements ProgressListener {

    private static final int WIDTH = 30;
    private final PrintWriter out;
    private long lastDraw;

    /** @param out where to draw (the command line uses stderr) */
    public TerminalProgressBar(PrintStream out) {
        this(new PrintWriter(out, true));
    }

    /** @param out where to draw (a command's error writer) */
    public TerminalProgressBar(PrintWriter out) {
        this.out = out;
    }

    @Override
    public synchronized void onProgress(long done, long total, String message) {
        long now = System.nanoTime();
        if (done < total && now - lastDraw < 100_000_000L) {
            return;
        }
        lastDraw = now;
        out.print("\r" + render(done, total, message));
        if (done >= total) {
            out.println();
        }
        out.flush();
    }

    /** Ends the line (after an early stop). */
    public synchronized void finish() {
        out.println();
        out.flush();
    }

    /** @return the bar's text for (done, total, message), without the carriage return */
    static String render(long done, long total, String message) {
        int filled = (int) (WIDTH * done / Math.max(1, total));
        return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + done + "/" + total
                + String.format(" %3d%% ", 100 * done / Math.max(1, total)) + message;
    }
}
