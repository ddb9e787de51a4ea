package dev.muonlab.jupyter;

import dev.muonlab.jupyter.render.ProgressView;
import dev.muonlab.progress.ProgressListener;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A live progress bar in a notebook output, fed through the library's {@link ProgressListener}, so
 * library code reports progress without knowing about Jupyter.
 *
 * <p>Updates replace the output in place ({@code update_display_data}). They are rate-limited to one
 * per {@link #MIN_INTERVAL_NANOS} (a sweep may report thousands of steps a second; each update is a
 * message to the browser): a report that arrives sooner is kept and published by a timer when the
 * interval is over, and the final report (done = total) is always published at once, so the bar
 * always ends in its true state. Reports may come from many threads; {@code done} never goes back
 * for the same total, so late reports from slower workers do not move the bar backwards.
 *
 * <p>Reports outside the contract of {@link ProgressListener} are tolerated rather than thrown
 * back at the worker (an exception here would end a long run over a display detail): {@code done}
 * is clamped to [0, total] and a report with {@code total <= 0} is ignored.
 */
public final class ProgressBar implements ProgressListener {

    /** At most ten updates a second. */
    public static final long MIN_INTERVAL_NANOS = 100_000_000L;

    private static final ScheduledExecutorService FLUSHER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "muonlab-progress-flush");
        t.setDaemon(true);
        return t;
    });

    private final DisplaySink sink;
    private final String title;
    private final String id = UUID.randomUUID().toString();
    private final LongSupplier nanoClock;
    private final long minIntervalNanos;
    private final long startNanos;

    private long done;
    private long total;
    private String message = "";
    private long lastPublishNanos;
    private boolean pending;
    private boolean flushScheduled;
    private int published;

    /** A bar updated at most {@link #MIN_INTERVAL_NANOS} apart, timed by {@link System#nanoTime()}. */
    public ProgressBar(DisplaySink sink, String title) {
        this(sink, title, System::nanoTime, MIN_INTERVAL_NANOS);
    }

    /**
     * Publishes the bar in its starting state.
     *
     * @param sink             where the output goes
     * @param title            what is running
     * @param nanoClock        the time source, in ns (tests pass a manual clock)
     * @param minIntervalNanos least time between two published updates, except the final one
     */
    public ProgressBar(DisplaySink sink, String title, LongSupplier nanoClock, long minIntervalNanos) {
        this.sink = sink;
        this.title = title;
        this.nanoClock = nanoClock;
        this.minIntervalNanos = minIntervalNanos;
        this.startNanos = nanoClock.getAsLong();
        DisplayData data = data(view());
        data.setDisplayId(id);
        sink.display(data);
        lastPublishNanos = startNanos;
        published = 1;
    }

    @Override
    public synchronized void onProgress(long done, long total, String message) {
        if (total <= 0) {
            return; // nothing to measure: an empty sweep
        }
        done = Math.max(0, Math.min(done, total));
        this.done = total == this.total ? Math.max(this.done, done) : done;
        this.total = total;
        this.message = message == null ? "" : message;
        long now = nanoClock.getAsLong();
        if (this.done >= total || now - lastPublishNanos >= minIntervalNanos) {
            publish(now);
        } else {
            pending = true;
            if (!flushScheduled) {
                flushScheduled = true;
                long delay = minIntervalNanos - (now - lastPublishNanos);
                FLUSHER.schedule(this::flush, Math.max(delay, 1), TimeUnit.NANOSECONDS);
            }
        }
    }

    /** @return the state the bar shows (or will show once the rate limit allows) */
    public synchronized ProgressView view() {
        return new ProgressView(title, done, total, message, (nanoClock.getAsLong() - startNanos) / 1e9);
    }

    /** @return how many outputs and updates this bar has published, the first display included */
    public synchronized int publishedCount() {
        return published;
    }

    /** @return the display id of the bar's output */
    public String id() {
        return id;
    }

    private synchronized void flush() {
        flushScheduled = false;
        if (pending) {
            publish(nanoClock.getAsLong());
        }
    }

    private void publish(long now) {
        pending = false;
        lastPublishNanos = now;
        published++;
        sink.update(id, data(view()));
    }

    private static DisplayData data(ProgressView view) {
        DisplayData data = new DisplayData();
        data.putText(view.text());
        data.putHTML(view.html());
        return data;
    }
}
