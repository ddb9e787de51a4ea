package dev.muonlab.sweep;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The read-out of {@link CriticalBatchStudy}: Sato et al.'s critical batch b* per (optimizer, β, λ,
 * target L) by {@link SfoMinimum} over the measured batches, and the verdicts on the paper's two trend
 * claims (arXiv 2507.01598 §6.3) by {@link Verdicts#falls}. Pure functions of the sweep's tables.
 */
public final class CriticalBatchAnalysis {

    private CriticalBatchAnalysis() {
    }

    /** @return (2β+1)(1−β) + λ: Sato's variance factor, b* ∝ it at fixed σ² and ε' (references.md §6.3, form to verify) */
    public static double satoFactor(double beta, double lambda) {
        return (2 * beta + 1) * (1 - beta) + lambda;
    }

    /**
     * @param results the sweep's results (with momentum and weight_decay columns). Not modified.
     * @param curves  its curves. Not modified.
     * @param targets target losses L
     * @return optimizer, momentum, weight_decay, target, b_star, argmin_batch, at_edge (1/0),
     *         batches_reached, sato_factor; one row per (optimizer, β, λ, L)
     */
    public static Table bStars(Table results, Table curves, double[] targets) {
        Table perRun = BatchSizeAnalysis.tokensToTargets(results, curves, targets);
        Map<String, double[]> betaLambda = new HashMap<>();
        for (int i = 0; i < results.rowCount(); i++) {
            betaLambda.put(results.stringColumn("run").get(i), new double[]{results.doubleColumn("momentum").getDouble(i),
                    results.doubleColumn("weight_decay").getDouble(i)});
        }
        Map<String, List<Integer>> groups = Verdicts.groupRows(perRun, r -> {
            double[] bl = betaLambda.get(perRun.stringColumn("run").get(r));
            return perRun.stringColumn("optimizer").get(r) + "|" + bl[0] + "|" + bl[1] + "|" + perRun.doubleColumn("target").getDouble(r);
        });
        Table out = Table.create("critical_batch_sato", StringColumn.create("optimizer"), DoubleColumn.create("momentum"),
                DoubleColumn.create("weight_decay"), DoubleColumn.create("target"), DoubleColumn.create("b_star"),
                DoubleColumn.create("argmin_batch"), DoubleColumn.create("at_edge"), DoubleColumn.create("batches_reached"),
                DoubleColumn.create("sato_factor"));
        for (List<Integer> rows : groups.values()) {
            rows.sort((a, b) -> Double.compare(perRun.doubleColumn("batch").getDouble(a), perRun.doubleColumn("batch").getDouble(b)));
            double[] batches = rows.stream().mapToDouble(r -> perRun.doubleColumn("batch").getDouble(r)).toArray();
            double[] tokens = rows.stream().mapToDouble(r -> perRun.doubleColumn("tokens_to_target").getDouble(r)).toArray();
            SfoMinimum.Estimate e = SfoMinimum.estimate(batches, tokens);
            int r0 = rows.get(0);
            double[] bl = betaLambda.get(perRun.stringColumn("run").get(r0));
            out.stringColumn("optimizer").append(perRun.stringColumn("optimizer").get(r0));
            out.doubleColumn("momentum").append(bl[0]);
            out.doubleColumn("weight_decay").append(bl[1]);
            out.doubleColumn("target").append(perRun.doubleColumn("target").getDouble(r0));
            out.doubleColumn("b_star").append(e.bStar());
            out.doubleColumn("argmin_batch").append(e.argminBatch());
            out.doubleColumn("at_edge").append(e.atEdge() ? 1 : 0);
            out.doubleColumn("batches_reached").append(e.reached());
            out.doubleColumn("sato_factor").append(satoFactor(bl[0], bl[1]));
        }
        return out;
    }

    /**
     * Spearman's ρ between {@code along} (momentum or weight_decay) and b* for each series of one
     * optimizer at fixed other parameter and target, with at least 3 finite b*.
     *
     * @param bStars {@link #bStars}'s table. Not modified.
     * @return ρ per series (NaN: b* constant along the series)
     */
    public static double[] seriesRho(Table bStars, String optimizer, String along) {
        String other = along.equals("momentum") ? "weight_decay" : "momentum";
        Map<String, List<Integer>> series = Verdicts.groupRows(bStars, r -> bStars.doubleColumn(other).getDouble(r) + "|"
                + bStars.doubleColumn("target").getDouble(r));
        List<Double> rho = new ArrayList<>();
        for (List<Integer> rows : series.values()) {
            List<Integer> ok = rows.stream().filter(r -> bStars.stringColumn("optimizer").get(r).equals(optimizer)
                    && Double.isFinite(bStars.doubleColumn("b_star").getDouble(r))).toList();
            if (ok.size() >= 3) {
                rho.add(Verdicts.spearman(ok.stream().mapToDouble(r -> bStars.doubleColumn(along).getDouble(r)).toArray(),
                        ok.stream().mapToDouble(r -> bStars.doubleColumn("b_star").getDouble(r)).toArray()));
            }
        }
        return rho.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** @return the verdict rows on Sato et al.'s β and λ claims, for each optimizer in {@code bStars} */
    public static List<Verdicts.Row> verdicts(Table bStars) {
        List<Verdicts.Row> rows = new ArrayList<>();
        int edges = (int) bStars.doubleColumn("at_edge").sum();
        for (String opt : bStars.stringColumn("optimizer").unique().asList().stream().sorted().toList()) {
            for (String along : List.of("momentum", "weight_decay")) {
                double[] rho = seriesRho(bStars, opt, along);
                long fall = java.util.Arrays.stream(rho).filter(r -> r <= -0.5).count();
                long rise = java.util.Arrays.stream(rho).filter(r -> r >= 0.5).count();
                boolean beta = along.equals("momentum");
                rows.add(new Verdicts.Row(
                        (opt.equals("adamw") ? "AdamW" : "Muon") + ": b* " + (beta ? "falls as β rises" : "rises as λ falls"),
                        "Sato et al. §6.3: Llama3-160M/320M on C4, seq 2048, B 16-8192, one seed",
                        beta ? "β 0.8→0.99: b* falls (β = 0.95 best)"
                                : "λ 0.1→0: b* rises (the bound's factor (2β+1)(1−β)+λ would say it falls)",
                        Verdicts.fmt("%d series (per %s, L): %d fall (ρ ≤ −0.5), %d rise (ρ ≥ 0.5)", rho.length,
                                beta ? "λ" : "β", fall, rise),
                        Verdicts.falls(rho),
                        Verdicts.fmt("one seed; B ∈ grid with factor-2 steps; b* at the grid's edge in %d of %d cells",
                                edges, bStars.rowCount())));
            }
        }
        return rows;
    }
}
