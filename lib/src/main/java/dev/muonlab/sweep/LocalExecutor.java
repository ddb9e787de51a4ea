package dev.muonlab.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a sweep's runs on local worker threads, one run per thread at a time. Runs are seeded by their
 * specs, so results do not depend on the thread count or on the order in which runs finish.
 *
 * <p>When a run throws, no further run starts; the runs in flight finish and are handed over (so
 * they are stored), then {@link SweepFailure} names the failed run. {@link #requestStop} makes the
 * runs in flight see their stop flag and starts no more.
 */
public final class LocalExecutor implements SweepExecutor {

    private final int threads;
    private volatile boolean stop;

    /** @param threads worker threads, ≥ 1 */
    public LocalExecutor(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("a sweep needs at least one thread, got " + threads);
        }
        this.threads = threads;
    }

    /** @return one thread per available processor */
    public static LocalExecutor perCore() {
        return new LocalExecutor(Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    @Override
    public void execute(Study study, List<RunSpec> pending, SweepProgress progress, Results results) {
        stop = false;
        if (pending.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, pending.size()), r -> {
            Thread t = new Thread(r, "muonlab-sweep-" + study.name());
            t.setDaemon(true);
            t.setContextClassLoader(LocalExecutor.class.getClassLoader());
            return t;
        });
        AtomicReference<SweepFailure> failure = new AtomicReference<>();
        Object handOver = new Object();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (RunSpec spec : pending) {
                futures.add(pool.submit(() -> runOne(study, spec, progress, results, failure, handOver)));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            stop = true;
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the sweep was interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a sweep worker failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    private void runOne(Study study, RunSpec spec, SweepProgress progress, Results results,
                        AtomicReference<SweepFailure> failure, Object handOver) {
        if (stop || failure.get() != null) {
            return;
        }
        String label = study.label(spec);
        long cost = study.cost(spec);
        long[] reported = {0};
        RunContext context = new RunContext(n -> {
            long add = Math.max(0, Math.min(n, cost - reported[0]));
            reported[0] += add;
            progress.addUnits(add, label);
        }, () -> stop);
        RunResult result;
        try {
            result = study.run(spec, context);
        } catch (RuntimeException | Error e) {
            failure.compareAndSet(null, new SweepFailure(spec, e));
            return;
        }
        if (stop) {
            return;
        }
        synchronized (handOver) {
            results.finished(spec, result);
        }
        progress.runFinished(cost - reported[0], label);
    }

    @Override
    public String describe() {
        return threads + " local thread" + (threads == 1 ? "" : "s");
    }

    @Override
    public void requestStop() {
        stop = true;
    }
}
