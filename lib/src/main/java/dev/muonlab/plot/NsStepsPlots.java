package dev.muonlab.plot;

import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Line;
import tech.tablesaw.plotly.components.Marker;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

/** Figures of the Newton-Schulz step-count study (Kim &amp; Oh, arXiv 2601.19156, Fig. 1 layout). Pure functions. */
public final class NsStepsPlots {

    private NsStepsPlots() {
    }

    /**
     * Training loss against epoch or wall-clock, one line per variant.
     *
     * @param curves the curves table (variant, step, epoch, seconds, trainLoss)
     * @param x      "epoch" or "seconds"
     * @param title  the figure title
     */
    public static Figure trainLoss(Table curves, String x, String title) {
        List<Trace> traces = new ArrayList<>();
        List<String> variants = orderOfAppearance(curves);
        for (int v = 0; v < variants.size(); v++) {
            Table run = curves.where(curves.stringColumn("variant").isEqualTo(variants.get(v))).sortOn("step");
            traces.add(PlotStyle.line(run.doubleColumn(x).asDoubleArray(), run.doubleColumn("trainLoss").asDoubleArray(),
                    variants.get(v), PlotStyle.color(v), Line.Dash.SOLID, true));
        }
        return new Figure(PlotStyle.layout(title, PlotStyle.axis(x.equals("seconds") ? "training wall-clock (s)" : "epoch", false),
                PlotStyle.axis("train loss", true)), traces.toArray(new Trace[0]));
    }

    /**
     * A per-epoch column (testAccuracy, testLoss) against epoch or seconds, one line per variant.
     *
     * @param epochs the epochs table
     * @param y      the column to draw
     * @param x      "epoch" or "seconds"
     * @param title  the figure title
     */
    public static Figure perEpoch(Table epochs, String y, String x, String title) {
        List<Trace> traces = new ArrayList<>();
        List<String> variants = orderOfAppearance(epochs);
        for (int v = 0; v < variants.size(); v++) {
            Table run = epochs.where(epochs.stringColumn("variant").isEqualTo(variants.get(v))).sortOn("epoch");
            double[] xs = x.equals("epoch") ? run.intColumn("epoch").asDoubleArray() : run.doubleColumn(x).asDoubleArray();
            traces.add(ScatterTrace.builder(xs, run.doubleColumn(y).asDoubleArray()).mode(ScatterTrace.Mode.LINE_AND_MARKERS)
                    .name(variants.get(v)).line(Line.builder().color(PlotStyle.color(v)).width(2).build())
                    .marker(Marker.builder().color(PlotStyle.color(v)).size(7).build()).build());
        }
        return new Figure(PlotStyle.layout(title, PlotStyle.axis(x.equals("seconds") ? "training wall-clock (s)" : "epoch", false),
                PlotStyle.axis(y, false)), traces.toArray(new Trace[0]));
    }

    /**
     * Kim &amp; Oh's Fig. 9: mean ‖∇W₁‖_* against rank r, log-log, one line per variant.
     *
     * @param rank  the table of {@code RankStudy.run} (variant, rank, nuclearNorm)
     * @param title the figure title
     */
    public static Figure nuclearNormVersusRank(Table rank, String title) {
        List<Trace> traces = new ArrayList<>();
        List<String> variants = orderOfAppearance(rank);
        for (int v = 0; v < variants.size(); v++) {
            Table run = rank.where(rank.stringColumn("variant").isEqualTo(variants.get(v))).sortOn("rank");
            traces.add(ScatterTrace.builder(run.intColumn("rank").asDoubleArray(), run.doubleColumn("nuclearNorm").asDoubleArray())
                    .mode(ScatterTrace.Mode.LINE_AND_MARKERS).name(variants.get(v))
                    .line(Line.builder().color(PlotStyle.color(v)).width(2).build())
                    .marker(Marker.builder().color(PlotStyle.color(v)).size(8).build()).build());
        }
        return new Figure(PlotStyle.layout(title, PlotStyle.axis("rank r of ∇W₁ (first hidden width)", true),
                PlotStyle.axis("mean ‖∇W₁‖_* over training", true)), traces.toArray(new Trace[0]));
    }

    private static List<String> orderOfAppearance(Table t) {
        List<String> out = new ArrayList<>();
        for (String s : t.stringColumn("variant")) {
            if (!out.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }
}
