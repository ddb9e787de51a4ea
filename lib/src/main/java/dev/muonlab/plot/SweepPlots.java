package dev.muonlab.plot;

import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Line;
import tech.tablesaw.plotly.components.Marker;
import tech.tablesaw.plotly.components.Symbol;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

/**
 * Figures of the κ-sweep studies (matrix factorization, in-context regression) from the tables of
 * {@code dev.muonlab.experiments.StudyResult}. Every function is pure: tables are not modified.
 */
public final class SweepPlots {

    private SweepPlots() {
    }

    /**
     * A metric against iteration, one line per κ (colour) and method (dash), log scale.
     *
     * @param curves  the curves table (kappa, method, iteration, metric, loss)
     * @param column  "loss" or "metric"
     * @param methods the methods to draw (labels), in legend order; empty draws all
     * @param title   the figure title
     */
    public static Figure curves(Table curves, String column, List<String> methods, String title) {
        List<String> drawn = methods.isEmpty() ? curves.stringColumn("method").unique().asList() : methods;
        List<Double> kappas = curves.doubleColumn("kappa").unique().asList();
        kappas.sort(null);
        Line.Dash[] dashes = {Line.Dash.SOLID, Line.Dash.DASH, Line.Dash.DOT, Line.Dash.LONG_DASH_DOT};
        List<Trace> traces = new ArrayList<>();
        for (int m = 0; m < drawn.size(); m++) {
            for (int k = 0; k < kappas.size(); k++) {
                Table run = curves.where(curves.stringColumn("method").isEqualTo(drawn.get(m))
                        .and(curves.doubleColumn("kappa").isEqualTo(kappas.get(k))));
                if (run.rowCount() == 0) {
                    continue;
                }
                traces.add(PlotStyle.line(run.intColumn("iteration").asDoubleArray(),
                        run.doubleColumn(column).asDoubleArray(), drawn.get(m) + ", κ=" + fmt(kappas.get(k)),
                        PlotStyle.color(k), dashes[m % dashes.length], true));
            }
        }
        return new Figure(PlotStyle.layout(title, PlotStyle.axis("iteration", false),
                PlotStyle.axis(column.equals("loss") ? "loss" : "error", true)), traces.toArray(new Trace[0]));
    }

    /**
     * Iterations to ε against κ, log-log, one line per method; runs that did not reach ε within the
     * budget are drawn as triangles at the number of iterations they ran (a lower bound).
     *
     * @param summary the summary table (kappa, method, itersToEps, reached, iterations, ...)
     * @param title   the figure title
     */
    public static Figure iterationsToEpsilon(Table summary, String title) {
        List<Trace> traces = new ArrayList<>();
        List<String> methods = summary.stringColumn("method").unique().asList();
        methods.sort(null);
        for (int m = 0; m < methods.size(); m++) {
            Table rows = summary.where(summary.stringColumn("method").isEqualTo(methods.get(m))).sortOn("kappa");
            Table reached = rows.where(rows.booleanColumn("reached").isTrue());
            Table censored = rows.where(rows.booleanColumn("reached").isFalse());
            String color = PlotStyle.color(m);
            if (reached.rowCount() > 0) {
                traces.add(ScatterTrace.builder(reached.doubleColumn("kappa").asDoubleArray(),
                                reached.intColumn("itersToEps").asDoubleArray())
                        .mode(ScatterTrace.Mode.LINE_AND_MARKERS).name(methods.get(m))
                        .line(Line.builder().color(color).width(2).build())
                        .marker(Marker.builder().color(color).size(9).build()).build());
            }
            if (censored.rowCount() > 0) {
                traces.add(ScatterTrace.builder(censored.doubleColumn("kappa").asDoubleArray(),
                                censored.intColumn("iterations").asDoubleArray())
                        .mode(ScatterTrace.Mode.MARKERS).name(methods.get(m) + " (not reached: ≥)")
                        .marker(Marker.builder().color(color).size(11).symbol(Symbol.TRIANGLE_UP).build()).build());
            }
        }
        return new Figure(PlotStyle.layout(title, PlotStyle.axis("condition number κ", true),
                PlotStyle.axis("iterations to ε", true)), traces.toArray(new Trace[0]));
    }

    /**
     * Each planted mode's progress (1 = converged) against iteration for one run: the spectral
     * domain in which Ma et al.'s analysis decouples the dynamics.
     *
     * @param modes  the modes table (kappa, method, iteration, mode, lambda, progress)
     * @param kappa  which κ
     * @param method which method (label)
     * @param title  the figure title
     */
    public static Figure modes(Table modes, double kappa, String method, String title) {
        Table run = modes.where(modes.doubleColumn("kappa").isEqualTo(kappa)
                .and(modes.stringColumn("method").isEqualTo(method)));
        List<Trace> traces = new ArrayList<>();
        List<Integer> ids = run.intColumn("mode").unique().asList();
        ids.sort(null);
        for (int i = 0; i < ids.size(); i++) {
            Table mode = run.where(run.intColumn("mode").isEqualTo(ids.get(i))).sortOn("iteration");
            traces.add(PlotStyle.line(mode.intColumn("iteration").asDoubleArray(), mode.doubleColumn("progress").asDoubleArray(),
                    "mode " + ids.get(i) + " (λ=" + String.format("%.3g", mode.doubleColumn("lambda").getDouble(0)) + ")",
                    PlotStyle.color(i), Line.Dash.SOLID, false));
        }
        return new Figure(PlotStyle.layout(title, PlotStyle.axis("iteration", true),
                PlotStyle.axis("fraction of the target reached", false)), traces.toArray(new Trace[0]));
    }

    /**
     * Sampled-prompt training against N, log-log: the learned Γ's distance to Γ*_N and to Λ⁻¹, and
     * the distance between the two optima.
     *
     * @param sampled the table of {@code SampledPromptsStudy.run}
     * @param title   the figure title
     */
    public static Figure sampledPrompts(Table sampled, String title) {
        double[] n = sampled.intColumn("N").asDoubleArray();
        String[] columns = {"errorToOptimumN", "errorToPopulation", "optimumNToPopulation"};
        String[] names = {"learned Γ vs Γ*_N", "learned Γ vs Λ⁻¹", "Γ*_N vs Λ⁻¹"};
        List<Trace> traces = new ArrayList<>();
        for (int c = 0; c < columns.length; c++) {
            traces.add(ScatterTrace.builder(n, sampled.doubleColumn(columns[c]).asDoubleArray())
                    .mode(ScatterTrace.Mode.LINE_AND_MARKERS).name(names[c])
                    .line(Line.builder().color(PlotStyle.color(c)).width(2).build())
                    .marker(Marker.builder().color(PlotStyle.color(c)).size(8).build()).build());
        }
        return new Figure(PlotStyle.layout(title, PlotStyle.axis("examples per prompt N", true),
                PlotStyle.axis("relative Frobenius distance", true)), traces.toArray(new Trace[0]));
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
