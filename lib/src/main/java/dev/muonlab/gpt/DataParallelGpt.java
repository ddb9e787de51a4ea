package dev.muonlab.gpt;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Data parallelism inside one process: each step's B sequences are split into contiguous shards,
 * one per worker thread; each worker runs the forward and backward pass of its own replica of the
 * model (its own activations and gradient buffers over the same parameter arrays), and the shards'
 * gradients are combined into the model's as their token-weighted mean, Σ_s (B_s/B)·g_s: the
 * gradient of the mean loss over the whole batch, as in PyTorch's DistributedDataParallel (Li et
 * al. 2020), here without processes or communication.
 *
 * <p>Why: at baby-cpu's size ND4J's and OpenBLAS's own threads split every op and every small gemm,
 * and on a 2-core machine made a step 1.5× slower than one thread (119 against 81 ms, measured
 * 2026-11-23); whole shards per thread, each op single-threaded, made it 1.6× faster (45 ms). The
 * caller sets ND4J's own threads to 1 ({@link NativeThreads#set}) when it uses more than one worker.
 *
 * <p>Arithmetic: one worker is exactly {@link Gpt#lossAndGradients}. With more, the sums over the
 * batch are taken in another order, so the numbers differ in the last bits; for a given worker count
 * they are deterministic (dropout masks are seeded per shard). Not thread-safe: one step at a time.
 */
public final class DataParallelGpt implements AutoCloseable {

    private final Gpt model;
    private final WorkerThreads threads;
    private final List<Gpt> replicas = new ArrayList<>();
    private StepTimes lastTimes = new StepTimes(0, 0, 0, 0);
    private int lastShards;

    /**
     * @param model   the model; its parameters are shared with the replicas (not copied)
     * @param workers threads per step, ≥ 1; the calling thread is one of them
     */
    public DataParallelGpt(Gpt model, int workers) {
        this.threads = new WorkerThreads(workers);
        this.model = model;
        replicas.add(model);                                      // the others on first use: B may be < workers
    }

    public int workers() {
        return threads.count();
    }

    public Gpt model() {
        return model;
    }

    /**
     * One training step's loss and gradients, as {@link Gpt#lossAndGradients} on the whole batch.
     *
     * @param batch       B sequences of T tokens. Not modified.
     * @param training    whether dropout is active
     * @param dropoutSeed seeds this step's dropout masks: shard 0 (the calling thread) seeds ND4J's
     *                    generator with it, shard s &gt; 0 its worker's with {@link StepSeeds#mix}(seed, s)
     * @return the mean cross-entropy over the B·T positions, nats. Modifies: {@code model().gradients()}
     *         (set to the batch's gradient) and the replicas' activations and gradients.
     */
    public double lossAndGradients(Batch batch, boolean training, long dropoutSeed) {
        double[] losses = overShards(batch, (replica, part, s) -> {
            Nd4j.getRandom().setSeed(s == 0 ? dropoutSeed : StepSeeds.mix(dropoutSeed, s));
            return replica.lossAndGradients(part, training);
        });
        long combineStart = System.nanoTime();
        if (losses.length > 1) {
            double[] weights = new double[losses.length];
            List<Map<String, INDArray>> parts = new ArrayList<>();
            for (int s = 0; s < losses.length; s++) {
                weights[s] = weight(batch, s, losses.length);
                if (s > 0) {
                    parts.add(replicas.get(s).gradients());
                }
            }
            ShardGradients.combine(model.gradients(), parts, weights, this::runAll);
        }
        lastTimes = new StepTimes(lastTimes.shardsMs(), lastTimes.slowestShardMs(), lastTimes.meanShardMs(),
                (System.nanoTime() - combineStart) / 1e6);
        return weightedMean(batch, losses);
    }

    /**
     * @return S[l][h] of the last forward pass over the whole batch: each head's largest attention
     *         logit, the maximum over the shards ({@link Gpt#attentionMaxLogits}); null when the model
     *         does not track them (turn on with {@code model().trackAttentionLogits(true)} before a step)
     */
    public double[][] attentionMaxLogits() {
        double[][] s = null;
        for (int r = 0; r < lastShards; r++) {
            double[][] part = replicas.get(r).attentionMaxLogits();
            if (part == null) {
                return null;
            }
            if (s == null) {
                s = part;
            } else {
                for (int l = 0; l < s.length; l++) {
                    for (int h = 0; h < s[l].length; h++) {
                        s[l][h] = Math.max(s[l][h], part[l][h]);
                    }
                }
            }
        }
        return s;
    }

    /**
     * Where the last {@link #lossAndGradients} (or {@link #loss}) spent its wall-clock, ms: all shards
     * (from the first start to the last end), the slowest shard and the mean shard (each on its own
     * thread), and the combination of their gradients (0 for a loss or one shard).
     */
    public record StepTimes(double shardsMs, double slowestShardMs, double meanShardMs, double combineMs) {
    }

    /** @return the last step's timings (zeros before the first step) */
    public StepTimes lastStepTimes() {
        return lastTimes;
    }

    /**
     * The loss without gradients and without dropout (evaluation), over the same shards.
     *
     * @param batch sequences to evaluate. Not modified.
     * @return the mean cross-entropy over the B·T positions, nats. Modifies: the replicas' activations.
     */
    public double loss(Batch batch) {
        return weightedMean(batch, overShards(batch, (replica, part, s) -> replica.loss(part, false)));
    }

    /**
     * Runs independent tasks on the worker threads, the calling thread included, each taking the next
     * task in order until none is left (e.g. an optimizer's per-parameter updates, see
     * {@code GroupedOptimizer#runUpdatesWith}). On the other threads the tasks run inside an ND4J
     * workspace of their own, so a task must not keep arrays it allocates beyond its end (arrays it
     * must keep: allocate them outside workspaces).
     *
     * @param tasks independent tasks. Not modified.
     * @throws RuntimeException the first failure, once every task has finished or been skipped
     */
    public void runAll(List<Runnable> tasks) {
        threads.runAll(tasks);
    }

    /** A shard's work on a replica: its loss, nats. */
    @FunctionalInterface
    private interface ShardTask {
        double run(Gpt replica, Batch part, int shard);
    }

    /**
     * Runs task on min(workers, B) shards, shard 0 on the calling thread and shard s on replica s.
     *
     * @return each shard's result, in shard order, once every shard has finished
     */
    private double[] overShards(Batch batch, ShardTask task) {
        int shards = Math.min(workers(), batch.B());
        while (replicas.size() < shards) {
            Gpt replica = new Gpt(model.parameters());
            replica.trackAttentionLogits(model.tracksAttentionLogits());
            replicas.add(replica);
        }
        lastShards = shards;
        long start = System.nanoTime();
        long[] nanos = new long[shards];                                  // each shard's own run time
        List<Callable<Double>> jobs = new ArrayList<>(shards);
        for (int s = 0; s < shards; s++) {
            Gpt replica = replicas.get(s);
            Batch part = shards == 1 ? batch : shard(batch, s, shards);
            int index = s;
            jobs.add(() -> {
                long t0 = System.nanoTime();
                double result = task.run(replica, part, index);
                nanos[index] = System.nanoTime() - t0;
                return result;
            });
        }
        double[] results = threads.runEach(jobs);
        lastTimes = new StepTimes((System.nanoTime() - start) / 1e6, Arrays.stream(nanos).max().orElse(0) / 1e6,
                Arrays.stream(nanos).average().orElse(0) / 1e6, 0);
        return results;
    }

    /** @return Σ_s (B_s/B)·value_s, the token-weighted mean of per-shard means */
    private static double weightedMean(Batch batch, double[] perShard) {
        double mean = 0;
        for (int s = 0; s < perShard.length; s++) {
            mean += perShard[s] * weight(batch, s, perShard.length);
        }
        return mean;
    }

    /** @return B_s/B for shard s of n */
    private static double weight(Batch batch, int s, int n) {
        int rows = (s + 1) * batch.B() / n - s * batch.B() / n;           // as shard(batch, s, n).B()
        return (double) rows / batch.B();
    }

    /**
     * @return shard s of n: rows [s·B/n, (s+1)·B/n) of the batch (contiguous, sizes differing by at
     *         most one); the batch is not modified
     */
    static Batch shard(Batch batch, int s, int n) {
        int from = s * batch.B() / n;
        int to = (s + 1) * batch.B() / n;
        int T = batch.T();
        return new Batch(Arrays.copyOfRange(batch.x(), from * T, to * T), Arrays.copyOfRange(batch.y(), from * T, to * T),
                to - from, T);
    }

    /** Stops the worker threads (idempotent); the model stays usable. */
    @Override
    public void close() {
        threads.close();
    }
}
