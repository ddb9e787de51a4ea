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
 * Notebook 06's figures from the tables of {@code dev.muonlab.sweep.BatchSizeReport} and
 * {@code CriticalBatchAnalysis}: T_L(B), R_L(B) with its intervals and Essential AI's claim marked,
 * critical batches, the simulated iso-loss curves and Sato et al.'s b* grid. Pure: tables are not modified.
 */
public final class BatchSizeCharts {

    /** Essential AI's "10-15 % fewer tokens" as token ratios: 1/(1 − 0.10) and 1/(1 − 0.15). */
    static final double[] CLAIM_BAND = {1 / 0.90, 1 / 0.85};

    private BatchSizeCharts() {
    }

    /** @return T_L(B) log-log at one target, one line per optimizer (best: optimizer, batch, target, tokens_mean) */
    public static Figure tokensToTarget(Table best, double target) {
        Table t = best.where(best.doubleColumn("target").isEqualTo(target));
        List<Trace> traces = new ArrayList<>();
        List<String> opts = sorted(t, "optimizer");
        for (int i = 0; i < opts.size(); i++) {
            Table o = t.where(t.stringColumn("optimizer").isEqualTo(opts.get(i))).sortOn("batch");
            traces.add(PlotStyle.lineWithMarkers(o.doubleColumn("batch").asDoubleArray(), o.doubleColumn("tokens_mean").asDoubleArray(),
                    opts.get(i), PlotStyle.color(i), Line.Dash.SOLID, true));
        }
        return new Figure(PlotStyle.layout("Tokens to L = " + target + " (mean over seeds)", PlotStyle.axis("batch B (sequences)", true),
                PlotStyle.axis("tokens to target T_L", true)), traces.toArray(new Trace[0]));
    }

    /**
     * @return R_L(B) per Muon variant and target (ratios: optimizer, batch, target, ratio, low, high),
     *         the 95 % intervals dotted, the paper's claim (R ≥ 1; 10-15 % fewer tokens: 1.11-1.18) in grey
     */
    public static Figure tokenRatio(Table ratios) {
        List<Trace> traces = new ArrayList<>();
        double[] xs = ratios.rowCount() == 0 ? new double[]{1, 2}
                : new double[]{ratios.doubleColumn("batch").min(), ratios.doubleColumn("batch").max()};
        traces.add(PlotStyle.line(xs, new double[]{1, 1}, "R = 1 (no advantage)", "#444444", Line.Dash.DASH, false));
        traces.add(PlotStyle.line(xs, new double[]{CLAIM_BAND[0], CLAIM_BAND[0]}, "paper: 10 % fewer tokens", "#999999", Line.Dash.DOT, false));
        traces.add(PlotStyle.line(xs, new double[]{CLAIM_BAND[1], CLAIM_BAND[1]}, "paper: 15 % fewer tokens", "#999999", Line.Dash.DOT, false));
        int k = 0;
        for (String opt : sorted(ratios, "optimizer")) {
            Table o = ratios.where(ratios.stringColumn("optimizer").isEqualTo(opt));
            for (double target : o.doubleColumn("target").unique().asList().stream().sorted().toList()) {
                Table s = o.where(o.doubleColumn("target").isEqualTo(target)).sortOn("batch");
                double[] b = s.doubleColumn("batch").asDoubleArray();
                String color = PlotStyle.color(k++);
                String name = opt + ", L = " + target;
                traces.add(PlotStyle.lineWithMarkers(b, s.doubleColumn("ratio").asDoubleArray(), name, color, Line.Dash.SOLID, false));
                traces.add(PlotStyle.line(b, s.doubleColumn("low").asDoubleArray(), name + " 95 % CI", color, Line.Dash.DOT, false));
                traces.add(PlotStyle.line(b, s.doubleColumn("high").asDoubleArray(), name + " 95 % CI", color, Line.Dash.DOT, false));
            }
        }
        return new Figure(PlotStyle.layout("Token ratio R_L(B) = T_AdamW / T_Muon (paper: ≥ 1, non-decreasing in B)",
                PlotStyle.axis("batch B (sequences)", true), PlotStyle.axis("R_L(B)", false)), traces.toArray(new Trace[0]));
    }

    /** @return per optimizer against target: McCandlish's B_crit (line) and the token-optimal batch (diamonds) */
    public static Figure criticalBatches(Table critical) {
        List<Trace> traces = new ArrayList<>();
        List<String> opts = sorted(critical, "optimizer");
        for (int i = 0; i < opts.size(); i++) {
            Table o = critical.where(critical.stringColumn("optimizer").isEqualTo(opts.get(i))).sortOn("target");
            double[] l = o.doubleColumn("target").asDoubleArray();
            traces.add(PlotStyle.lineWithMarkers(l, o.doubleColumn("critical_batch").asDoubleArray(), opts.get(i) + ": B_crit (McCandlish fit)",
                    PlotStyle.color(i), Line.Dash.SOLID, true));
            traces.add(ScatterTrace.builder(l, o.doubleColumn("token_optimal_batch").asDoubleArray()).mode(ScatterTrace.Mode.MARKERS)
                    .name(opts.get(i) + ": token-optimal B (measured)")
                    .marker(Marker.builder().color(PlotStyle.color(i)).size(11).symbol(Symbol.DIAMOND).build()).build());
        }
        return new Figure(PlotStyle.layout("Critical batch per target loss", PlotStyle.axis("target loss L", false),
                PlotStyle.axis("batch (sequences)", true)), traces.toArray(new Trace[0]));
    }

    /** @return simulated time to L against simulated devices, one line per optimizer and target (iso: IsoLoss.table) */
    public static Figure isoLoss(Table iso) {
        List<Trace> traces = new ArrayList<>();
        List<String> opts = sorted(iso, "optimizer");
        Line.Dash[] dashes = {Line.Dash.SOLID, Line.Dash.DASH, Line.Dash.DOT, Line.Dash.LONG_DASH_DOT};
        List<Double> targets = iso.doubleColumn("target").unique().asList().stream().sorted().toList();
        for (int i = 0; i < opts.size(); i++) {
            for (int j = 0; j < targets.size(); j++) {
                Table s = iso.where(iso.stringColumn("optimizer").isEqualTo(opts.get(i))
                        .and(iso.doubleColumn("target").isEqualTo(targets.get(j)))).sortOn("devices");
                traces.add(PlotStyle.lineWithMarkers(s.doubleColumn("devices").asDoubleArray(), s.doubleColumn("time_s").asDoubleArray(),
                        opts.get(i) + ", L = " + targets.get(j), PlotStyle.color(i), dashes[j % dashes.length], true));
            }
        }
        return new Figure(PlotStyle.layout("SIMULATED iso-loss: time = steps × measured step time / devices, devices ∝ B",
                PlotStyle.axis("simulated devices (B / smallest B)", true), PlotStyle.axis("simulated time to L (s)", true)),
                traces.toArray(new Trace[0]));
    }

    /** @return Sato's grid at one target: b* against β, one line per optimizer (colour) and λ (dash); triangles at the grid's edge */
    public static Figure satoGrid(Table bStars, double target) {
        Table t = bStars.where(bStars.doubleColumn("target").isEqualTo(target));
        List<Trace> traces = new ArrayList<>();
        Line.Dash[] dashes = {Line.Dash.SOLID, Line.Dash.DASH, Line.Dash.DOT, Line.Dash.LONG_DASH_DOT};
        List<String> opts = sorted(t, "optimizer");
        List<Double> lambdas = t.doubleColumn("weight_decay").unique().asList().stream().sorted().toList();
        for (int i = 0; i < opts.size(); i++) {
            for (int j = 0; j < lambdas.size(); j++) {
                Table s = t.where(t.stringColumn("optimizer").isEqualTo(opts.get(i))
                        .and(t.doubleColumn("weight_decay").isEqualTo(lambdas.get(j)))).sortOn("momentum");
                traces.add(PlotStyle.lineWithMarkers(s.doubleColumn("momentum").asDoubleArray(), s.doubleColumn("b_star").asDoubleArray(),
                        opts.get(i) + ", λ = " + lambdas.get(j), PlotStyle.color(i), dashes[j % dashes.length], true));
                Table edge = s.where(s.doubleColumn("at_edge").isEqualTo(1.0));
                if (edge.rowCount() > 0) {
                    traces.add(ScatterTrace.builder(edge.doubleColumn("momentum").asDoubleArray(), edge.doubleColumn("b_star").asDoubleArray())
                            .mode(ScatterTrace.Mode.MARKERS).name(opts.get(i) + ", λ = " + lambdas.get(j) + ": at the grid's edge")
                            .marker(Marker.builder().color(PlotStyle.color(i)).size(13).symbol(Symbol.TRIANGLE_UP).build()).build());
                }
            }
        }
        return new Figure(PlotStyle.layout("Sato et al.'s critical batch b* at L = " + target + " (paper: falls as β rises, rises as λ falls)",
                PlotStyle.axis("momentum β", false), PlotStyle.axis("b* (sequences)", true)), traces.toArray(new Trace[0]));
    }


    private static List<String> sorted(Table t, String column) {
        List<String> v = new ArrayList<>(t.stringColumn(column).unique().asList());
        v.sort(null);
        return v;
    }
}
