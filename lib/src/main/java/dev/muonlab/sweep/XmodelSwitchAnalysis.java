package dev.muonlab.sweep;

import dev.muonlab.sweep.Verdicts.Row;
import dev.muonlab.sweep.Verdicts.Verdict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import org.apache.commons.math3.stat.inference.TTest;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The verdicts of {@link XmodelSwitchStudy}, from seed-paired final validation losses (the arms of one
 * seed share initialization and batches, and (a) and (b) the whole stable phase).
 *
 * <p>What a loss comparison can and cannot show: Xmodel-2.5 claims +4.58 % on a 13-task downstream
 * average, not a lower loss. A char-level model on Tiny Shakespeare has no downstream tasks; a lower
 * validation loss after a Muon decay is consistent with the claim but does not establish it (loss and
 * task accuracy need not move together, and the paper's decay is 20k steps at 1.3B parameters). So the
 * paper's claim gets "inconclusive" by construction, and our loss proxy a verdict of its own.
 */
public final class XmodelSwitchAnalysis {

    /** Significance level of the paired t-test over seeds. */
    static final double ALPHA = 0.05;
    /** Nats within which the switched run counts as reaching the all-Muon run. */
    static final double EQUIVALENCE_MARGIN = 0.02;

    private XmodelSwitchAnalysis() {
    }

    /** @return four rows: the paper's claim, the loss proxy, the all-Muon comparison, the fork's identity check */
    static List<Row> verdicts(Table results, Table curves) {
        TreeMap<Long, String[]> bySeed = runsBySeed(results);      // seed → {(a), (b), (c)} run hashes
        List<double[]> finals = new ArrayList<>();                  // per seed: final loss of (a), (b), (c)
        double maxStableGap = 0;
        int forks = 0;
        for (String[] h : bySeed.values()) {
            if (h[0] == null || h[1] == null || h[2] == null) {
                continue;
            }
            finals.add(new double[]{finalLoss(results, h[0]), finalLoss(results, h[1]), finalLoss(results, h[2])});
            maxStableGap = Math.max(maxStableGap, stableGap(curves, h[0], h[1], switchStep(results, h[1])));
            forks++;
        }
        double[] a = finals.stream().mapToDouble(f -> f[0]).toArray();
        double[] b = finals.stream().mapToDouble(f -> f[1]).toArray();
        double[] c = finals.stream().mapToDouble(f -> f[2]).toArray();
        String diffs = Verdicts.fmt("final val loss, Muon decay - AdamW continued, per seed: %s", Verdicts.list(diff(b, a)));
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("switching AdamW -> RMS-matched Muon for the decay improves the model",
                "Xmodel-2.5, 1.3B, 13 downstream tasks", "+4.58 % average accuracy (not a loss claim)", diffs,
                Verdict.INCONCLUSIVE, "a loss comparison cannot decide an accuracy claim: lower loss is consistent with it, "
                + "not proof; no downstream tasks exist for a char-level Tiny Shakespeare model"));
        rows.add(new Row("(loss proxy) the Muon decay ends at a lower val loss than AdamW continued", "ours", "-",
                diffs, lowerPaired(b, a), "every seed lower and paired t-test p < " + ALPHA + " (needs >= 3 seeds; p = "
                + Verdicts.fmt("%.3g", pairedP(b, a)) + ")"));
        rows.add(new Row("(no paper claim) the switched run reaches the all-Muon run", "ours", "-",
                Verdicts.fmt("final val loss, switched - all-Muon, per seed: %s", Verdicts.list(diff(b, c))),
                reaches(b, c), "reproduced when the mean difference is <= " + EQUIVALENCE_MARGIN
                + " nats; not reproduced when above it in every seed"));
        rows.add(new Row("(check) (a) and (b) share the stable phase bit for bit", "the fork of one checkpoint", "0",
                Verdicts.fmt("max |val loss (a) - (b)| up to the switch: %s over %d seed(s)", maxStableGap, forks),
                forks == 0 ? Verdict.INCONCLUSIVE : maxStableGap == 0 ? Verdict.REPRODUCED : Verdict.NOT_REPRODUCED,
                "exact equality of every evaluation at or before the switch step"));
        return rows;
    }

    /** @return an arm's label, "stable → decay" (e.g. {@code adamw → muon-moonlight}) */
    public static String arm(String stable, String decay) {
        return stable + " → " + decay;
    }

    /**
     * Each arm's validation curve, averaged over its seeds evaluation by evaluation (the arms of one
     * preset share their evaluation steps), with the step where the decay, and the switch, starts.
     *
     * @param results {@link Sweep#results} of the study. Not modified.
     * @param curves  {@link Sweep#curves} of the same runs. Not modified.
     * @return columns {@code arm}, {@code step}, {@code val_loss} (seed mean), {@code seeds},
     *         {@code switch_step}; arms in the study's order, steps ascending
     */
    public static Table armCurves(Table results, Table curves) {
        StringColumn armCol = StringColumn.create("arm");
        DoubleColumn stepCol = DoubleColumn.create("step");
        DoubleColumn loss = DoubleColumn.create("val_loss");
        IntColumn seeds = IntColumn.create("seeds");
        DoubleColumn switchCol = DoubleColumn.create("switch_step");
        for (String[] a : XmodelSwitchStudy.ARMS) {
            TreeMap<Double, double[]> sums = new TreeMap<>();         // step → {Σ loss, n}
            double at = Double.NaN;
            for (int i = 0; i < results.rowCount(); i++) {
                if (!results.stringColumn("stable_optimizer").getString(i).equals(a[0])
                        || !results.stringColumn("decay_optimizer").getString(i).equals(a[1])) {
                    continue;
                }
                String run = results.stringColumn("run").getString(i);
                at = switchStep(results, run);
                Table c = curves.where(curves.stringColumn("run").isEqualTo(run));
                for (int j = 0; j < c.rowCount(); j++) {
                    double[] s = sums.computeIfAbsent(c.numberColumn("step").getDouble(j), k -> new double[2]);
                    s[0] += c.numberColumn("val_loss").getDouble(j);
                    s[1]++;
                }
            }
            double switchStep = at;
            sums.forEach((step, s) -> {
                armCol.append(arm(a[0], a[1]));
                stepCol.append(step);
                loss.append(s[0] / s[1]);
                seeds.append((int) s[1]);
                switchCol.append(switchStep);
            });
        }
        return Table.create("val loss per arm, mean over seeds", armCol, stepCol, loss, seeds, switchCol);
    }

    /**
     * @param results {@link Sweep#results} of the study. Not modified.
     * @param curves  {@link Sweep#curves}. Not modified.
     * @return one row per arm: {@code arm}, {@code seeds}, {@code loss_at_switch} (seed mean of the last
     *         evaluation at or before the switch step), {@code final_loss_mean}, {@code final_loss_sd}
     */
    public static Table finalLosses(Table results, Table curves) {
        Table mean = armCurves(results, curves);
        StringColumn armCol = StringColumn.create("arm");
        IntColumn seeds = IntColumn.create("seeds");
        DoubleColumn atSwitch = DoubleColumn.create("loss_at_switch");
        DoubleColumn finalMean = DoubleColumn.create("final_loss_mean");
        DoubleColumn finalSd = DoubleColumn.create("final_loss_sd");
        for (String[] a : XmodelSwitchStudy.ARMS) {
            List<Double> finals = new ArrayList<>();
            for (int i = 0; i < results.rowCount(); i++) {
                if (results.stringColumn("stable_optimizer").getString(i).equals(a[0])
                        && results.stringColumn("decay_optimizer").getString(i).equals(a[1])) {
                    finals.add(results.doubleColumn("final_val_loss").getDouble(i));
                }
            }
            if (finals.isEmpty()) {
                continue;
            }
            double[] f = finals.stream().mapToDouble(Double::doubleValue).toArray();
            Table m = mean.where(mean.stringColumn("arm").isEqualTo(arm(a[0], a[1])));
            double loss = Double.NaN;
            for (int j = 0; j < m.rowCount(); j++) {
                if (m.doubleColumn("step").getDouble(j) <= m.doubleColumn("switch_step").getDouble(j)) {
                    loss = m.doubleColumn("val_loss").getDouble(j);
                }
            }
            armCol.append(arm(a[0], a[1]));
            seeds.append(f.length);
            atSwitch.append(loss);
            finalMean.append(WelchTest.mean(f));
            finalSd.append(WelchTest.sd(f));
        }
        return Table.create("final val loss per arm", armCol, seeds, atSwitch, finalMean, finalSd);
    }

    /**
     * Reproduced when every seed's x is below its y and the paired t-test gives p &lt; α (three seeds
     * or more); not reproduced when every seed's x is above with p &lt; α; otherwise inconclusive.
     */
    static Verdict lowerPaired(double[] x, double[] y) {
        double p = pairedP(x, y);
        boolean significant = !Double.isNaN(p) && p < ALPHA;
        double[] d = diff(x, y);
        if (significant && Arrays.stream(d).allMatch(v -> v < 0)) {
            return Verdict.REPRODUCED;
        }
        return significant && Arrays.stream(d).allMatch(v -> v > 0) ? Verdict.NOT_REPRODUCED : Verdict.INCONCLUSIVE;
    }

    /** @return the paired t-test's two-sided p; NaN below three pairs or when the differences are constant */
    static double pairedP(double[] x, double[] y) {
        double[] d = diff(x, y);
        if (d.length < 3 || Arrays.stream(d).distinct().count() < 2) {
            return Double.NaN;
        }
        return new TTest().pairedTTest(x, y);
    }

    private static Verdict reaches(double[] b, double[] c) {
        double[] d = diff(b, c);
        if (d.length == 0) {
            return Verdict.INCONCLUSIVE;
        }
        if (WelchTest.mean(d) <= EQUIVALENCE_MARGIN) {
            return Verdict.REPRODUCED;
        }
        return Arrays.stream(d).allMatch(v -> v > EQUIVALENCE_MARGIN) ? Verdict.NOT_REPRODUCED : Verdict.INCONCLUSIVE;
    }

    /** @return the largest |val loss difference| between two runs' curves at steps &lt;= {@code upTo} */
    static double stableGap(Table curves, String runA, String runB, int upTo) {
        Table a = curves.where(curves.stringColumn("run").isEqualTo(runA));
        Table b = curves.where(curves.stringColumn("run").isEqualTo(runB));
        double gap = 0;
        for (int i = 0; i < Math.min(a.rowCount(), b.rowCount()); i++) {
            if (a.numberColumn("step").getDouble(i) <= upTo) {
                gap = Math.max(gap, Math.abs(a.numberColumn("val_loss").getDouble(i) - b.numberColumn("val_loss").getDouble(i)));
            }
        }
        return gap;
    }

    private static TreeMap<Long, String[]> runsBySeed(Table results) {
        TreeMap<Long, String[]> m = new TreeMap<>();
        for (int i = 0; i < results.rowCount(); i++) {
            String stable = results.stringColumn("stable_optimizer").getString(i);
            String decay = results.stringColumn("decay_optimizer").getString(i);
            int arm = stable.equals(XmodelSwitchStudy.ADAMW) ? (decay.equals(XmodelSwitchStudy.ADAMW) ? 0 : 1) : 2;
            m.computeIfAbsent((long) results.doubleColumn("seed").getDouble(i), s -> new String[3])[arm] =
                    results.stringColumn("run").getString(i);
        }
        return m;
    }

    private static int row(Table results, String run) {
        for (int i = 0; i < results.rowCount(); i++) {
            if (results.stringColumn("run").getString(i).equals(run)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no run " + run);
    }

    private static double finalLoss(Table results, String run) {
        return results.doubleColumn("final_val_loss").getDouble(row(results, run));
    }

    private static int switchStep(Table results, String run) {
        int i = row(results, run);
        return (int) (results.doubleColumn("steps").getDouble(i) - results.doubleColumn("decay_steps").getDouble(i));
    }

    private static double[] diff(double[] x, double[] y) {
        double[] d = new double[Math.min(x.length, y.length)];
        for (int i = 0; i < d.length; i++) {
            d[i] = x[i] - y[i];
        }
        return d;
    }
}
