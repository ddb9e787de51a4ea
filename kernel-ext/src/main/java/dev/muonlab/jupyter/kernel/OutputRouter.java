package dev.muonlab.jupyter.kernel;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Owns {@code System.out} and {@code System.err} for the kernel's whole life and sends what is written either to
 * the running cell or, when no cell runs, to the kernel log.
 *
 * <p>Why not swap System.out per cell (as jjava's BaseKernel does): libraries print at start-up and from their own
 * threads between cells (ND4J's backend loading, native library messages), and that must never reach a cell. While
 * a cell runs, output from any thread goes to it, because cells legitimately print from worker threads.
 */
final class OutputRouter {

    /** The two streams of the running cell. */
    interface CellSink {
        /** @return the cell's stdout */
        OutputStream out();

        /** @return the cell's stderr */
        OutputStream err();
    }

    private final PrintStream log;
    private volatile CellSink current;

    /**
     * @param log where output goes when no cell runs (the kernel log)
     */
    OutputRouter(PrintStream log) {
        this.log = log;
    }

    /** Replaces System.out and System.err with routed streams. Modifies the JVM's standard streams. */
    void install() {
        System.setOut(new PrintStream(new Routed(false), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Routed(true), true, StandardCharsets.UTF_8));
    }

    /** @param sink the streams of the cell that starts now. Modifies the routing. */
    void attach(CellSink sink) {
        current = sink;
    }

    /** @param sink the cell that ended; ignored if another cell is attached. Modifies the routing. */
    void detach(CellSink sink) {
        if (current == sink) {
            current = null;
        }
    }

    /** @return the log stream */
    PrintStream log() {
        return log;
    }

    private final class Routed extends OutputStream {
        private final boolean err;

        Routed(boolean err) {
            this.err = err;
        }

        private OutputStream target() {
            CellSink sink = current;
            if (sink == null) {
                return log;
            }
            return err ? sink.err() : sink.out();
        }

        @Override
        public void write(int b) throws java.io.IOException {
            target().write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            target().write(b, off, len);
        }

        @Override
        public void flush() throws java.io.IOException {
            target().flush();
        }
    }
}
