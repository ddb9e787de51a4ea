package dev.muonlab.jupyter.kernel;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs user code (cell snippets and magics) on one long-lived "cell thread" and stops it on interrupt.
 *
 * <p>Why one persistent thread: ND4J keeps per-thread state (workspaces, executioner, random generators), so cells
 * must see the same thread from one cell to the next. Why not the shell thread: the kernel must keep answering
 * while a cell runs and must be able to give up on a cell that does not stop.
 *
 * <p>Stopping, in order: {@link StopCheck} is raised (instrumented cell code throws at its next loop iteration) and
 * the cell's threads are interrupted (sleeps and waits end). If the cell thread is still busy after
 * {@link #STOP_GRACE_MS} (it is inside library or native code), {@code Thread.stop} is tried, which works on JDK 17
 * to 19; on newer JDKs the thread is abandoned and a fresh cell thread serves the next cell.
 */
final class CellThreadRunner {

    private static final Logger LOG = LoggerFactory.getLogger(CellThreadRunner.class);
    static final long STOP_GRACE_MS = 1000;

    private final ClassLoader contextLoader;
    private final ThreadGroup group = new ThreadGroup("muonlab-cells");
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private ExecutorService executor;
    private volatile Thread cellThread;
    private volatile long stopRequestedAtNanos;
    private int generation;

    /**
     * @param contextLoader the thread context class loader while user code runs (the notebook's loader)
     */
    CellThreadRunner(ClassLoader contextLoader) {
        this.contextLoader = contextLoader;
    }

    /** Prepares for a new cell: clears a previous interrupt. Modifies the global stop flag. */
    void beginCell() {
        StopCheck.reset();
        stopRequestedAtNanos = 0;
    }

    /**
     * Runs {@code task} on the cell thread and waits for it, or runs it inline when already on the cell thread
     * (nested evaluation from a cell).
     *
     * @param task user code. Run once.
     * @return the task's result
     * @throws Exception            whatever the task threw
     * @throws CellInterruptedError when the task was interrupted and its thread had to be abandoned
     */
    <T> T call(Callable<T> task) throws Exception {
        if (Thread.currentThread() == cellThread) {
            return task.call();
        }
        Future<T> future = executor().submit(() -> {
            Thread.interrupted(); // a previous interrupt must not leak into this task
            Thread.currentThread().setContextClassLoader(contextLoader);
            return task.call();
        });
        boolean stopTried = false;
        while (true) {
            try {
                return future.get(50, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof Exception) {
                    throw (Exception) cause;
                }
                throw (Error) cause;
            } catch (TimeoutException e) {
                long since = stopRequestedAtNanos;
                if (since == 0 || System.nanoTime() - since < TimeUnit.MILLISECONDS.toNanos(STOP_GRACE_MS)) {
                    continue;
                }
                if (!stopTried && tryThreadStop()) {
                    stopTried = true;
                    stopRequestedAtNanos = System.nanoTime();
                    continue;
                }
                abandonCellThread();
                throw new CellInterruptedError("Execution interrupted by the user. The cell did not stop within "
                        + STOP_GRACE_MS + " ms (it is busy in library or native code), so its thread was left "
                        + "running in the background; restart the kernel if it keeps using the CPU.");
            }
        }
    }

    /** Requests that running user code stops; see the class comment. Called from the control thread. */
    void requestStop() {
        StopCheck.requestStop();
        stopRequestedAtNanos = System.nanoTime();
        Thread[] all = new Thread[group.activeCount() + 8];
        int n = group.enumerate(all);
        for (int i = 0; i < n; i++) {
            all[i].interrupt();
        }
    }

    /** @return CPU time in ns used so far by the cell thread, or -1 if unknown */
    long cellThreadCpuNanos() {
        Thread t = cellThread;
        if (t == null || !threads.isThreadCpuTimeSupported()) {
            return -1;
        }
        return threads.getThreadCpuTime(t.getId());
    }

    @SuppressWarnings({"removal", "deprecation"})
    private boolean tryThreadStop() {
        Thread t = cellThread;
        if (t == null || Runtime.version().feature() >= 20) {
            return false; // Thread.stop throws UnsupportedOperationException since JDK 20
        }
        try {
            t.stop();
            return true;
        } catch (UnsupportedOperationException | NoSuchMethodError e) {
            return false;
        }
    }

    private synchronized void abandonCellThread() {
        LOG.warn("Cell thread {} did not stop after an interrupt; abandoning it", cellThread);
        executor.shutdownNow();
        executor = null;
        cellThread = null;
    }

    private synchronized ExecutorService executor() {
        if (executor == null) {
            String name = "muonlab-cell-" + (generation++);
            executor = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(group, r, name);
                t.setDaemon(true);
                t.setContextClassLoader(contextLoader);
                cellThread = t;
                return t;
            });
        }
        return executor;
    }
}
