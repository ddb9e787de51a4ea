package dev.muonlab.sweep;

import dev.muonlab.sweep.Verdicts.Row;
import dev.muonlab.sweep.Verdicts.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The verdicts of {@link UpdateRmsStudy} (Moonlight Table 8) from each run's final validation loss, by
 * stated rules: a difference counts when Welch's two-sided p &lt; {@link #ALPHA} over seeds (so one seed
 * decides nothing), and "as good as" means within {@link #EQUIVALENCE_MARGIN} nats.
 */
public final class UpdateRmsAnalysis {

    /** Significance level of every comparison. */
    static final double ALPHA = 0.05;
    /** Nats within which RMS-matched Muon at AdamW's lr counts as matching Keller's tuned Muon. */
    static final double EQUIVALENCE_MARGIN = 0.02;

    private UpdateRmsAnalysis() {
    }

    /** @return the three verdict rows: interior optimum, beats AdamW, matches Keller's tuned Muon */
    static List<Row> verdicts(Table results) {
        TreeMap<Double, double[]> byTarget = new TreeMap<>();
        for (double r : UpdateRmsStudy.TARGETS) {
            byTarget.put(r, finalLosses(results, "muon-moonlight", r));
        }
        double[] adamw = finalLosses(results, "adamw", Double.NaN);
        double[] keller = finalLosses(results, "muon", Double.NaN);
        double[] matched = byTarget.get(0.2);
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("update RMS optimum inside [0.2, 0.4], both ends (0.05, 0.8) worse",
                "Table 8: 2k steps, val loss", "0.05: 3.503, 0.1: 3.374, 0.2: 3.325, 0.4: 3.314, 0.8: 3.543",
                describe(byTarget), interiorOptimum(byTarget), optimumReason(byTarget)));
        rows.add(new Row("RMS-matched Muon (0.2) at AdamW's lr and decay beats AdamW", "Table 8",
                "AdamW 3.679 vs 3.325", pair(matched, adamw), lower(matched, adamw),
                "Welch p = " + Verdicts.fmt("%.3g", WelchTest.pValue(matched, adamw)) + " over " + matched.length + " and "
                        + adamw.length + " seeds; p < " + ALPHA + " decides"));
        rows.add(new Row("reusing AdamW's hyper-parameters loses nothing against Keller's tuned Muon (the rule's purpose)",
                "§2.2 (no Keller baseline in Table 8)", "-", pair(matched, keller), matches(matched, keller),
                "as good as: mean within " + EQUIVALENCE_MARGIN + " nats or lower; worse: higher by more with p < " + ALPHA));
        rows.add(measuredRow(results));
        rows.add(adamwRow(values(results, MEASURED, "adamw", Double.NaN)));
        return rows;
    }

    /** The results column of each run's mean measured update RMS per lr ({@link UpdateRmsProbe}). */
    static final String MEASURED = "mean_" + UpdateRmsProbe.COLUMN;
    /** Keller's NS5 leaves the polar factor's RMS within about ±30 % of exact (references §5). */
    static final double NS5_TOLERANCE = 0.30;

    /** Reproduced when every target's measured update RMS per lr lies within ±{@link #NS5_TOLERANCE} of it. */
    private static Row measuredRow(Table results) {
        StringBuilder ours = new StringBuilder();
        boolean any = false, all = true;
        for (double r : UpdateRmsStudy.TARGETS) {
            double m = WelchTest.mean(values(results, MEASURED, "muon-moonlight", r));
            ours.append(ours.length() == 0 ? "" : ", ").append(r).append(": ").append(Verdicts.fmt("%.3f", m));
            any |= Double.isFinite(m);
            all &= Double.isFinite(m) && Math.abs(m / r - 1) <= NS5_TOLERANCE;
        }
        return new Row("the rule 0.2·√max(A, B)·O sets the update RMS to its target for every shape", "Eq. 4, Lemma 1",
                "RMS = r", "measured mean RMS(ΔW)/lr of the hidden matrices: " + ours,
                !any ? Verdict.INCONCLUSIVE : all ? Verdict.REPRODUCED : Verdict.NOT_REPRODUCED,
                "within ±" + NS5_TOLERANCE + " of r (NS5 is not the exact polar factor; ΔW includes lr·λ·W)");
    }

    /** Reproduced when AdamW's measured mean update RMS per lr lies in [0.2, 0.4]. */
    static Row adamwRow(double[] adamw) {
        double m = WelchTest.mean(adamw);
        Verdict v = adamw.length == 0 ? Verdict.INCONCLUSIVE : m >= 0.2 && m <= 0.4 ? Verdict.REPRODUCED : Verdict.NOT_REPRODUCED;
        return new Row("AdamW's update RMS is typically 0.2-0.4 (why 0.2 matches it)", "§2.2", "0.2-0.4",
                Verdicts.fmt("mean RMS(ΔW)/lr of AdamW's hidden matrices: %.3f over %d seed(s)", m, adamw.length), v,
                "the mean over evaluations and seeds inside [0.2, 0.4]");
    }

    /**
     * Table 8 as a table: one row per entrant (AdamW, Keller's Muon, then Moonlight's Muon at each target
     * r), what notebook 08 charts against r.
     *
     * @param results {@link Sweep#results} of the study. Not modified.
     * @return columns {@code optimizer}, {@code update_rms} (NaN for the references), {@code seeds},
     *         {@code final_loss_mean}, {@code final_loss_sd} (NaN below two seeds) and
     *         {@code measured_rms_mean} (the mean of {@link #MEASURED} over seeds)
     */
    public static Table finalLossByTarget(Table results) {
        StringColumn opt = StringColumn.create("optimizer");
        DoubleColumn target = DoubleColumn.create("update_rms");
        IntColumn seeds = IntColumn.create("seeds");
        DoubleColumn mean = DoubleColumn.create("final_loss_mean");
        DoubleColumn sd = DoubleColumn.create("final_loss_sd");
        DoubleColumn measured = DoubleColumn.create("measured_rms_mean");
        List<Object[]> entrants = new ArrayList<>(List.of(new Object[]{"adamw", Double.NaN}, new Object[]{"muon", Double.NaN}));
        UpdateRmsStudy.TARGETS.forEach(r -> entrants.add(new Object[]{"muon-moonlight", r}));
        for (Object[] e : entrants) {
            double[] loss = finalLosses(results, (String) e[0], (Double) e[1]);
            if (loss.length == 0) {
                continue;
            }
            opt.append((String) e[0]);
            target.append((Double) e[1]);
            seeds.append(loss.length);
            mean.append(WelchTest.mean(loss));
            sd.append(loss.length < 2 ? Double.NaN : WelchTest.sd(loss));
            measured.append(WelchTest.mean(values(results, MEASURED, (String) e[0], (Double) e[1])));
        }
        return Table.create("final val loss by update RMS target", opt, target, seeds, mean, sd, measured);
    }

    /** @return the finite final losses of the runs of {@code optimizer} (and target {@code r}, NaN: none) */
    static double[] finalLosses(Table results, String optimizer, double r) {
        return values(results, "final_val_loss", optimizer, r);
    }

    /** @return the finite values of {@code metric} of the runs of {@code optimizer} (and target {@code r}, NaN: none) */
    static double[] values(Table results, String metric, String optimizer, double r) {
        if (results.rowCount() == 0 || !results.columnNames().contains(metric)) {
            return new double[0];
        }
        boolean hasTarget = results.columnNames().contains("update_rms");
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < results.rowCount(); i++) {
            double target = hasTarget ? results.doubleColumn("update_rms").getDouble(i) : Double.NaN;
            boolean sameTarget = Double.isNaN(r) ? Double.isNaN(target) : target == r;
            double loss = results.doubleColumn(metric).getDouble(i);
            if (results.stringColumn("optimizer").getString(i).equals(optimizer) && sameTarget && Double.isFinite(loss)) {
                out.add(loss);
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * Reproduced when the best mean lies at 0.2 or 0.4 and both 0.05 and 0.8 are worse than it with
     * p &lt; α; not reproduced when the best mean lies at an end (0.05 or 0.8) and beats 0.2 with p &lt; α;
     * otherwise (or with fewer than two seeds) inconclusive.
     *
     * @param byTarget target → final losses over seeds. Not modified.
     */
    static Verdict interiorOptimum(Map<Double, double[]> byTarget) {
        double best = bestTarget(byTarget);
        if (Double.isNaN(best)) {
            return Verdict.INCONCLUSIVE;
        }
        double[] b = byTarget.get(best);
        if (best == 0.2 || best == 0.4) {
            return significantlyLower(b, byTarget.get(0.05)) && significantlyLower(b, byTarget.get(0.8))
                    ? Verdict.REPRODUCED : Verdict.INCONCLUSIVE;
        }
        if (best == 0.05 || best == 0.8) {
            return significantlyLower(b, byTarget.get(0.2)) ? Verdict.NOT_REPRODUCED : Verdict.INCONCLUSIVE;
        }
        return Verdict.INCONCLUSIVE;
    }

    /** @return the target whose mean final loss is lowest; NaN when none has a run */
    static double bestTarget(Map<Double, double[]> byTarget) {
        double best = Double.NaN, bestMean = Double.POSITIVE_INFINITY;
        for (Map.Entry<Double, double[]> e : byTarget.entrySet()) {
            double m = WelchTest.mean(e.getValue());
            if (m < bestMean) {
                bestMean = m;
                best = e.getKey();
            }
        }
        return best;
    }

    /** @return Reproduced when a's mean is below b's with p &lt; α, not reproduced when above with p &lt; α */
    static Verdict lower(double[] a, double[] b) {
        if (significantlyLower(a, b)) {
            return Verdict.REPRODUCED;
        }
        return significantlyLower(b, a) ? Verdict.NOT_REPRODUCED : Verdict.INCONCLUSIVE;
    }

    /** @return reproduced when a's mean is at most b's + margin, not reproduced when higher by more with p &lt; α */
    static Verdict matches(double[] a, double[] b) {
        if (a.length < 2 || b.length < 2) {
            return Verdict.INCONCLUSIVE;
        }
        double d = WelchTest.mean(a) - WelchTest.mean(b);
        if (d <= EQUIVALENCE_MARGIN) {
            return Verdict.REPRODUCED;
        }
        return WelchTest.pValue(a, b) < ALPHA ? Verdict.NOT_REPRODUCED : Verdict.INCONCLUSIVE;
    }

    /** @return whether a's mean is below b's with Welch p &lt; α (false below two seeds each) */
    static boolean significantlyLower(double[] a, double[] b) {
        if (a == null || b == null) {
            return false;
        }
        double p = WelchTest.pValue(a, b);
        return !Double.isNaN(p) && p < ALPHA && WelchTest.mean(a) < WelchTest.mean(b);
    }

    private static String optimumReason(Map<Double, double[]> byTarget) {
        int seeds = byTarget.values().stream().mapToInt(v -> v.length).min().orElse(0);
        return "best mean at r = " + bestTarget(byTarget) + "; ends compared by Welch p < " + ALPHA + " over " + seeds
                + " seed(s)" + (seeds < 2 ? ": one seed decides nothing" : "");
    }

    private static String describe(Map<Double, double[]> byTarget) {
        StringBuilder sb = new StringBuilder();
        byTarget.forEach((r, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(r).append(": ")
                .append(Verdicts.fmt("%.3f", WelchTest.mean(v))));
        return sb.toString();
    }

    private static String pair(double[] a, double[] b) {
        return Verdicts.fmt("%.3f vs %.3f (means over %d, %d seeds)", WelchTest.mean(a), WelchTest.mean(b), a.length, b.length);
    }
}
