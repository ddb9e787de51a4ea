package dev.muonlab.jupyter.kernel;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * The stdout and stderr of one executing cell, attached to the {@link OutputRouter} while it runs.
 *
 * <p>A silent execution (Jupyter's {@code silent: true}) publishes nothing: its output goes to the log.
 */
final class CellOutput implements OutputRouter.CellSink {

    private final CellStream out;
    private final CellStream err;

    /**
     * @param stdout  publishes stdout text (a stream message)
     * @param stderr  publishes stderr text
     * @param log     the kernel log, for noise and for silent output
     * @param silent  whether nothing may be published
     * @param flusher runs delayed flushes
     */
    CellOutput(Consumer<String> stdout, Consumer<String> stderr, PrintStream log, boolean silent,
               ScheduledExecutorService flusher) {
        Consumer<String> toLog = text -> log.print(text);
        this.out = new CellStream(silent ? toLog : stdout, toLog, flusher);
        this.err = new CellStream(silent ? toLog : stderr, toLog, flusher);
    }

    @Override
    public OutputStream out() {
        return out;
    }

    @Override
    public OutputStream err() {
        return err;
    }

    /** Publishes pending text now, so that what follows (display, result, error) keeps its place. */
    void flush() {
        System.out.flush();
        System.err.flush();
        out.flushNow();
        err.flushNow();
    }

    /** Publishes everything left; later writes are dropped. */
    void close() {
        System.out.flush();
        System.err.flush();
        out.close();
        err.close();
    }
}
