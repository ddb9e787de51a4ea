package dev.muonlab.cli;

import dev.muonlab.progress.ProgressListener;

import java.io.PrintStream;
import java.io.PrintWriter;

/**
 * A one-line terminal progress bar: {@code [#####.....] 120/2000 6% loss 2.31 · 5,100 tok/s · ETA 3:05},
 * redrawn with a carriage return at most ten times a second, ended with a newline at 100 % (then
 * "done in 3:10" instead of the ETA). The ETA is the bar's own: the average time per unit since the bar
 * was made, times the units left.
 */
public final class TerminalProgressBar implements ProgressListener {

    private static final int WIDTH = 30;
    private final PrintWriter out;
    private final long startNanos = System.nanoTime();
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
        out.print("\r" + render(done, total, message, (now - startNanos) / 1e9));
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

    /** @return the bar's text for (done, total, message) after {@code elapsedSeconds}, without the carriage return */
    static String render(long done, long total, String message, double elapsedSeconds) {
        int filled = (int) (WIDTH * done / Math.max(1, total));
        String time = done >= total ? "done in " + formatSeconds(elapsedSeconds)
                : "ETA " + (done > 0 ? formatSeconds(elapsedSeconds / done * (total - done)) : "?");
        return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + done + "/" + total
                + String.format(" %3d%% ", 100 * done / Math.max(1, total)) + message
                + (message.isEmpty() ? "" : " · ") + time;
    }

    /** @return e.g. {@code "3:05"} or {@code "1:02:03"} */
    static String formatSeconds(double s) {
        if (!Double.isFinite(s)) {
            return "?";
        }
        long t = Math.round(s);
        return t >= 3600 ? String.format("%d:%02d:%02d", t / 3600, (t / 60) % 60, t % 60)
                : String.format("%d:%02d", t / 60, t % 60);
    }
}
