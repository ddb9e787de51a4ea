package dev.muonlab.gpt;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads of a {@link DataParallelGpt}: the calling thread plus n − 1 daemon helpers, which time
 * out when idle, so an idle trainer holds no threads and a forgotten one never keeps the JVM alive.
 * Waiting for a helper ignores interrupts until the helper is done (its replica must be idle before
 * the next step) and then sets the interrupt flag again, as the trainer's clean stop expects.
 */
final class WorkerThreads implements AutoCloseable {

    private static final String TASKS_WORKSPACE = "muonlab-worker-tasks";

    private final int count;
    private final ExecutorService helpers;

    /** @param count threads, ≥ 1, the calling thread included */
    WorkerThreads(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + count);
        }
        this.count = count;
        if (count == 1) {
            helpers = null;
        } else {
            ThreadPoolExecutor threads = new ThreadPoolExecutor(count - 1, count - 1, 30, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), task -> {
                        Thread t = new Thread(task, "muonlab-gpt-worker");
                        t.setDaemon(true);
                        return t;
                    });
            threads.allowCoreThreadTimeOut(true);
            helpers = threads;
        }
    }

    int count() {
        return count;
    }

    /**
     * Runs job 0 on the calling thread and jobs 1 … n−1 on helpers (n ≤ count()), all at once.
     *
     * @return the jobs' results, in order, once every job has finished
     * @throws RuntimeException the first failure, after every job has finished
     */
    double[] runEach(List<Callable<Double>> jobs) {
        List<Future<Double>> others = new ArrayList<>();
        for (int j = 1; j < jobs.size(); j++) {
            others.add(helpers.submit(jobs.get(j)));
        }
        double[] results = new double[jobs.size()];
        RuntimeException failure = null;
        try {
            results[0] = jobs.get(0).call();
        } catch (RuntimeException e) {
            failure = e;
        } catch (Exception e) {
            failure = new IllegalStateException("a worker's job failed", e);
        }
        for (int j = 1; j < jobs.size(); j++) {
            try {
                results[j] = join(others.get(j - 1));       // the Future's completion orders the job's writes before this
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
        return results;
    }

    /**
     * Runs independent tasks on all the threads, each taking the next task in order until none is left.
     * On the helpers the tasks run inside an ND4J workspace of their own, so a task must not keep arrays it
     * allocates beyond its end.
     *
     * @throws RuntimeException the first failure, once every task has finished or been skipped
     */
    void runAll(List<Runnable> tasks) {
        int n = helpers == null ? 0 : Math.min(count - 1, tasks.size() - 1);
        AtomicInteger next = new AtomicInteger();
        Runnable drain = () -> {
            for (int i = next.getAndIncrement(); i < tasks.size(); i = next.getAndIncrement()) {
                tasks.get(i).run();
            }
        };
        List<Callable<Double>> jobs = new ArrayList<>();
        jobs.add(() -> {
            drain.run();
            return 0.0;
        });
        for (int h = 0; h < n; h++) {
            jobs.add(() -> {
                try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(Gpt.WORKSPACE, TASKS_WORKSPACE)) {
                    drain.run();
                }
                return 0.0;
            });
        }
        runEach(jobs);
    }

    /** Waits for a helper's job without giving up on an interrupt, then restores the interrupt flag. */
    private static double join(Future<Double> f) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("a worker's job failed", cause);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Stops the helpers (idempotent). */
    @Override
    public void close() {
        if (helpers != null) {
            helpers.shutdownNow();
        }
    }
}
