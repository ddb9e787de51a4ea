package dev.muonlab.optim.distributed;

import dev.muonlab.optim.MuonConfig;
import dev.muonlab.optim.MuonMath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Distributed Muon (Moonlight, Liu et al. 2025, "Muon is Scalable for LLM Training", arXiv
 * 2502.16982, §3.4, Algorithm 1; ZeRO-1 style), simulated on one machine: k ranks, one thread each,
 * every rank holding a row block ({@link RowShards}) of each parameter and of its momentum. One step:
 * <ol>
 *   <li>reduce-scatter: rank r sums the k data-parallel gradient contributions over its own rows;</li>
 *   <li>each rank updates its momentum shard and forms its shard of the (Nesterov) direction;</li>
 *   <li>gather: the direction shards are copied into one full matrix;</li>
 *   <li>Newton-Schulz on the full matrix: <b>every rank computes it, redundantly</b>, as the paper's
 *       DP ranks do; the orthogonalizer is deterministic, so all ranks get the same bits;</li>
 *   <li>each rank keeps its rows of the scaled update and applies them to its parameter shard with
 *       single-process Muon's lr, scale (of the full shape) and weight decay
 *       ({@link MuonMath#applyStep});</li>
 *   <li>all-gather: the parameter shards are copied back into the full parameters.</li>
 * </ol>
 * Phases are separated by joining all rank threads (a barrier). Collectives are memory copies.
 *
 * <p><b>Why it equals single-process Muon bit for bit</b>: the momentum, Nesterov, decay and step
 * operations are elementwise, so a row block gives the same bits as the same rows of the full
 * matrix; the gather is an exact copy, so Newton-Schulz sees the same input. The one place where
 * order matters is the reduce-scatter's sum: here it adds the contributions in rank order
 * 0, 1, …, k−1, and {@link #fullGradient} gives the single process that same sum. A real ring
 * reduce-scatter adds in a rotated order per chunk ({@link SumOrder#RING}), which changes fp32
 * rounding in the last bits: then the two agree only to fp32 accuracy.
 *
 * <p>Not thread-safe across callers; 2-D parameters only (Muon's hidden matrices, stored (out, in)).
 */
public final class DistributedMuon implements AutoCloseable {

    private final MuonConfig config;
    private final int k;
    private final SumOrder order;
    private final Map<String, INDArray> params;              // full parameters: the all-gathered copy
    private final Map<String, RowShards> shards = new LinkedHashMap<>();
    private final List<Map<String, INDArray>> paramShards = new ArrayList<>();     // [rank] name → (len_r, cols)
    private final List<Map<String, INDArray>> momentumShards = new ArrayList<>();  // [rank] name → (len_r, cols)
    private final ExecutorService threads;
    private final Map<String, Double> lastUpdateRms = new LinkedHashMap<>();     // written by rank 0's thread
    private long stepCount;

    /**
     * @param config the Muon hyper-parameters, as for single-process Muon
     * @param params name → (rows, cols) parameter. Modified by {@link #step} (the all-gather writes it).
     * @param k      the number of ranks, &gt;= 1
     */
    public DistributedMuon(MuonConfig config, Map<String, INDArray> params, int k) {
        this(config, params, k, SumOrder.RANK);
    }

    /**
     * @param config the Muon hyper-parameters, as for single-process Muon
     * @param params name → (rows, cols) parameter. Modified by {@link #step} (the all-gather writes it).
     * @param k      the number of ranks, &gt;= 1
     * @param order  the reduce-scatter's summation order: {@link SumOrder#RANK} is bit-identical to
     *               single-process Muon given {@link #fullGradient}; {@link SumOrder#RING} is a real
     *               ring's order, equal only up to fp32 rounding for k &gt;= 3
     */
    public DistributedMuon(MuonConfig config, Map<String, INDArray> params, int k, SumOrder order) {
        this.order = java.util.Objects.requireNonNull(order, "order");
        if (k < 1) {
            throw new IllegalArgumentException("distributed muon: k must be >= 1, got " + k);
        }
        this.config = config;
        this.k = k;
        this.params = new LinkedHashMap<>(params);
        for (int r = 0; r < k; r++) {
            paramShards.add(new LinkedHashMap<>());
            momentumShards.add(new LinkedHashMap<>());
        }
        params.forEach((name, P) -> {
            if (P.rank() != 2) {
                throw new IllegalArgumentException("distributed muon: parameter '" + name + "' is not 2-D");
            }
            RowShards s = new RowShards(P.rows(), k);
            shards.put(name, s);
            for (int r = 0; r < k; r++) {
                if (s.length(r) == 0) {
                    continue;                                                    // k > rows: this rank holds none
                }
                INDArray p = rowsOf(P, s, r).dup('c');                           // (len_r, cols)
                paramShards.get(r).put(name, p);
                momentumShards.get(r).put(name, Nd4j.zeros(p.dataType(), p.shape()));
            }
        });
        this.threads = Executors.newFixedThreadPool(k, task -> {
            Thread t = new Thread(task, "muon-rank");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The full gradient as the reduce-scatter sums it: c_0 + c_1 + … + c_{k−1}, left to right.
     *
     * @param contributions the k ranks' gradients of one parameter. Not modified.
     * @return a new array
     */
    public static INDArray fullGradient(List<INDArray> contributions) {
        INDArray G = contributions.get(0).dup('c');
        for (int i = 1; i < contributions.size(); i++) {
            G.addi(contributions.get(i));
        }
        return G;
    }

    /**
     * {@link #fullGradient} for every parameter: what single-process Muon steps on, given the ranks'
     * gradients that {@link #step} takes.
     *
     * @param contributions per rank, name → gradient (every rank names the same parameters). Not modified.
     * @return name → the rank-order sum, in rank 0's name order; new arrays
     */
    public static Map<String, INDArray> fullGradients(List<Map<String, INDArray>> contributions) {
        Map<String, INDArray> full = new LinkedHashMap<>();
        for (String n : contributions.get(0).keySet()) {
            List<INDArray> parts = new ArrayList<>();
            contributions.forEach(c -> parts.add(c.get(n)));
            full.put(n, fullGradient(parts));
        }
        return full;
    }

    /**
     * One step of Algorithm 1. Modifies: every rank's momentum and parameter shards, the full
     * parameters given to the constructor, and {@link #lastUpdateRms()}.
     *
     * @param contributions [rank] → name → that rank's (rows, cols) gradient contribution; the full
     *                      gradient is their sum. Not modified.
     */
    public void step(List<Map<String, INDArray>> contributions) {
        if (contributions.size() != k) {
            throw new IllegalArgumentException("distributed muon: " + contributions.size() + " contributions for " + k + " ranks");
        }
        double lr = config.lr();
        List<Map<String, INDArray>> directions = runRanks(r -> {
            Map<String, INDArray> d = new LinkedHashMap<>();
            for (String name : params.keySet()) {
                RowShards s = shards.get(name);
                if (s.length(r) == 0) {
                    continue;
                }
                INDArray g = rowsOf(contributions.get(order.contributor(r, 0, k)).get(name), s, r).dup('c');  // reduce-scatter
                for (int j = 1; j < k; j++) {
                    g.addi(rowsOf(contributions.get(order.contributor(r, j, k)).get(name), s, r));
                }
                d.put(name, MuonMath.momentumDirection(g, momentumShards.get(r).get(name),
                        config.momentum(), config.form(), config.nesterov()));
            }
            return d;
        });
        Map<String, INDArray> gathered = new LinkedHashMap<>();                     // gather (a copy)
        params.forEach((name, P) -> {
            INDArray D = P.ulike();                                                 // (rows, cols)
            for (int r = 0; r < k; r++) {
                if (shards.get(name).length(r) > 0) {
                    rowsOf(D, shards.get(name), r).assign(directions.get(r).get(name));
                }
            }
            gathered.put(name, D);
        });
        runRanks(r -> {
            for (Map.Entry<String, INDArray> e : params.entrySet()) {
                RowShards s = shards.get(e.getKey());
                INDArray U = MuonMath.scaledUpdate(gathered.get(e.getKey()), config.orthogonalizer(), config.scale(),
                        config.rmsTarget());
                if (r == 0) {                                                       // Algorithm 1, line 7: sqrt(mean(U²))
                    lastUpdateRms.put(e.getKey(), U.norm2Number().doubleValue() / Math.sqrt(U.length()));
                }
                if (s.length(r) == 0) {
                    continue;                                                       // NS still ran: every rank does
                }
                INDArray p = paramShards.get(r).get(e.getKey());
                MuonMath.applyStep(p, rowsOf(U, s, r).dup('c'), lr, config.weightDecay(), config.decayMode(),
                        MuonMath.scaleOf(e.getValue().shape(), config.scale(), config.rmsTarget()));
                rowsOf(e.getValue(), s, r).assign(p);                               // all-gather: disjoint rows
            }
            return null;
        });
        stepCount++;
    }

    /**
     * @return name → RMS of the full scaled update U of the last step, sqrt(mean(U²)) (Algorithm 1's
     *         return value, logged to tune the 0.2 of Moonlight's scale); the same number
     *         {@code GroupedOptimizer}'s {@code recordUpdateRms} gives
     */
    public Map<String, Double> lastUpdateRms() {
        return java.util.Collections.unmodifiableMap(lastUpdateRms);
    }

    /** @return the number of ranks */
    public int ranks() {
        return k;
    }

    /** @return steps applied */
    public long stepCount() {
        return stepCount;
    }

    /** @return the row partition of a parameter */
    public RowShards shards(String name) {
        return shards.get(name);
    }

    /** @return rank r's momentum shard of a parameter (live; (len_r, cols)); null when it holds no rows */
    public INDArray momentumShard(int r, String name) {
        return momentumShards.get(r).get(name);
    }

    /** @return rank r's parameter shard (live; (len_r, cols)); null when it holds no rows */
    public INDArray paramShard(int r, String name) {
        return paramShards.get(r).get(name);
    }

    /** @return the optimizer-state elements rank r holds: its momentum rows, Σ len_r·cols */
    public long momentumElements(int r) {
        long n = 0;
        for (INDArray m : momentumShards.get(r).values()) {
            n += m.length();
        }
        return n;
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }

    /** @return a view of rows [offset(r), end(r)) of X */
    private static INDArray rowsOf(INDArray X, RowShards s, int r) {
        return X.get(NDArrayIndex.interval(s.offset(r), s.end(r)), NDArrayIndex.all());
    }

    private interface RankTask<T> {
        T run(int r);
    }

    /** Runs one phase on every rank's thread and waits for all (the barrier). */
    private <T> List<T> runRanks(RankTask<T> task) {
        List<Future<T>> running = new ArrayList<>();
        for (int r = 0; r < k; r++) {
            int rank = r;
            running.add(threads.submit((Callable<T>) () -> task.run(rank)));
        }
        List<T> out = new ArrayList<>();
        for (Future<T> f : running) {
            try {
                out.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("distributed muon: interrupted", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
            }
        }
        return out;
    }
}
