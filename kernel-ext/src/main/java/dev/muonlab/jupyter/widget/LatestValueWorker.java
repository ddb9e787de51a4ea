package dev.muonlab.jupyter.widget;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a task on the latest submitted value, one run at a time: a slider dragged fast sends dozens of values a
 * second, and recomputing a chart for each would queue work for minutes. Here a submission only fills a one-value
 * "pending" slot (replacing what was there); a run in flight finishes cleanly, and then the worker takes whatever the
 * slot holds at that moment. So at most one run is in flight and at most one waits, and the last value submitted is
 * always computed.
 *
 * <p>The same idea as ipywidgets' {@code interact_manual}/{@code continuous_update=False} without losing live
 * updates, and as the "latest wins" throttling of UI toolkits. Thread-safe.
 *
 * @param <T> the submitted value
 */
public final class LatestValueWorker<T> {

    private final Consumer<T> task;
    private final Consumer<Throwable> onError;
    private final Executor executor;
    private final Object lock = new Object();
    private T pending;
    private boolean hasPending;
    private boolean running;
    private long submitted;
    private long runs;

    /**
     * @param task     run on the worker for each value taken from the slot
     * @param onError  told about a task that threw; the worker goes on
     * @param executor runs the drain loop; {@link #singleThread(String, ClassLoader)} for one worker thread
     */
    public LatestValueWorker(Consumer<T> task, Consumer<Throwable> onError, Executor executor) {
        this.task = task;
        this.onError = onError;
        this.executor = executor;
    }

    /**
     * @param name   the worker thread's name
     * @param loader the worker thread's context class loader (the cell's, so libraries that look up services
     *               through it, as ND4J does, find them)
     * @return one daemon thread that ends after 30 s idle and comes back on the next submission
     */
    public static Executor singleThread(String name, ClassLoader loader) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(0, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            t.setContextClassLoader(loader);
            return t;
        });
        return pool;
    }

    /** @param value replaces the pending value; starts the worker if it is idle */
    public void submit(T value) {
        synchronized (lock) {
            submitted++;
            pending = value;
            hasPending = true;
            if (running) {
                return;
            }
            running = true;
        }
        executor.execute(this::drain);
    }

    private void drain() {
        while (true) {
            T value;
            synchronized (lock) {
                if (!hasPending) {
                    running = false;
                    lock.notifyAll();
                    return;
                }
                value = pending;
                pending = null;
                hasPending = false;
            }
            try {
                task.accept(value);
            } catch (Throwable t) {
                onError.accept(t);
            } finally {
                synchronized (lock) {
                    runs++;
                }
            }
        }
    }

    /**
     * Waits until nothing runs and nothing is pending.
     *
     * @param timeoutMs the longest wait
     * @return true if idle, false on time-out
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public boolean awaitIdle(long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        synchronized (lock) {
            while (running || hasPending) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                lock.wait(left);
            }
            return true;
        }
    }

    /** @return how many values were submitted */
    public long submitted() {
        synchronized (lock) {
            return submitted;
        }
    }

    /** @return how many runs finished (ended normally or by an exception) */
    public long runs() {
        synchronized (lock) {
            return runs;
        }
    }
}
