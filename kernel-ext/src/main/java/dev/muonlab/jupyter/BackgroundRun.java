package dev.muonlab.jupyter;

import dev.muonlab.train.TrainLog;
import dev.muonlab.train.TrainResult;
import dev.muonlab.train.Trainer;

import java.util.function.Supplier;

/**
 * One training run on a daemon thread of its own, started and stopped from a notebook's buttons ({@link ExtraRun}'s
 * engine).
 *
 * <p>Why a thread: the cell that showed the buttons has ended long before anyone presses them, and a click arrives on
 * the widget event thread, which every widget shares; training there would freeze every other widget. Stop calls the
 * library's {@link Trainer#requestStop()}, which ends the loop after its current step and keeps the log. The reports
 * run on the training thread itself, so the run's {@link TrainLog} is never read while it is appended to; they are
 * thinned (the status at most 5 times a second, the chart after each evaluation and at most once a second between
 * them) so that a fast run does not flood the page. One run at a time. Thread-safe.
 */
public final class BackgroundRun {

    private static final long STATUS_NANOS = 200_000_000L;
    private static final long DRAW_NANOS = 1_000_000_000L;

    /** What a run reports, on its thread. */
    public interface Reports {
        /** @param text progress ("step 12/500 · loss …"), then how it ended ("stopped by Stop at step 40 of 500 …") */
        void status(String text);

        /** @param log the run's log so far, to draw: after each evaluation, between them at most once a second, at the end */
        void draw(TrainLog log);

        /** Called last, however the run ended. */
        void ended();
    }

    private final ClassLoader loader;
    private Thread thread;                       // guarded by this
    private volatile Trainer trainer;
    private volatile boolean stopAsked;
    private volatile TrainResult result;
    private long lastStatus;                     // training thread only
    private long lastDraw;                       // training thread only

    /** @param loader the training thread's context class loader (a cell's: ND4J finds its backend through it) */
    public BackgroundRun(ClassLoader loader) {
        this.loader = loader;
    }

    /**
     * Starts a run unless one is running.
     *
     * @param create  makes the trainer, on the training thread
     * @param reports where progress, drawings and the end go
     * @return whether a run started
     */
    public synchronized boolean start(Supplier<Trainer> create, Reports reports) {
        if (isRunning()) {
            return false;
        }
        stopAsked = false;
        result = null;
        trainer = null;
        thread = new Thread(() -> train(create, reports), "muonlab-background-run");
        thread.setDaemon(true);
        thread.setContextClassLoader(loader);
        thread.start();
        return true;
    }

    /**
     * Asks the run to stop after its current step (or before its first, if its trainer is still being made).
     *
     * @return whether a run was going
     */
    public boolean stop() {
        stopAsked = true;
        Trainer t = trainer;
        if (t != null) {
            t.requestStop();
        }
        return isRunning();
    }

    private void train(Supplier<Trainer> create, Reports reports) {
        try {
            Trainer t = create.get();
            trainer = t;
            if (stopAsked) {
                t.requestStop();
            }
            int steps = t.config().steps();
            TrainResult r = t.run((done, total, message) -> {
                long now = System.nanoTime();
                if (now - lastStatus >= STATUS_NANOS || done == total) {
                    lastStatus = now;
                    reports.status("step " + done + "/" + total + " · " + message);
                }
            }, (tr, step, evaluated) -> {
                long now = System.nanoTime();
                if (evaluated || now - lastDraw >= DRAW_NANOS) {
                    lastDraw = now;
                    reports.draw(tr.log());
                }
            });
            reports.draw(t.log());
            result = r;
            reports.status(r.status() == TrainResult.Status.INTERRUPTED
                    ? "stopped by Stop at step " + r.step() + " of " + steps
                      + String.format(" (val loss %.4f)", t.log().lastValLoss())
                    : r.message());
        } catch (RuntimeException | Error e) {
            reports.status("failed: " + e);
        } finally {
            reports.ended();
        }
    }

    /** @return whether the training thread runs */
    public synchronized boolean isRunning() {
        return thread != null && thread.isAlive();
    }

    /**
     * Waits for the run to end.
     *
     * @return its result, or null if none ended within {@code timeoutMs} (or it failed)
     * @throws InterruptedException if interrupted
     */
    public TrainResult awaitResult(long timeoutMs) throws InterruptedException {
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            t.join(timeoutMs);
        }
        return result;
    }

    /** @return the trainer of the current or last run (null before the first, or while it is being made) */
    public Trainer trainer() {
        return trainer;
    }
}
