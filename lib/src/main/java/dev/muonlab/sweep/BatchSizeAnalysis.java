package dev.muonlab.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The batch-size study's read-out, from the sweep's results and curves ({@link BatchSizeStudy}):
 * T_L per run and target ({@link TokensToTarget}); per optimizer, batch and target the lr multiplier
 * with the fewest mean tokens (seeds that never reach L count as not reaching it); Essential AI's
 * token ratio R_L(B) against AdamW with a seed bootstrap ({@link TokenRatio}); and per optimizer and
 * target McCandlish et al.'s critical batch ({@link CriticalBatch}) and the token-optimal batch
 * (the batch with the fewest tokens to L). Pure functions of the tables; nothing is run.
 */
public final class BatchSizeAnalysis {

    private BatchSizeAnalysis() {
    }

    /**
     * @param results the sweep's results table ({@link Sweep#results}). Not modified.
     * @param curves  its curves ({@link Sweep#curves}). Not modified.
     * @param targets target validation losses L
     * @return one row per run and target: run, optimizer, batch, lr_multiplier, seed, target,
     *         tokens_to_target (NaN: not reached), steps_to_target
     */
    public static Table tokensToTargets(Table results, Table curves, double[] targets) {
        Table out = Table.create("tokens_to_target", StringColumn.create("run"), StringColumn.create("optimizer"),
                DoubleColumn.create("batch"), DoubleColumn.create("lr_multiplier"), DoubleColumn.create("seed"),
                DoubleColumn.create("target"), DoubleColumn.create("tokens_to_target"), DoubleColumn.create("steps_to_target"));
        for (int i = 0; i < results.rowCount(); i++) {
            String run = results.stringColumn("run").get(i);
            Table c = curves.where(curves.stringColumn("run").isEqualTo(run));
            double[] tokens = c.doubleColumn("tokens").asDoubleArray();
            double[] loss = c.doubleColumn("val_loss").asDoubleArray();
            double batch = results.doubleColumn("batch").getDouble(i);
            double perStep = batch * results.doubleColumn("block").getDouble(i);
            for (double target : targets) {
                double t = TokensToTarget.firstCrossing(tokens, loss, target);
                out.stringColumn("run").append(run);
                out.stringColumn("optimizer").append(results.stringColumn("optimizer").get(i));
                out.doubleColumn("batch").append(batch);
                out.doubleColumn("lr_multiplier").append(results.doubleColumn("lr_multiplier").getDouble(i));
                out.doubleColumn("seed").append(results.doubleColumn("seed").getDouble(i));
                out.doubleColumn("target").append(target);
                out.doubleColumn("tokens_to_target").append(t);
                out.doubleColumn("steps_to_target").append(t / perStep);
            }
        }
        return out;
    }

    /**
     * @param perRun {@link #tokensToTargets}'s table. Not modified.
     * @return per optimizer, batch and target, the best lr multiplier's seeds: optimizer, batch,
     *         target, lr_multiplier, tokens_mean, tokens_sd, steps_mean, seeds, seeds_reached; the
     *         means are NaN unless every seed of that multiplier reached the target
     */
    public static Table best(Table perRun) {
        Map<String, List<Integer>> groups = group(perRun, true);
        Map<String, double[]> bestOf = new TreeMap<>();          // (opt, batch, target) -> {multiplier, mean}
        Map<String, List<Integer>> bestRows = new TreeMap<>();
        for (Map.Entry<String, List<Integer>> g : groups.entrySet()) {
            double[] t = column(perRun, "tokens_to_target", g.getValue());
            double mean = TokenRatio.mean(t);
            int r0 = g.getValue().get(0);
            String key = key(perRun, r0, false);
            double[] cur = bestOf.get(key);
            double score = Double.isNaN(mean) ? Double.POSITIVE_INFINITY : mean;
            if (cur == null || score < cur[1]) {
                bestOf.put(key, new double[]{perRun.doubleColumn("lr_multiplier").getDouble(r0), score});
                bestRows.put(key, g.getValue());
            }
        }
        Table out = Table.create("best", StringColumn.create("optimizer"), DoubleColumn.create("batch"),
                DoubleColumn.create("target"), DoubleColumn.create("lr_multiplier"), DoubleColumn.create("tokens_mean"),
                DoubleColumn.create("tokens_sd"), DoubleColumn.create("steps_mean"), DoubleColumn.create("seeds"),
                DoubleColumn.create("seeds_reached"));
        for (List<Integer> rows : bestRows.values()) {
            int r0 = rows.get(0);
            double[] t = column(perRun, "tokens_to_target", rows);
            double[] s = column(perRun, "steps_to_target", rows);
            long reached = java.util.Arrays.stream(t).filter(v -> !Double.isNaN(v)).count();
            out.stringColumn("optimizer").append(perRun.stringColumn("optimizer").get(r0));
            out.doubleColumn("batch").append(perRun.doubleColumn("batch").getDouble(r0));
            out.doubleColumn("target").append(perRun.doubleColumn("target").getDouble(r0));
            out.doubleColumn("lr_multiplier").append(perRun.doubleColumn("lr_multiplier").getDouble(r0));
            out.doubleColumn("tokens_mean").append(TokenRatio.mean(t));
            out.doubleColumn("tokens_sd").append(sd(t));
            out.doubleColumn("steps_mean").append(TokenRatio.mean(s));
            out.doubleColumn("seeds").append(rows.size());
            out.doubleColumn("seeds_reached").append(reached);
        }
        return out;
    }

    /**
     * @param perRun {@link #tokensToTargets}'s table. Not modified.
     * @param best   {@link #best}'s table (which multiplier each side uses). Not modified.
     * @param seed   the bootstrap's seed
     * @return per Muon variant, batch and target: ratio (R_L(B) against AdamW), low, high (95 %)
     */
    public static Table ratios(Table perRun, Table best, long seed) {
        Table out = Table.create("token_ratio", StringColumn.create("optimizer"), DoubleColumn.create("batch"),
                DoubleColumn.create("target"), DoubleColumn.create("ratio"), DoubleColumn.create("low"), DoubleColumn.create("high"));
        for (int i = 0; i < best.rowCount(); i++) {
            String opt = best.stringColumn("optimizer").get(i);
            if (opt.equals("adamw")) {
                continue;
            }
            double batch = best.doubleColumn("batch").getDouble(i);
            double target = best.doubleColumn("target").getDouble(i);
            double[] adamw = seedsOf(perRun, best, "adamw", batch, target);
            if (adamw == null) {
                continue;
            }
            double[] muon = seedsOf(perRun, best, opt, batch, target);
            TokenRatio.Estimate e = TokenRatio.estimate(adamw, muon, seed);
            out.stringColumn("optimizer").append(opt);
            out.doubleColumn("batch").append(batch);
            out.doubleColumn("target").append(target);
            out.doubleColumn("ratio").append(e.ratio());
            out.doubleColumn("low").append(e.low());
            out.doubleColumn("high").append(e.high());
        }
        return out;
    }

    /**
     * @param best {@link #best}'s table. Not modified.
     * @return per optimizer and target: critical_batch (sequences), s_min, e_min (sequences),
     *         token_optimal_batch (the batch with the fewest mean tokens to L), batches_fitted
     */
    public static Table criticalBatches(Table best) {
        Map<String, List<Integer>> groups = new TreeMap<>();
        for (int i = 0; i < best.rowCount(); i++) {
            groups.computeIfAbsent(best.stringColumn("optimizer").get(i) + "|" + best.doubleColumn("target").getDouble(i),
                    k -> new ArrayList<>()).add(i);
        }
        Table out = Table.create("critical_batch", StringColumn.create("optimizer"), DoubleColumn.create("target"),
                DoubleColumn.create("critical_batch"), DoubleColumn.create("s_min"), DoubleColumn.create("e_min"),
                DoubleColumn.create("token_optimal_batch"), DoubleColumn.create("batches_fitted"));
        for (List<Integer> rows : groups.values()) {
            double[] steps = column(best, "steps_mean", rows);
            double[] sequences = new double[rows.size()];
            double fewest = Double.POSITIVE_INFINITY;
            double optimal = Double.NaN;
            int fitted = 0;
            for (int j = 0; j < rows.size(); j++) {
                double b = best.doubleColumn("batch").getDouble(rows.get(j));
                sequences[j] = steps[j] * b;
                double tokens = best.doubleColumn("tokens_mean").getDouble(rows.get(j));
                if (!Double.isNaN(tokens)) {
                    fitted++;
                    if (tokens < fewest) {
                        fewest = tokens;
                        optimal = b;
                    }
                }
            }
            CriticalBatch.Fit fit = CriticalBatch.fit(steps, sequences);
            int r0 = rows.get(0);
            out.stringColumn("optimizer").append(best.stringColumn("optimizer").get(r0));
            out.doubleColumn("target").append(best.doubleColumn("target").getDouble(r0));
            out.doubleColumn("critical_batch").append(fit.criticalBatch());
            out.doubleColumn("s_min").append(fit.sMin());
            out.doubleColumn("e_min").append(fit.eMin());
            out.doubleColumn("token_optimal_batch").append(optimal);
            out.doubleColumn("batches_fitted").append(fitted);
        }
        return out;
    }

    private static double[] seedsOf(Table perRun, Table best, String opt, double batch, double target) {
        for (int i = 0; i < best.rowCount(); i++) {
            if (best.stringColumn("optimizer").get(i).equals(opt) && best.doubleColumn("batch").getDouble(i) == batch
                    && best.doubleColumn("target").getDouble(i) == target) {
                double m = best.doubleColumn("lr_multiplier").getDouble(i);
                List<Integer> rows = new ArrayList<>();
                for (int r = 0; r < perRun.rowCount(); r++) {
                    if (perRun.stringColumn("optimizer").get(r).equals(opt) && perRun.doubleColumn("batch").getDouble(r) == batch
                            && perRun.doubleColumn("target").getDouble(r) == target
                            && perRun.doubleColumn("lr_multiplier").getDouble(r) == m) {
                        rows.add(r);
                    }
                }
                return column(perRun, "tokens_to_target", rows);
            }
        }
        return null;
    }

    private static Map<String, List<Integer>> group(Table t, boolean withMultiplier) {
        Map<String, List<Integer>> groups = new TreeMap<>();
        for (int i = 0; i < t.rowCount(); i++) {
            groups.computeIfAbsent(key(t, i, withMultiplier), k -> new ArrayList<>()).add(i);
        }
        return groups;
    }

    private static String key(Table t, int row, boolean withMultiplier) {
        return t.stringColumn("optimizer").get(row) + "|" + t.doubleColumn("batch").getDouble(row) + "|"
                + t.doubleColumn("target").getDouble(row) + (withMultiplier ? "|" + t.doubleColumn("lr_multiplier").getDouble(row) : "");
    }

    private static double[] column(Table t, String name, List<Integer> rows) {
        double[] v = new double[rows.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = t.doubleColumn(name).getDouble(rows.get(i));
        }
        return v;
    }

    private static double sd(double[] x) {
        if (x.length < 2) {
            return Double.NaN;
        }
        double m = TokenRatio.mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return Math.sqrt(s / (x.length - 1));
    }
}
