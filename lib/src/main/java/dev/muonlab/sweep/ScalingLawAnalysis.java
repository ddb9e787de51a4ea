package dev.muonlab.sweep;

import dev.muonlab.scaling.ComputeFrontier;
import dev.muonlab.scaling.ComputeRatio;
import dev.muonlab.scaling.PowerLaw;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The read-out of {@link ScalingLawStudy}: each optimizer's compute frontier, the pure power law
 * L = a·C^b fitted to it (Moonlight's form, arXiv 2502.16982 Table 3), and the equal-loss compute ratio
 * C_Muon / C_AdamW with a percentile-bootstrap interval ({@link ComputeRatio#bootstrapAtLoss}), decided
 * by a stated rule.
 */
public final class ScalingLawAnalysis {

    /** Moonlight's ratio at their scale: Muon needs ≈ 52 % of AdamW's training FLOPs (§3.3, Fig. 3). */
    public static final double MOONLIGHT_RATIO = 0.52;
    /** Bootstrap replicates and seed of the ratio's interval. */
    static final int REPLICATES = 2000;
    static final long BOOTSTRAP_SEED = 1;

    private ScalingLawAnalysis() {
    }

    /**
     * One optimizer's (C, L) points: per width, the validation loss averaged over the seeds at each
     * evaluation (so a lucky seed does not make the frontier), C = {@link WidthRun#flopsPerToken} ×
     * tokens. The evaluation at token 0 and diverged (non-finite) losses are left out.
     *
     * @param results {@link Sweep#results} of the study (columns optimizer, width, layers, block). Not modified.
     * @param curves  {@link Sweep#curves} (columns run, tokens, val_loss). Not modified.
     * @return the points, in no particular order
     */
    public static List<ComputeFrontier.Point> points(Table results, Table curves, String optimizer) {
        Map<String, double[]> shapeOfRun = new HashMap<>();   // run → {width, layers, block}
        for (int i = 0; i < results.rowCount(); i++) {
            if (results.stringColumn("optimizer").get(i).equals(optimizer)) {
                shapeOfRun.put(results.stringColumn("run").get(i), new double[]{results.doubleColumn("width").getDouble(i),
                        results.doubleColumn("layers").getDouble(i), results.doubleColumn("block").getDouble(i)});
            }
        }
        Map<List<Double>, double[]> sums = new TreeMap<>(ScalingLawAnalysis::compareKeys);  // (width, layers, block, tokens) → {Σ loss, n}
        for (int i = 0; i < curves.rowCount(); i++) {
            double[] shape = shapeOfRun.get(curves.stringColumn("run").get(i));
            double tokens = curves.numberColumn("tokens").getDouble(i);
            double loss = curves.numberColumn("val_loss").getDouble(i);
            if (shape == null || !(tokens > 0) || !Double.isFinite(loss)) {
                continue;
            }
            double[] s = sums.computeIfAbsent(List.of(shape[0], shape[1], shape[2], tokens), k -> new double[2]);
            s[0] += loss;
            s[1]++;
        }
        List<ComputeFrontier.Point> points = new ArrayList<>();
        sums.forEach((k, s) -> points.add(new ComputeFrontier.Point(
                WidthRun.flopsPerToken(k.get(1).intValue(), k.get(0).intValue(), k.get(2).intValue(), 65) * k.get(3), s[0] / s[1])));
        return points;
    }

    /**
     * The loss to compare the laws at: the middle of the range both frontiers cover, so that neither law
     * is extrapolated.
     *
     * @return (max of the minima + min of the maxima) / 2, or NaN when the ranges do not overlap
     */
    public static double sharedLoss(List<ComputeFrontier.Point> a, List<ComputeFrontier.Point> b) {
        double lo = Math.max(min(a), min(b));
        double hi = Math.min(max(a), max(b));
        return lo < hi ? (lo + hi) / 2 : Double.NaN;
    }

    /** The optimizers of the study, in its order (AdamW first: the ratio's reference). */
    public static final List<String> OPTIMIZERS = List.of("adamw", "muon", "muon-moonlight");

    /**
     * Each optimizer's fitted law L = a·C^b on its compute frontier (Moonlight's Table 3, in FLOPs) and,
     * for the Muon recipes, the equal-loss compute ratio against AdamW with its 95 % bootstrap interval
     * (the numbers the verdicts rule on, as columns).
     *
     * @param results {@link Sweep#results}. Not modified.
     * @param curves  {@link Sweep#curves}. Not modified.
     * @return columns {@code optimizer}, {@code points}, {@code frontier_points}, {@code a}, {@code b},
     *         {@code ratio_vs_adamw}, {@code ratio_low}, {@code ratio_high}, {@code at_loss}; NaN where a
     *         fit needs more than 2 frontier points or the frontiers share no loss range
     */
    public static Table laws(Table results, Table curves) {
        StringColumn opt = StringColumn.create("optimizer");
        IntColumn n = IntColumn.create("points");
        IntColumn nf = IntColumn.create("frontier_points");
        DoubleColumn a = DoubleColumn.create("a");
        DoubleColumn b = DoubleColumn.create("b");
        DoubleColumn ratio = DoubleColumn.create("ratio_vs_adamw");
        DoubleColumn low = DoubleColumn.create("ratio_low");
        DoubleColumn high = DoubleColumn.create("ratio_high");
        DoubleColumn at = DoubleColumn.create("at_loss");
        List<ComputeFrontier.Point> adamw = ComputeFrontier.of(points(results, curves, "adamw"));
        for (String o : OPTIMIZERS) {
            List<ComputeFrontier.Point> all = points(results, curves, o);
            List<ComputeFrontier.Point> f = ComputeFrontier.of(all);
            if (all.isEmpty()) {
                continue;
            }
            PowerLaw law = f.size() >= 3 ? ComputeRatio.fit(f, ComputeRatio.Form.PURE) : null;
            double loss = o.equals("adamw") || f.size() < 3 || adamw.size() < 3 ? Double.NaN : sharedLoss(f, adamw);
            ComputeRatio.Interval r = Double.isNaN(loss) ? null
                    : ComputeRatio.bootstrapAtLoss(f, adamw, loss, ComputeRatio.Form.PURE, BOOTSTRAP_SEED, REPLICATES);
            opt.append(o);
            n.append(all.size());
            nf.append(f.size());
            a.append(law == null ? Double.NaN : law.a());
            b.append(law == null ? Double.NaN : law.b());
            ratio.append(r == null ? Double.NaN : r.ratio());
            low.append(r == null ? Double.NaN : r.low());
            high.append(r == null ? Double.NaN : r.high());
            at.append(loss);
        }
        return Table.create("compute-frontier laws L = a·C^b (C in FLOPs)", opt, n, nf, a, b, ratio, low, high, at);
    }

    /**
     * One verdict row per Muon recipe: "Muon reaches AdamW's loss with less compute". Rule: reproduced
     * when the ratio's 95 % interval lies wholly below 1, not reproduced when wholly above 1, otherwise
     * inconclusive; the reason says whether Moonlight's 0.52 lies inside the interval.
     *
     * @param results {@link Sweep#results}. Not modified.
     * @param curves  {@link Sweep#curves}. Not modified.
     */
    public static List<Verdicts.Row> verdicts(Table results, Table curves) {
        List<ComputeFrontier.Point> adamw = ComputeFrontier.of(points(results, curves, "adamw"));
        List<Verdicts.Row> rows = new ArrayList<>();
        for (String muon : List.of("muon", "muon-moonlight")) {
            List<ComputeFrontier.Point> m = ComputeFrontier.of(points(results, curves, muon));
            String claim = (muon.equals("muon") ? "Keller's Muon" : "Moonlight's Muon") + " reaches AdamW's loss with less compute";
            String setting = "Moonlight (arXiv 2502.16982 §3.3): 399M-1.5B parameters, compute-optimal runs";
            String paper = "C_Muon/C_AdamW ≈ 0.52 (2.506·C^−0.052 vs 2.608·C^−0.054)";
            double loss = sharedLoss(m, adamw);
            if (m.size() < 3 || adamw.size() < 3 || Double.isNaN(loss)) {
                rows.add(new Verdicts.Row(claim, setting, paper, "frontiers of " + m.size() + " and " + adamw.size()
                        + " points", Verdicts.Verdict.INCONCLUSIVE, "too few frontier points, or the frontiers share no loss range"));
                continue;
            }
            PowerLaw lawM = ComputeRatio.fit(m, ComputeRatio.Form.PURE);
            PowerLaw lawA = ComputeRatio.fit(adamw, ComputeRatio.Form.PURE);
            ComputeRatio.Interval r = ComputeRatio.bootstrapAtLoss(m, adamw, loss, ComputeRatio.Form.PURE, BOOTSTRAP_SEED, REPLICATES);
            Verdicts.Verdict v = r.high() < 1 ? Verdicts.Verdict.REPRODUCED
                    : r.low() > 1 ? Verdicts.Verdict.NOT_REPRODUCED : Verdicts.Verdict.INCONCLUSIVE;
            String ours = String.format("%.2f [%.2f, %.2f] at L = %.3f; %s %.3f·C^%.4f, AdamW %.3f·C^%.4f (C in FLOPs)",
                    r.ratio(), r.low(), r.high(), loss, muon, lawM.a(), lawM.b(), lawA.a(), lawA.b());
            String reason = String.format("95 %% bootstrap interval over %d and %d frontier points (%d replicates) %s 1; "
                            + "Moonlight's 0.52 %s it", m.size(), adamw.size(), r.used(),
                    r.high() < 1 ? "below" : r.low() > 1 ? "above" : "contains",
                    r.low() <= MOONLIGHT_RATIO && MOONLIGHT_RATIO <= r.high() ? "lies in" : "lies outside");
            rows.add(new Verdicts.Row(claim, setting, paper, ours, v, reason));
        }
        return rows;
    }

    private static int compareKeys(List<Double> x, List<Double> y) {
        for (int i = 0; i < x.size(); i++) {
            int c = Double.compare(x.get(i), y.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static double min(List<ComputeFrontier.Point> p) {
        return p.stream().mapToDouble(ComputeFrontier.Point::loss).min().orElse(Double.NaN);
    }

    private static double max(List<ComputeFrontier.Point> p) {
        return p.stream().mapToDouble(ComputeFrontier.Point::loss).max().orElse(Double.NaN);
    }
}
