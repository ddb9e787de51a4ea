package dev.muonlab.experiments;

import dev.muonlab.progress.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Runs the independent runs of a sweep in parallel on the available cores and reports their
 * combined progress. Every run must be seeded by its own task, so results do not depend on the
 * thread count or the order in which runs finish; results come back in task order.
 */
public final class SweepRunner {

    private SweepRunner() {
    }

    /**
     * One run of a sweep.
     *
     * @param label  shown in progress messages, e.g. "κ=100 GD"
     * @param units  its expected amount of work (e.g. iterations), &gt; 0
     * @param body   the run: it reports finished units to the given consumer (at most {@code units}
     *               in all; what is left is counted when it returns)
     */
    public record Task<T>(String label, long units, java.util.function.Function<LongConsumer, T> body) {
    }

    /** @return Runtime.availableProcessors(), the default parallelism */
    public static int defaultThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param tasks    the runs. Not modified.
     * @param threads  worker threads (≥ 1)
     * @param progress receives (units done, units in all, label of the latest run) from worker threads
     * @param onResult called with each result as its run finishes (from a worker thread, serialized)
     * @return the results, in task order
     * @throws IllegalStateException wrapping the first failure of a run (the other runs are cancelled)
     */
    public static <T> List<T> run(List<Task<T>> tasks, int threads, ProgressListener progress, Consumer<T> onResult) {
        long total = Math.max(1, tasks.stream().mapToLong(Task::units).sum());
        AtomicLong done = new AtomicLong();
        progress.onProgress(0, total, "starting " + tasks.size() + " runs");
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, tasks.size())), r -> {
            Thread t = new Thread(r, "muonlab-sweep");
            t.setDaemon(true);
            t.setContextClassLoader(SweepRunner.class.getClassLoader());
            return t;
        });
        Object resultLock = new Object();
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Task<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    long[] mine = {0};
                    T result = task.body().apply(n -> {
                        long add = Math.max(0, Math.min(n, task.units() - mine[0]));
                        mine[0] += add;
                        progress.onProgress(done.addAndGet(add), total, task.label());
                    });
                    progress.onProgress(done.addAndGet(task.units() - mine[0]), total, task.label() + " done");
                    synchronized (resultLock) {
                        onResult.accept(result);
                    }
                    return result;
                }));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (ExecutionException e) {
            throw new IllegalStateException("a sweep run failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("sweep interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
