package dev.muonlab.sweep;

import dev.muonlab.scaling.Telescoping;
import dev.muonlab.scaling.WidthDrift;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The read-out of {@link TelescopingStudy}: each search's cost and optimum, and the optimum's drift
 * against 1/width.
 *
 * <p>Cost: runs, tokens, FLOPs ≈ 6·N·D (N the non-embedding parameters 12·L·C², D the run's tokens;
 * Kaplan et al. 2020) and the measured seconds of the runs (the {@code seconds} metric, evaluation
 * included), per telescoping stage, in total, and for the full grid at the final width.
 *
 * <p>Optimum of a grid: its best point (the search's choice); refined along each axis through it by
 * {@link LrOptimum} (the parabola in log₂ units through the best point and its neighbours on that
 * axis), which is what the drift fit uses, since grid points alone move in whole mesh steps.
 *
 * <p>Drift: Essential AI's error model x*(n) = x* − α/n (arXiv 2505.02222 Eq. 4, {@link WidthDrift#fit})
 * through the refined optima at the base width (stage 0), at the intermediate widths (their telescoping
 * stages) and at the final width (the full grid: the last telescoping stage may be 1×1 and cannot
 * locate an optimum). Under Eq. 4 each doubling moves the optimum half as far as the one before.
 */
public final class TelescopingAnalysis {

    private TelescopingAnalysis() {
    }

    /**
     * A grid's read-out: best point, its loss, the refined optimum (log₂ lr multiplier, log₂ λ), and
     * whether the best point sits at the grid's edge along each axis (of a grid wider than one point).
     */
    record Optimum(double lrMultiplier, double weightDecay, double loss, double log2Lr, double log2Wd,
                   boolean lrEdge, boolean wdEdge) {

        /** @return "", or a phrase naming the axes whose best is at the grid's edge */
        String edgeNote() {
            return lrEdge && wdEdge ? "lr and λ at the grid's edge" : lrEdge ? "lr at the grid's edge"
                    : wdEdge ? "λ at the grid's edge" : "";
        }
    }

    /**
     * @param study   the study (its grids). Not modified.
     * @param results the sweep's results. Not modified.
     * @return rows: each telescoping stage, the telescoping total, the full grid, and Eq. 4's fit per
     *         hyper-parameter (fitted x∞ in the log₂ columns, α and the widths' optima in {@code note})
     */
    static Table summary(TelescopingStudy study, TelescopingStudy.Size size, Table results) {
        Table t = Table.create("telescoping", StringColumn.create("search"), IntColumn.create("width"),
                StringColumn.create("grid"), IntColumn.create("runs"), DoubleColumn.create("tokens"),
                DoubleColumn.create("flops"), DoubleColumn.create("seconds"), DoubleColumn.create("lr_multiplier"),
                DoubleColumn.create("weight_decay"), DoubleColumn.create("loss"), DoubleColumn.create("log2_lr"),
                DoubleColumn.create("log2_wd"), StringColumn.create("note"));
        if (results.rowCount() == 0) {
            return t;
        }
        Map<String, Integer> row = new HashMap<>();
        for (int i = 0; i < results.rowCount(); i++) {
            row.put(results.stringColumn("run").get(i), i);
        }
        List<TelescopingStudy.Walked> walked = study.walk(size, results);
        List<Double> widths = new ArrayList<>();
        List<Optimum> optima = new ArrayList<>();
        double runs = 0, tokens = 0, flops = 0, seconds = 0;
        Optimum last = null;
        for (TelescopingStudy.Walked w : walked) {
            Telescoping.Stage st = w.stage();
            Optimum o = w.complete() ? optimum(w.specs(), w.axes(), w.best(), results, row) : null;
            double[] c = cost(w.specs(), results, row);
            add(t, "telescoping s=" + st.doublings(), (int) st.width(), st.points(), c, o,
                    w.complete() ? "" : "incomplete");
            runs += c[0];
            tokens += c[1];
            flops += c[2];
            seconds += c[3];
            if (o != null) {
                last = o;
                if (st.width() < size.finalWidth()) {                      // N_c's optimum: the full grid's
                    widths.add((double) st.width());
                    optima.add(o);
                }
            }
        }
        double[][] fullAxes = TelescopingStudy.axes(size.m(), TelescopingStudy.CENTRE);
        List<RunSpec> full = study.grid(size, size.finalWidth(), fullAxes);
        int fullBest = TelescopingStudy.bestIndex(full, results, row);
        Optimum fo = fullBest < 0 ? null : optimum(full, fullAxes, fullBest, results, row);
        double[] fc = cost(full, results, row);
        boolean finished = walked.size() == TelescopingStudy.stages(size).size() && walked.get(walked.size() - 1).complete();
        add(t, "telescoping total", size.finalWidth(), 0, new double[] {runs, tokens, flops, seconds}, finished ? last : null,
                finished && fo != null ? Verdicts.fmt("%.0f%% of the full grid's FLOPs; its final point is %.4f nats above the full grid's best",
                        100 * flops / fc[2], last.loss() - fo.loss()) : "incomplete");
        add(t, "full grid", size.finalWidth(), size.m(), fc, fo, fullBest < 0 ? "incomplete" : "");
        if (fo != null) {
            widths.add((double) size.finalWidth());
            optima.add(fo);
        }
        if (widths.size() >= 2 && fo != null) {
            fitRow(t, "Eq. 4 fit, log2 lr", widths, optima.stream().mapToDouble(Optimum::log2Lr).toArray(), true);
            fitRow(t, "Eq. 4 fit, log2 wd", widths, optima.stream().mapToDouble(Optimum::log2Wd).toArray(), false);
        }
        return t;
    }

    /** Appends Eq. 4's fit of {@code x} against the widths to {@code t} (modified). */
    private static void fitRow(Table t, String name, List<Double> widths, double[] x, boolean lr) {
        double[] w = widths.stream().mapToDouble(Double::doubleValue).toArray();
        double[] fit = WidthDrift.fit(w, x);
        StringBuilder note = new StringBuilder(Verdicts.fmt("x*(n) = x∞ − α/n, x∞ = %.3f, α = %.1f; refined optima", fit[0], fit[1] + 0.0));
        for (int i = 0; i < w.length; i++) {
            note.append(Verdicts.fmt(" %d: %+.3f (fit %+.3f)", (int) w[i], x[i], WidthDrift.optimumAt(fit[0], fit[1], w[i])));
        }
        if (w.length >= 3 && x[1] != x[0]) {
            note.append(Verdicts.fmt("; second doubling's drift / first's = %.2f (Eq. 4: 0.5)", (x[2] - x[1]) / (x[1] - x[0])));
        }
        t.stringColumn("search").append(name);
        t.intColumn("width").appendMissing();
        t.stringColumn("grid").append("");
        t.intColumn("runs").appendMissing();
        for (String c : List.of("tokens", "flops", "seconds", "lr_multiplier", "weight_decay", "loss")) {
            t.doubleColumn(c).appendMissing();
        }
        t.doubleColumn("log2_lr").append(lr ? fit[0] : Double.NaN);
        t.doubleColumn("log2_wd").append(lr ? Double.NaN : fit[0]);
        t.stringColumn("note").append(note.toString());
    }

    /** Appends one search row to {@code t} (modified); {@code o} null: no optimum yet. */
    private static void add(Table t, String search, int width, int points, double[] cost, Optimum o, String note) {
        t.stringColumn("search").append(search);
        t.intColumn("width").append(width);
        t.stringColumn("grid").append(points > 0 ? points + "×" + points : "");
        t.intColumn("runs").append((int) cost[0]);
        t.doubleColumn("tokens").append(cost[1]);
        t.doubleColumn("flops").append(cost[2]);
        t.doubleColumn("seconds").append(cost[3]);
        t.doubleColumn("lr_multiplier").append(o == null ? Double.NaN : o.lrMultiplier());
        t.doubleColumn("weight_decay").append(o == null ? Double.NaN : o.weightDecay());
        t.doubleColumn("loss").append(o == null ? Double.NaN : o.loss());
        t.doubleColumn("log2_lr").append(o == null ? Double.NaN : o.log2Lr());
        t.doubleColumn("log2_wd").append(o == null ? Double.NaN : o.log2Wd());
        String edge = o == null || points == 0 ? "" : o.edgeNote();
        t.stringColumn("note").append(note.isEmpty() ? edge : edge.isEmpty() ? note : note + "; " + edge);
    }

    /** @return {runs, tokens, 6·N·D FLOPs, measured seconds (stored runs)} of a search's runs */
    static double[] cost(List<RunSpec> specs, Table results, Map<String, Integer> row) {
        double tokens = 0, flops = 0, seconds = 0;
        for (RunSpec s : specs) {
            double d = WidthRun.tokens(s);
            tokens += d;
            flops += 6 * WidthRun.nonEmbeddingParams(s.getInt("layers"), s.getInt("width")) * d;
            Integer i = row.get(s.hash());
            if (i != null && results.columnNames().contains("seconds")) {
                seconds += results.doubleColumn("seconds").get(i);
            }
        }
        return new double[] {specs.size(), tokens, flops, seconds};
    }

    /** @return the grid's best point and its refinement along each axis (every run stored) */
    static Optimum optimum(List<RunSpec> specs, double[][] axes, int best, Table results, Map<String, Integer> row) {
        int ny = axes[1].length;
        int bx = best / ny;
        int by = best % ny;
        double[] alongLr = new double[axes[0].length];
        for (int ix = 0; ix < axes[0].length; ix++) {
            alongLr[ix] = score(specs.get(ix * ny + by), results, row);
        }
        double[] alongWd = new double[ny];
        for (int iy = 0; iy < ny; iy++) {
            alongWd[iy] = score(specs.get(bx * ny + iy), results, row);
        }
        double log2Base = Math.log(TelescopingStudy.BASE_DECAY) / Math.log(2);
        RunSpec b = specs.get(best);
        LrOptimum.Estimate lr = LrOptimum.estimate(axes[0], alongLr);
        LrOptimum.Estimate wd = LrOptimum.estimate(axes[1], alongWd);
        return new Optimum(b.getDouble("lr_multiplier"), b.getDouble("weight_decay"), score(b, results, row),
                lr.x(), log2Base + wd.x(), lr.atEdge() && axes[0].length > 1, wd.atEdge() && ny > 1);
    }

    private static double score(RunSpec s, Table results, Map<String, Integer> row) {
        int i = row.get(s.hash());
        return LrOptimum.score(results.doubleColumn("final_val_loss").get(i), results.doubleColumn("diverged").get(i) > 0);
    }
}
