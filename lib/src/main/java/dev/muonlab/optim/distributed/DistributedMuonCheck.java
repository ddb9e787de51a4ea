package dev.muonlab.optim.distributed;

import dev.muonlab.optim.AdamWConfig;
import dev.muonlab.optim.MuonConfig;
import dev.muonlab.optim.Optimizer;
import dev.muonlab.optim.ParameterRouter;
import dev.muonlab.optim.ParameterRouter.Route;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Notebook 08's demonstration of Moonlight's Distributed Muon (Liu et al. 2025, arXiv 2502.16982, §3.4,
 * Algorithm 1) as two tables: how far the k-rank simulation ({@link DistributedMuon}) lands from
 * single-process Muon after a few steps on the same gradients, and the per-step memory and communication
 * against ZeRO-1 AdamW ({@link CommunicationCost}). The claims it shows are the ones the tests prove
 * ({@code DistributedMuonTest}, {@code RingOrderTest}): with the reduce-scatter summing in rank order the
 * difference is exactly 0; with a ring's rotated order it is a few fp32 ulps from k = 3 on.
 */
public final class DistributedMuonCheck {

    private DistributedMuonCheck() {
    }

    /**
     * Runs single-process Muon and Distributed Muon side by side for {@code steps} steps on seeded
     * Gaussian gradient contributions (one per rank; the full gradient is their sum in rank order).
     *
     * @param config the Muon hyper-parameters
     * @param params name → (rows, cols) starting parameters. Not modified (both runs get copies).
     * @param k      ranks, &gt;= 1
     * @param order  the reduce-scatter's summation order
     * @param steps  steps, &gt;= 1
     * @param seed   seeds the contributions
     * @return max over every parameter element of |P_distributed − P_single| after the last step
     */
    public static double maxDifference(MuonConfig config, Map<String, INDArray> params, int k, SumOrder order, int steps,
                                       long seed) {
        Map<String, INDArray> single = copy(params);
        Map<String, INDArray> distributed = copy(params);
        Optimizer reference = Optimizer.of(config, single);
        try (DistributedMuon dm = new DistributedMuon(config, distributed, k, order)) {
            for (int t = 0; t < steps; t++) {
                List<Map<String, INDArray>> contributions = new ArrayList<>();
                for (int r = 0; r < k; r++) {
                    Map<String, INDArray> c = new LinkedHashMap<>();
                    int i = 0;
                    for (Map.Entry<String, INDArray> e : params.entrySet()) {
                        c.put(e.getKey(), randn(seed + 1_000_003L * t + 1009L * r + i++, e.getValue()));
                    }
                    contributions.add(c);
                }
                reference.step(DistributedMuon.fullGradients(contributions));
                dm.step(contributions);
            }
        }
        double max = 0;
        for (String n : params.keySet()) {
            max = Math.max(max, single.get(n).sub(distributed.get(n)).amaxNumber().doubleValue());
        }
        return max;
    }

    /**
     * @return one row per k in 1 … maxRanks and per order (rank, ring): {@code ranks}, {@code order},
     *         {@code steps}, {@code max_abs_difference} ({@link #maxDifference})
     */
    public static Table agreement(MuonConfig config, Map<String, INDArray> params, int maxRanks, int steps, long seed) {
        IntColumn ranks = IntColumn.create("ranks");
        StringColumn orders = StringColumn.create("order");
        IntColumn stepCol = IntColumn.create("steps");
        DoubleColumn diff = DoubleColumn.create("max_abs_difference");
        for (int k = 1; k <= maxRanks; k++) {
            for (SumOrder o : SumOrder.values()) {
                ranks.append(k);
                orders.append(o.name().toLowerCase());
                stepCol.append(steps);
                diff.append(maxDifference(config, params, k, o, steps, seed));
            }
        }
        return Table.create("distributed vs single-process Muon", ranks, orders, stepCol, diff);
    }

    /**
     * The Muon route of each parameter by Keller's rule ({@link ParameterRouter}'s defaults: hidden
     * matrices on Muon; embeddings, head and 1-D parameters on AdamW).
     *
     * @param params name → parameter. Not modified.
     * @return the accounting's view: (first dimension, product of the others, on Muon?)
     */
    public static List<CommunicationCost.Param> accounting(Map<String, INDArray> params) {
        ParameterRouter router = new ParameterRouter(MuonConfig.moonlight(), AdamWConfig.moonlight());
        List<CommunicationCost.Param> out = new ArrayList<>();
        params.forEach((name, p) -> {
            long rows = p.rank() == 0 ? 1 : p.size(0);
            out.add(new CommunicationCost.Param(rows, p.length() / rows, router.decide(name, p.shape()).route() == Route.MUON));
        });
        return out;
    }

    /**
     * @param params name → parameter, in model order. Not modified (the map holds the same arrays).
     * @return the parameters Keller's rule puts on Muon (the hidden matrices), in order: what
     *         Distributed Muon shards
     */
    public static Map<String, INDArray> muonMatrices(Map<String, INDArray> params) {
        ParameterRouter router = new ParameterRouter(MuonConfig.moonlight(), AdamWConfig.moonlight());
        Map<String, INDArray> out = new LinkedHashMap<>();
        params.forEach((name, p) -> {
            if (router.decide(name, p.shape()).route() == Route.MUON) {
                out.put(name, p);
            }
        });
        return out;
    }

    /**
     * @return one row per k in 1 … maxRanks: optimizer-state elements on the busiest rank (Distributed
     *         Muon, ZeRO-1 AdamW), bytes per step (both) and their ratio (NaN at k = 1, where nothing
     *         moves), and the full matrix each rank gathers for Newton-Schulz
     */
    public static Table costs(List<CommunicationCost.Param> params, int maxRanks) {
        IntColumn ranks = IntColumn.create("ranks");
        DoubleColumn muonState = DoubleColumn.create("muon_state_per_rank");
        DoubleColumn adamState = DoubleColumn.create("adamw_state_per_rank");
        DoubleColumn muonBytes = DoubleColumn.create("muon_bytes_per_step");
        DoubleColumn adamBytes = DoubleColumn.create("adamw_bytes_per_step");
        DoubleColumn ratio = DoubleColumn.create("bytes_ratio");
        DoubleColumn gathered = DoubleColumn.create("gathered_matrix_elements");
        for (int k = 1; k <= maxRanks; k++) {
            long m = 0, a = 0;
            for (int r = 0; r < k; r++) {
                m = Math.max(m, CommunicationCost.stateElements(params, k, r, true));
                a = Math.max(a, CommunicationCost.stateElements(params, k, r, false));
            }
            ranks.append(k);
            muonState.append(m);
            adamState.append(a);
            muonBytes.append(CommunicationCost.distributedMuon(params, k).bytes());
            adamBytes.append(CommunicationCost.zero1AdamW(params, k).bytes());
            ratio.append(CommunicationCost.ratio(params, k));
            gathered.append(CommunicationCost.gatheredElements(params));
        }
        return Table.create("Distributed Muon vs ZeRO-1 AdamW, per step", ranks, muonState, adamState, muonBytes, adamBytes,
                ratio, gathered);
    }

    private static Map<String, INDArray> copy(Map<String, INDArray> p) {
        Map<String, INDArray> c = new LinkedHashMap<>();
        p.forEach((n, a) -> c.put(n, a.dup('c')));
        return c;
    }

    /** @return seeded standard normals of {@code like}'s shape and type (java.util.Random's: the same anywhere) */
    private static INDArray randn(long seed, INDArray like) {
        Random r = new Random(seed);
        float[] x = new float[(int) like.length()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return Nd4j.create(x, like.shape(), 'c').castTo(like.dataType());
    }
}
