package dev.muonlab.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The read-out of {@link WidthTransferStudy}: where the lr optimum sits, width by width, and whether
 * it moves.
 *
 * <p>Per cell (optimizer, parameterization, width) and seed, the optimum x* is {@link LrOptimum} of
 * the final validation loss against log₂ of the lr multiplier over the points that seed ran (seed 1:
 * the whole grid; later seeds: the best point of seed 1 and its two neighbours, so their vertex is
 * clamped to that window). The cell's optimum is the mean over seeds, its spread their sample sd.
 * The drift is x*(widest) − x*(narrowest) in octaves, with standard error
 * u = √(sd²_narrow/n_narrow + sd²_wide/n_wide).
 *
 * <p>Verdict rules (stated, not tuned), on the interval d ± 2u:
 * <ul>
 *   <li>muP, "optimum stable (drift &lt; 0.5 octave)": reproduced when the interval lies inside
 *       (−½, ½); not reproduced when it lies wholly outside [−½, ½]; otherwise inconclusive.</li>
 *   <li>SP, "optimum drifts ≈ 1 octave or more": reproduced when |d| − 2u ≥ ¾ octave; not reproduced
 *       when |d| + 2u &lt; ½ (as stable as muP's claim asks); otherwise inconclusive. The sign is
 *       reported, not tested (theory expects a smaller lr at a larger width).</li>
 *   <li>Either: inconclusive with fewer than 2 seeds at either end (no spread) or when seed 1's optimum
 *       sits at its grid's edge at either end (the optimum may lie beyond).</li>
 * </ul>
 */
public final class WidthTransferAnalysis {

    /** muP's claim: the optimum moves less than this, octaves. */
    public static final double STABLE_OCTAVES = 0.5;
    /** SP's claim, "≈ 1 octave or more", read as at least this beyond the seed spread, octaves. */
    public static final double DRIFT_OCTAVES = 0.75;

    private WidthTransferAnalysis() {
    }

    /**
     * One cell's optimum.
     *
     * @param optimum mean over seeds of x* (log₂ multiplier)
     * @param sd      sample sd of the per-seed x* (NaN below 2 seeds)
     * @param seeds   seeds with a finite x*
     * @param atEdge  seed 1's best is at the edge of its grid
     * @param loss    seed 1's lowest final loss
     */
    public record Cell(double optimum, double sd, int seeds, boolean atEdge, double loss) {
    }

    /** @return the rows of {@code results} (not modified) for one cell */
    static Table cell(Table results, String optimizer, String parameterization, int width) {
        return results.where(results.stringColumn("optimizer").isEqualTo(optimizer)
                .and(results.stringColumn("parameterization").isEqualTo(parameterization))
                .and(results.doubleColumn("width").isEqualTo(width)));
    }

    /** @return the cell's optimum from its rows (lr_multiplier, seed, final_val_loss, diverged; not modified) */
    public static Cell optimum(Table rows) {
        TreeMap<Double, TreeMap<Double, Double>> bySeed = new TreeMap<>();       // seed → log₂ m → score
        for (Row r : rows) {
            bySeed.computeIfAbsent(r.getDouble("seed"), k -> new TreeMap<>()).put(
                    Math.log(r.getDouble("lr_multiplier")) / Math.log(2),
                    LrOptimum.score(r.getDouble("final_val_loss"), r.getDouble("diverged") > 0));
        }
        List<Double> xs = new ArrayList<>();
        boolean edge = false;
        double loss = Double.NaN;
        for (var e : bySeed.entrySet()) {
            double[] x = e.getValue().keySet().stream().mapToDouble(Double::doubleValue).toArray();
            double[] y = e.getValue().values().stream().mapToDouble(Double::doubleValue).toArray();
            LrOptimum.Estimate est = LrOptimum.estimate(x, y);
            if (e.getKey() == 1) {
                edge = est.atEdge();
                loss = est.loss();
            }
            if (Double.isFinite(est.x())) {
                xs.add(est.x());
            }
        }
        double[] v = xs.stream().mapToDouble(Double::doubleValue).toArray();
        return new Cell(WelchTest.mean(v), WelchTest.sd(v), v.length, edge, loss);
    }

    /** @return the drift's standard error √(sd_a²/n_a + sd_b²/n_b); NaN below 2 seeds at either end */
    public static double driftSe(Cell narrow, Cell wide) {
        if (narrow.seeds() < 2 || wide.seeds() < 2) {
            return Double.NaN;
        }
        return Math.sqrt(narrow.sd() * narrow.sd() / narrow.seeds() + wide.sd() * wide.sd() / wide.seeds());
    }

    /** @return muP's verdict on drift {@code d} ± 2{@code u} octaves (see the class comment) */
    public static Verdicts.Verdict stable(double d, double u, boolean atEdge) {
        if (atEdge || !Double.isFinite(d) || !Double.isFinite(u)) {
            return Verdicts.Verdict.INCONCLUSIVE;
        }
        if (Math.abs(d) + 2 * u < STABLE_OCTAVES) {
            return Verdicts.Verdict.REPRODUCED;
        }
        return Math.abs(d) - 2 * u >= STABLE_OCTAVES ? Verdicts.Verdict.NOT_REPRODUCED : Verdicts.Verdict.INCONCLUSIVE;
    }

    /** @return SP's verdict on drift {@code d} ± 2{@code u} octaves (see the class comment) */
    public static Verdicts.Verdict drifts(double d, double u, boolean atEdge) {
        if (atEdge || !Double.isFinite(d) || !Double.isFinite(u)) {
            return Verdicts.Verdict.INCONCLUSIVE;
        }
        if (Math.abs(d) - 2 * u >= DRIFT_OCTAVES) {
            return Verdicts.Verdict.REPRODUCED;
        }
        return Math.abs(d) + 2 * u < STABLE_OCTAVES ? Verdicts.Verdict.NOT_REPRODUCED : Verdicts.Verdict.INCONCLUSIVE;
    }

    /**
     * @param results a {@link WidthTransferStudy} sweep's results. Not modified.
     * @return one row per cell: optimizer, parameterization, width, log2_optimum, sd, seeds, at_edge, loss
     */
    public static Table optima(Table results) {
        Table t = Table.create("optima", StringColumn.create("optimizer"), StringColumn.create("parameterization"),
                IntColumn.create("width"), DoubleColumn.create("log2_optimum"), DoubleColumn.create("sd"),
                IntColumn.create("seeds"), BooleanColumn.create("at_edge"), DoubleColumn.create("loss"));
        if (results.rowCount() == 0) {
            return t;
        }
        for (String o : new TreeSet<>(results.stringColumn("optimizer").asList())) {
            for (String p : new TreeSet<>(results.stringColumn("parameterization").asList())) {
                for (double w : new TreeSet<>(results.doubleColumn("width").asList())) {
                    Table rows = cell(results, o, p, (int) w);
                    if (rows.rowCount() == 0) {
                        continue;
                    }
                    Cell c = optimum(rows);
                    t.stringColumn("optimizer").append(o);
                    t.stringColumn("parameterization").append(p);
                    t.intColumn("width").append((int) w);
                    t.doubleColumn("log2_optimum").append(c.optimum());
                    t.doubleColumn("sd").append(c.sd());
                    t.intColumn("seeds").append(c.seeds());
                    t.booleanColumn("at_edge").append(c.atEdge());
                    t.doubleColumn("loss").append(c.loss());
                }
            }
        }
        return t;
    }

    /**
     * @param results a {@link WidthTransferStudy} sweep's results. Not modified.
     * @return one verdict row per (optimizer, parameterization) ({@link Verdicts#table}'s columns): the
     *         claim, and in {@code ours} the optimum per width (log₂ multiplier, mean ± sd over seeds) and the drift
     */
    public static Table summary(Table results) {
        Table optima = optima(results);
        List<Verdicts.Row> rows = new ArrayList<>();
        var arms = Verdicts.groupRows(optima, i -> optima.stringColumn("optimizer").get(i) + " "
                + optima.stringColumn("parameterization").get(i));
        for (var e : arms.entrySet()) {
            List<Integer> idx = e.getValue();                      // widths ascending (optima's order)
            StringBuilder ours = new StringBuilder("log2 lr× optimum by width:");
            for (int i : idx) {
                ours.append(Verdicts.fmt(" %d: %+.2f%s%s", optima.intColumn("width").get(i),
                        optima.doubleColumn("log2_optimum").get(i),
                        Double.isNaN(optima.doubleColumn("sd").get(i)) ? "" : Verdicts.fmt(" ± %.2f", optima.doubleColumn("sd").get(i)),
                        optima.booleanColumn("at_edge").get(i) ? " (edge)" : ""));
            }
            int a = idx.get(0);
            int b = idx.get(idx.size() - 1);
            Cell narrow = cellOf(optima, a);
            Cell wide = cellOf(optima, b);
            double d = wide.optimum() - narrow.optimum();
            double u = driftSe(narrow, wide);
            boolean edge = narrow.atEdge() || wide.atEdge();
            boolean mup = e.getKey().contains("mup");
            Verdicts.Verdict v = mup ? stable(d, u, edge) : drifts(d, u, edge);
            ours.append(Verdicts.fmt("; drift %d→%d: %+.2f ± %.2f octave (2 se)", optima.intColumn("width").get(a),
                    optima.intColumn("width").get(b), d, 2 * u));
            String reason = edge ? "an optimum at its grid's edge: it may lie beyond"
                    : Double.isNaN(u) ? "fewer than 2 seeds at an end: no spread to judge by"
                    : Verdicts.fmt("rule: %s on d ± 2se", mup ? "|d| + 2se < 0.5 reproduces, |d| − 2se ≥ 0.5 refutes"
                    : "|d| − 2se ≥ 0.75 reproduces, |d| + 2se < 0.5 refutes");
            rows.add(new Verdicts.Row(e.getKey() + (mup ? ": optimum stable (drift < 0.5 octave)"
                    : ": optimum drifts ≈ 1 octave or more"), "Tensor Programs V Fig. 1; nanochat PR #644",
                    mup ? "muP: optimal lr multiplier 1.0 at every width" : "SP: optimal multiplier 0.5 → 0.125 as width grows",
                    ours.toString(), v, reason));
        }
        return Verdicts.table(rows);
    }

    private static Cell cellOf(Table optima, int i) {
        return new Cell(optima.doubleColumn("log2_optimum").get(i), optima.doubleColumn("sd").get(i),
                optima.intColumn("seeds").get(i), optima.booleanColumn("at_edge").get(i), optima.doubleColumn("loss").get(i));
    }
}
