package dev.muonlab.jupyter.kernel;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One cell's stdout or stderr: buffers bytes and publishes them as Jupyter {@code stream} messages shortly after
 * they are written.
 *
 * <p>Why a timed flush: {@code System.out.print("epoch 1 ... ")} without a newline must show up while the cell is
 * still running, but one message per write would flood the client when a loop prints thousands of lines. So a
 * write schedules a publish {@link #FLUSH_DELAY_MS} later, and a full buffer or {@link #flushNow()} (before a
 * display, a result or an error, and at the end of the cell) publishes at once, keeping the order of outputs.
 * Thread-safe: cells may print from worker threads.
 */
final class CellStream extends OutputStream {

    static final long FLUSH_DELAY_MS = 20;
    static final int MAX_BUFFERED_BYTES = 32 * 1024;

    private final Consumer<String> publisher;
    private final Consumer<String> noiseSink;
    private final ScheduledExecutorService flusher;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final NoiseFilter filter = new NoiseFilter();
    private boolean flushScheduled;
    private boolean closed;

    /**
     * @param publisher receives text to show in the cell
     * @param noiseSink receives library noise lines (to the log)
     * @param flusher   runs delayed flushes
     */
    CellStream(Consumer<String> publisher, Consumer<String> noiseSink, ScheduledExecutorService flusher) {
        this.publisher = publisher;
        this.noiseSink = noiseSink;
        this.flusher = flusher;
    }

    @Override
    public synchronized void write(int b) {
        buffer.write(b);
        afterWrite();
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        buffer.write(b, off, len);
        afterWrite();
    }

    /** Schedules a publish soon (PrintStream calls this after each println). */
    @Override
    public synchronized void flush() {
        schedule();
    }

    /** Publishes everything buffered now. Modifies the buffer; sends a message. */
    synchronized void flushNow() {
        int complete = completeUtf8Length(buffer.toByteArray());
        if (complete > 0) {
            byte[] all = buffer.toByteArray();
            String text = new String(all, 0, complete, StandardCharsets.UTF_8);
            buffer.reset();
            buffer.write(all, complete, all.length - complete);
            emit(filter.accept(text, noiseSink));
        }
    }

    /** Publishes the rest, including a held-back partial line; later writes are dropped. */
    @Override
    public synchronized void close() {
        flushNow();
        if (buffer.size() > 0) {
            emit(filter.accept(buffer.toString(StandardCharsets.UTF_8), noiseSink));
            buffer.reset();
        }
        emit(filter.drain(noiseSink));
        closed = true;
    }

    private void afterWrite() {
        if (closed) {
            buffer.reset();
            return;
        }
        if (buffer.size() >= MAX_BUFFERED_BYTES) {
            flushNow();
        } else {
            schedule();
        }
    }

    private void schedule() {
        if (!flushScheduled && !closed && buffer.size() > 0) {
            flushScheduled = true;
            flusher.schedule(() -> {
                synchronized (this) {
                    flushScheduled = false;
                    if (!closed) {
                        flushNow();
                    }
                }
            }, FLUSH_DELAY_MS, TimeUnit.MILLISECONDS);
        }
    }

    private void emit(String text) {
        if (!text.isEmpty()) {
            publisher.accept(text);
        }
    }

    /**
     * @param bytes UTF-8 text that may end inside a multi-byte character
     * @return how many leading bytes form complete characters
     */
    static int completeUtf8Length(byte[] bytes) {
        int n = bytes.length;
        for (int back = 1; back <= 3 && back <= n; back++) {
            int b = bytes[n - back] & 0xFF;
            if ((b & 0xC0) == 0x80) {
                continue; // continuation byte: look further back for the lead byte
            }
            int needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return needed > back ? n - back : n;
        }
        return n;
    }
}
