package dev.muonlab.sweep;

import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Everything notebook 06 shows of {@link BatchSizeStudy}, from the sweep's results and curves: T_L
 * per run, the main runs' T_L(B) (multiplier 1; the lr check's runs are read out apart), R_L(B) with
 * seed bootstrap intervals, McCandlish's critical batch and the token-optimal batch, the simulated
 * iso-loss table, the lr check and the verdicts on Essential AI's claims (arXiv 2505.02222 §4.3,
 * references.md §4.3). Pure functions; nothing is run.
 *
 * @param perRun    {@link BatchSizeAnalysis#tokensToTargets}, every run
 * @param best      T_L(B) per optimizer, batch, target (multiplier 1), sorted by optimizer, target, batch
 * @param ratios    R_L(B) with 95 % bootstrap intervals, sorted likewise
 * @param critical  per optimizer and target: McCandlish's B_crit and the token-optimal batch
 * @param isoLoss   {@link IsoLoss#table}: simulated time to L against simulated devices
 * @param lrCheck   {@link #lrCheck}: the lr multipliers' tokens against multiplier 1, seed 1
 * @param verdicts  {@link Verdicts#table} of {@link #verdicts}
 */
public record BatchSizeReport(Table perRun, Table best, Table ratios, Table critical, Table isoLoss, Table lrCheck,
                              Table verdicts) {

    /** The bootstrap's seed: the report is a pure function of the results. */
    static final long BOOTSTRAP_SEED = 16;

    /**
     * @param results the sweep's results table. Not modified.
     * @param curves  its curves. Not modified.
     * @param targets target losses L ({@link BatchSizeStudy#targets})
     * @return the read-out
     */
    public static BatchSizeReport of(Table results, Table curves, double[] targets) {
        Table perRun = BatchSizeAnalysis.tokensToTargets(results, curves, targets);
        Table main = perRun.where(perRun.doubleColumn("lr_multiplier").isEqualTo(1.0));
        Table best = BatchSizeAnalysis.best(main).sortOn("optimizer", "target", "batch");
        Table ratios = BatchSizeAnalysis.ratios(main, best, BOOTSTRAP_SEED).sortOn("optimizer", "target", "batch");
        Table critical = BatchSizeAnalysis.criticalBatches(best);
        double smallest = best.rowCount() == 0 ? Double.NaN : best.doubleColumn("batch").min();
        int seeds = best.rowCount() == 0 ? 0 : (int) best.doubleColumn("seeds").min();
        return new BatchSizeReport(perRun, best, ratios, critical, IsoLoss.table(best, results), lrCheck(perRun),
                Verdicts.table(verdicts(ratios, critical, smallest, seeds)));
    }

    /**
     * @param perRun every run's T_L. Not modified.
     * @return at each (optimizer, batch, target) that has other multipliers: lr_multiplier, tokens
     *         (seed 1) and relative (tokens over multiplier 1's, seed 1; &lt; 1: that multiplier was faster)
     */
    public static Table lrCheck(Table perRun) {
        Table out = Table.create("lr_check", StringColumn.create("optimizer"), DoubleColumn.create("batch"),
                DoubleColumn.create("target"), DoubleColumn.create("lr_multiplier"), DoubleColumn.create("tokens"),
                DoubleColumn.create("relative"));
        Table seed1 = perRun.where(perRun.doubleColumn("seed").isEqualTo(1.0));
        for (int i = 0; i < seed1.rowCount(); i++) {
            double m = seed1.doubleColumn("lr_multiplier").getDouble(i);
            if (m == 1.0) {
                continue;
            }
            String opt = seed1.stringColumn("optimizer").get(i);
            double b = seed1.doubleColumn("batch").getDouble(i), l = seed1.doubleColumn("target").getDouble(i);
            double base = Double.NaN;
            for (int j = 0; j < seed1.rowCount(); j++) {
                if (seed1.stringColumn("optimizer").get(j).equals(opt) && seed1.doubleColumn("batch").getDouble(j) == b
                        && seed1.doubleColumn("target").getDouble(j) == l && seed1.doubleColumn("lr_multiplier").getDouble(j) == 1.0) {
                    base = seed1.doubleColumn("tokens_to_target").getDouble(j);
                }
            }
            double t = seed1.doubleColumn("tokens_to_target").getDouble(i);
            out.stringColumn("optimizer").append(opt);
            out.doubleColumn("batch").append(b);
            out.doubleColumn("target").append(l);
            out.doubleColumn("lr_multiplier").append(m);
            out.doubleColumn("tokens").append(t);
            out.doubleColumn("relative").append(t / base);
        }
        return out;
    }

    /**
     * Essential AI's four claims for each Muon variant in {@code ratios}, decided by {@link Verdicts}'s rules.
     *
     * @param ratios        R_L(B) table (optimizer, batch, target, ratio, low, high). Not modified.
     * @param critical      {@link BatchSizeAnalysis#criticalBatches}'s table. Not modified.
     * @param smallestBatch the grid's smallest batch
     * @param seeds         the fewest seeds behind any (optimizer, B) point, for the reasons
     */
    public static List<Verdicts.Row> verdicts(Table ratios, Table critical, double smallestBatch, int seeds) {
        List<Verdicts.Row> rows = new ArrayList<>();
        String setting = "Essential AI: 100M-4B transformers, Python code and DCLM, B up to 16M tokens";
        for (String v : List.of("muon", "muon-moonlight")) {
            Table r = ratios.where(ratios.stringColumn("optimizer").isEqualTo(v));
            if (r.rowCount() == 0) {
                continue;
            }
            String who = v.equals("muon") ? "Muon (Keller)" : "Muon (Moonlight)";
            double[] low = r.doubleColumn("low").asDoubleArray(), high = r.doubleColumn("high").asDoubleArray();
            double[] ratio = r.doubleColumn("ratio").asDoubleArray();
            int above = 0, below = 0, n = 0;
            for (int i = 0; i < low.length; i++) {
                if (!Double.isNaN(low[i])) {
                    n++;
                    above += low[i] > 1 ? 1 : 0;
                    below += high[i] < 1 ? 1 : 0;
                }
            }
            rows.add(new Verdicts.Row(who + ": R_L(B) ≥ 1", setting, "R_L > 1 at every B (Fig. 3)",
                    Verdicts.fmt("R_L %.2f-%.2f over %d (B, L) cells; %d with an interval", min(ratio), max(ratio), ratio.length, n),
                    Verdicts.atLeastOne(low, high),
                    Verdicts.fmt("95 %% seed-bootstrap CI above 1 in %d, below 1 in %d of %d cells with an interval; %d seed(s)",
                            above, below, n, seeds)));
            List<Integer> signs = new ArrayList<>();
            for (String key : Verdicts.groupRows(r, i -> r.doubleColumn("target").getDouble(i)).keySet().stream().map(String::valueOf).toList()) {
                Table t = r.where(r.doubleColumn("target").isEqualTo(Double.parseDouble(key))).sortAscendingOn("batch");
                t = t.where(t.doubleColumn("low").isNotMissing());       // cells with an interval (≥ 2 seeds a side)
                if (t.rowCount() >= 2) {
                    signs.add(Verdicts.monotoneSign(t.doubleColumn("ratio").asDoubleArray(), t.doubleColumn("low").asDoubleArray(),
                            t.doubleColumn("high").asDoubleArray()));
                }
            }
            int[] s = signs.stream().mapToInt(Integer::intValue).toArray();
            rows.add(new Verdicts.Row(who + ": R_L(B) non-decreasing in B", setting, "non-decreasing (Fig. 3)",
                    Verdicts.fmt("%d targets: %d decrease significantly, %d end at least where they start", s.length,
                            java.util.Arrays.stream(s).filter(x -> x < 0).count(), java.util.Arrays.stream(s).filter(x -> x > 0).count()),
                    Verdicts.nonDecreasing(s), Verdicts.fmt("a decrease counts when a larger B's CI lies wholly below a smaller B's;"
                            + " %d seed(s)", seeds)));
            double mLow = Verdicts.median(low), mHigh = Verdicts.median(high), mRatio = Verdicts.median(ratio);
            rows.add(new Verdicts.Row(who + ": 10-15 % fewer tokens", setting, "10-15 % fewer tokens to the same loss",
                    Verdicts.fmt("%.0f %% fewer (median over cells; medians of the CI ends give %.0f-%.0f %%)",
                            100 * (1 - 1 / mRatio), 100 * (1 - 1 / mLow), 100 * (1 - 1 / mHigh)),
                    Verdicts.fewerTokens(mLow, mHigh, 0.10, 0.15),
                    Verdicts.fmt("reproduced if the medians' interval overlaps 10-15 %%; %d seed(s); our model is 0.8M parameters"
                            + " at 64-character context", seeds)));
            double[][] bt = tokenOptimal(critical, v);
            long larger = 0, smaller = 0;
            for (int i = 0; i < bt[0].length; i++) {
                larger += bt[0][i] > bt[1][i] ? 1 : 0;
                smaller += bt[0][i] < bt[1][i] ? 1 : 0;
            }
            rows.add(new Verdicts.Row(who + ": larger token-optimal batch than AdamW", setting,
                    "larger B_tok (e.g. DCLM 3.25 nats: both 3.5M tokens, Muon's T_L rising more slowly past it)",
                    Verdicts.fmt("larger at %d, smaller at %d of %d targets", larger, smaller, bt[0].length),
                    Verdicts.largerBatch(bt[0], bt[1], smallestBatch),
                    Verdicts.fmt("B_tok is the measured batch with the fewest mean tokens (a discrete grid); %d seed(s)", seeds)));
        }
        return rows;
    }

    /** @return {muon's, adamw's} token-optimal batch per target where both exist */
    private static double[][] tokenOptimal(Table critical, String variant) {
        List<double[]> pairs = new ArrayList<>();
        for (int i = 0; i < critical.rowCount(); i++) {
            if (!critical.stringColumn("optimizer").get(i).equals(variant)) {
                continue;
            }
            double target = critical.doubleColumn("target").getDouble(i);
            for (int j = 0; j < critical.rowCount(); j++) {
                if (critical.stringColumn("optimizer").get(j).equals("adamw") && critical.doubleColumn("target").getDouble(j) == target) {
                    pairs.add(new double[]{critical.doubleColumn("token_optimal_batch").getDouble(i),
                            critical.doubleColumn("token_optimal_batch").getDouble(j)});
                }
            }
        }
        return new double[][]{pairs.stream().mapToDouble(p -> p[0]).toArray(), pairs.stream().mapToDouble(p -> p[1]).toArray()};
    }

    private static double min(double[] v) {
        return java.util.Arrays.stream(v).filter(Double::isFinite).min().orElse(Double.NaN);
    }

    private static double max(double[] v) {
        return java.util.Arrays.stream(v).filter(Double::isFinite).max().orElse(Double.NaN);
    }
}
