package dev.muonlab.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The leaderboard's numbers from a {@link LeaderboardStudy} sweep, after modded-nanogpt's optimizer
 * track (steps to a target loss over n seeds, with a t-test against the baseline): per run, the steps
 * and training seconds to the target (first crossing, interpolated between evaluations,
 * {@link TokensToTarget}); per entrant at its tuned lr, mean ± sd over seeds and Welch's p-value
 * against AdamW ({@link WelchTest}).
 *
 * <p>A best lr multiplier at the edge of what its entrant tried (after the extensions of
 * {@link #gridExtension}) is flagged "grid edge": the entrant may do better outside.
 *
 * <p>Verdict rule (stated, not tuned): with k comparisons against the baseline, a difference in steps
 * is called when p &lt; 0.05/k (Bonferroni), "likely" when only p &lt; 0.05, and "no detectable
 * difference" otherwise. Runs that never reach the target are counted ({@code reached}) and left out
 * of the means; an entrant whose seeds do not all reach it says so in its verdict.
 */
public final class Leaderboard {

    /** The family-wise error rate the verdicts control. */
    public static final double ALPHA = 0.05;

    /** How many doublings (or halvings) past the preset's lr grid an entrant may try. */
    public static final int MAX_EXTENSIONS = 2;

    private Leaderboard() {
    }

    /**
     * @param results a sweep's results ({@link Sweep#results}): optimizer, lr_multiplier, seed,
     *                final_val_loss, diverged. Not modified.
     * @return each optimizer's lr multiplier with the lowest final validation loss at seed 1 (diverged
     *         or non-finite runs rank last), in the order the optimizers first appear
     */
    public static Map<String, Double> bestMultipliers(Table results) {
        Map<String, Double> best = new LinkedHashMap<>();
        Map<String, Double> bestLoss = new LinkedHashMap<>();
        for (Row r : results) {
            if (r.getDouble("seed") != 1) {
                continue;
            }
            String o = r.getString("optimizer");
            double loss = r.getDouble("final_val_loss");
            double score = r.getDouble("diverged") > 0 || !Double.isFinite(loss) ? Double.POSITIVE_INFINITY : loss;
            if (!best.containsKey(o) || score < bestLoss.get(o)) {
                best.put(o, r.getDouble("lr_multiplier"));
                bestLoss.put(o, score);
            }
        }
        return best;
    }

    /**
     * @param runs seed-1 runs of one entrant (optimizer, lr_multiplier, final_val_loss, diverged). Not modified.
     * @param grid the preset's multipliers. Not modified.
     * @return the next multiplier to try when the best tried one is the largest (twice it) or the
     *         smallest (half of it), at most {@link #MAX_EXTENSIONS} doublings past the grid; empty
     *         when the best is inside what was tried, or the limit is reached
     */
    public static java.util.OptionalDouble gridExtension(Table runs, List<Double> grid) {
        if (runs.rowCount() == 0) {
            return java.util.OptionalDouble.empty();
        }
        double best = bestMultipliers(runs).values().iterator().next();
        double lo = runs.doubleColumn("lr_multiplier").min();
        double hi = runs.doubleColumn("lr_multiplier").max();
        double reach = Math.pow(2, MAX_EXTENSIONS);
        double gridLo = grid.stream().mapToDouble(Double::doubleValue).min().orElse(lo);
        double gridHi = grid.stream().mapToDouble(Double::doubleValue).max().orElse(hi);
        if (best == hi && hi < gridHi * reach) {
            return java.util.OptionalDouble.of(hi * 2);
        }
        if (best == lo && lo > gridLo / reach) {
            return java.util.OptionalDouble.of(lo / 2);
        }
        return java.util.OptionalDouble.empty();
    }

    /**
     * @param results a sweep's results. Not modified.
     * @param curves  its curves ({@link Sweep#curves}: run, step, val_loss, train_s). Not modified.
     * @param target  the target validation loss, nats
     * @return one row per run: optimizer, lr_multiplier, seed, steps_to_target and seconds_to_target
     *         (NaN when not reached), final_val_loss, diverged
     */
    public static Table perRun(Table results, Table curves, double target) {
        Table t = Table.create("runs", StringColumn.create("optimizer"), DoubleColumn.create("lr_multiplier"),
                DoubleColumn.create("seed"), DoubleColumn.create("steps_to_target"), DoubleColumn.create("seconds_to_target"),
                DoubleColumn.create("final_val_loss"), DoubleColumn.create("diverged"));
        for (Row r : results) {
            Table c = curves.where(curves.stringColumn("run").isEqualTo(r.getString("run")));
            double[] loss = c.doubleColumn("val_loss").asDoubleArray();
            double[] steps = c.intColumn("step").asDoubleArray();
            double[] seconds = c.doubleColumn("train_s").asDoubleArray();
            t.stringColumn("optimizer").append(r.getString("optimizer"));
            t.doubleColumn("lr_multiplier").append(r.getDouble("lr_multiplier"));
            t.doubleColumn("seed").append(r.getDouble("seed"));
            t.doubleColumn("steps_to_target").append(TokensToTarget.firstCrossing(steps, loss, target));
            t.doubleColumn("seconds_to_target").append(TokensToTarget.firstCrossing(seconds, loss, target));
            t.doubleColumn("final_val_loss").append(r.getDouble("final_val_loss"));
            t.doubleColumn("diverged").append(r.getDouble("diverged"));
        }
        return t;
    }

    /**
     * @param runs        {@link #perRun}'s table. Not modified.
     * @param baseline the entrant the others are compared with ({@code adamw})
     * @return one row per entrant at its best multiplier: seeds, reached, steps/seconds to target and
     *         final loss as mean and sd, speed-up in steps (baseline's mean / entrant's), Welch p-values
     *         against the baseline for steps and final loss, and the verdict
     */
    public static Table table(Table runs, String baseline) {
        Map<String, Double> best = bestMultipliers(runs);
        Map<String, Table> at = new LinkedHashMap<>();
        best.forEach((o, m) -> at.put(o, runs.where(runs.stringColumn("optimizer").isEqualTo(o)
                .and(runs.doubleColumn("lr_multiplier").isEqualTo(m)))));
        if (!at.containsKey(baseline)) {
            throw new IllegalArgumentException("the leaderboard has no runs of the baseline " + baseline);
        }
        int comparisons = Math.max(1, at.size() - 1);
        double[] baseSteps = reached(at.get(baseline), "steps_to_target");
        double[] baseFinal = at.get(baseline).doubleColumn("final_val_loss").removeMissing().asDoubleArray();
        Table t = Table.create("leaderboard");
        List<String> names = new ArrayList<>(at.keySet());
        t.addColumns(StringColumn.create("optimizer", names));
        StringColumn edge = StringColumn.create("lr_multiplier");
        IntColumn seeds = IntColumn.create("seeds");
        IntColumn reachedCount = IntColumn.create("reached");
        DoubleColumn[] stats = {DoubleColumn.create("steps_mean"), DoubleColumn.create("steps_sd"),
                DoubleColumn.create("seconds_mean"), DoubleColumn.create("seconds_sd"),
                DoubleColumn.create("final_mean"), DoubleColumn.create("final_sd"), DoubleColumn.create("speedup"),
                DoubleColumn.create("p_steps"), DoubleColumn.create("p_final")};
        StringColumn verdict = StringColumn.create("verdict");
        for (String o : names) {
            Table e = at.get(o);
            double m = best.get(o);
            DoubleColumn tried = runs.where(runs.stringColumn("optimizer").isEqualTo(o)
                    .and(runs.doubleColumn("seed").isEqualTo(1))).doubleColumn("lr_multiplier");
            boolean atEdge = tried.size() > 1 && (m == tried.min() || m == tried.max());
            edge.append(String.format(Locale.ROOT, "%s%s", m, atEdge ? " (grid edge)" : ""));
            double[] steps = reached(e, "steps_to_target");
            double[] secs = reached(e, "seconds_to_target");
            double[] fin = e.doubleColumn("final_val_loss").removeMissing().asDoubleArray();
            seeds.append(e.rowCount());
            reachedCount.append(steps.length);
            double pSteps = o.equals(baseline) ? Double.NaN : WelchTest.pValue(steps, baseSteps);
            double[] row = {WelchTest.mean(steps), WelchTest.sd(steps), WelchTest.mean(secs), WelchTest.sd(secs),
                    WelchTest.mean(fin), WelchTest.sd(fin), WelchTest.mean(baseSteps) / WelchTest.mean(steps),
                    pSteps, o.equals(baseline) ? Double.NaN : WelchTest.pValue(fin, baseFinal)};
            for (int i = 0; i < row.length; i++) {
                stats[i].append(row[i]);
            }
            verdict.append(o.equals(baseline) ? "baseline"
                    : verdict(pSteps, WelchTest.mean(steps), WelchTest.mean(baseSteps), comparisons, steps.length, e.rowCount()));
        }
        t.addColumns(edge, seeds, reachedCount);
        t.addColumns(stats);
        t.addColumns(verdict);
        return t;
    }

    /**
     * @return the verdict on steps to target: "fewer steps" / "more steps" when p &lt; α/k, "likely …"
     *         when only p &lt; α, "no detectable difference" otherwise; prefixed by how many seeds reached
     *         the target when not all did
     */
    static String verdict(double p, double mean, double baseMean, int comparisons, int reached, int seeds) {
        String prefix = reached < seeds ? reached + " of " + seeds + " seeds reached the target; " : "";
        if (reached < 2 || Double.isNaN(p)) {
            return prefix + "too few runs reached the target to test";
        }
        String direction = mean < baseMean ? "fewer steps than the baseline" : "more steps than the baseline";
        if (p < ALPHA / comparisons) {
            return prefix + direction + String.format(Locale.ROOT, " (p = %.2g < %.2g, Bonferroni over %d)", p,
                    ALPHA / comparisons, comparisons);
        }
        if (p < ALPHA) {
            return prefix + "likely " + direction + String.format(Locale.ROOT, " (p = %.2g; not after Bonferroni)", p);
        }
        return prefix + String.format(Locale.ROOT, "no detectable difference (p = %.2g)", p);
    }

    private static double[] reached(Table e, String column) {
        return e.doubleColumn(column).asList().stream().filter(v -> v != null && Double.isFinite(v))
                .mapToDouble(Double::doubleValue).toArray();
    }
}
