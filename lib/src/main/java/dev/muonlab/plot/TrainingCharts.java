package dev.muonlab.plot;

import dev.muonlab.train.TrainLog;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Margin;
import tech.tablesaw.plotly.components.Marker;
import tech.tablesaw.plotly.traces.BarTrace;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plotly figures of training runs, built from {@link TrainLog} tables: loss curves (notebook 05's
 * live chart), update RMS by layer shape (Moonlight's Lemma 1 in practice) and weight RMS over
 * training (with and without weight decay).
 */
public final class TrainingCharts {

    private TrainingCharts() {
    }

    /**
     * Validation loss (lines with markers) and training loss (thin, faint) per run against the step.
     *
     * @param runs run label → log. Not modified.
     * @param target a horizontal reference line (e.g. AdamW's final val loss), NaN for none
     */
    public static Figure lossCurves(Map<String, TrainLog> runs, double target) {
        return lossCurves(runs, target, "Tiny Shakespeare: loss against step");
    }

    /**
     * The same with another title (notebook 05's extra run has a chart of its own beside the live one).
     *
     * @param runs   run label → log. Not modified.
     * @param target a horizontal reference line, NaN for none
     * @param title  the chart's title
     */
    public static Figure lossCurves(Map<String, TrainLog> runs, double target, String title) {
        List<Trace> traces = new ArrayList<>();
        int maxStep = 1;
        for (Map.Entry<String, TrainLog> e : runs.entrySet()) {
            Table m = e.getValue().metrics();
            if (m.rowCount() == 0) {
                continue;
            }
            maxStep = Math.max(maxStep, (int) m.intColumn("step").max());
            traces.add(ScatterTrace.builder(m.intColumn("step"), m.doubleColumn("train_loss"))
                    .mode(ScatterTrace.Mode.LINE).name(e.getKey() + " train").opacity(0.35).build());
            Table ev = e.getValue().evaluations();
            if (ev.rowCount() > 0) {
                traces.add(ScatterTrace.builder(ev.intColumn("step"), ev.doubleColumn("val_loss"))
                        .mode(ScatterTrace.Mode.LINE_AND_MARKERS).name(e.getKey() + " val").build());
            }
        }
        if (!Double.isNaN(target)) {
            traces.add(ScatterTrace.builder(new double[]{0, maxStep}, new double[]{target, target})
                    .mode(ScatterTrace.Mode.LINE).name(String.format("target %.3f", target)).build());
        }
        Layout layout = Layout.builder().title(title)
                .xAxis(Axis.builder().title("step").build())
                .yAxis(Axis.builder().title("cross-entropy (nats)").build())
                .height(420).width(760).build();
        return new Figure(layout, traces.toArray(new Trace[0]));
    }

    /**
     * The mean update RMS per parameter shape and optimizer group at the last recorded step, as bars:
     * Keller's Muon gives 1/√max(A,B)·√max(1, A/B)·lr (shape-dependent); Moonlight's gives 0.2·lr for
     * every shape (Liu et al. 2025, Lemma 1 and Eq. 4).
     *
     * @param runs run label → log. Not modified.
     */
    public static Figure updateRmsByShape(Map<String, TrainLog> runs) {
        List<Trace> traces = new ArrayList<>();
        for (Map.Entry<String, TrainLog> e : runs.entrySet()) {
            Table t = lastStepStats(e.getValue());
            if (t.rowCount() == 0) {
                continue;
            }
            Map<String, double[]> byShape = new LinkedHashMap<>();   // label → (sum, count)
            for (int i = 0; i < t.rowCount(); i++) {
                // two lines, so that the labels fit unrotated: rotated ones ran into the axis title
                String label = t.stringColumn("shape").get(i) + "<br>" + t.stringColumn("optimizer").get(i);
                double[] acc = byShape.computeIfAbsent(label, k -> new double[2]);
                acc[0] += t.doubleColumn("update_rms").getDouble(i);
                acc[1] += 1;
            }
            String[] labels = byShape.keySet().toArray(new String[0]);
            double[] values = byShape.values().stream().mapToDouble(a -> a[0] / a[1]).toArray();
            traces.add(BarTrace.builder(StringColumn.create("shape", labels), DoubleColumn.create("rms", values))
                    .name(e.getKey()).build());
        }
        // no x-axis title: plotly.js 2.35 places it at a fixed distance, which long category labels ran into
        // (issue 18); the chart's title says what the labels are
        Layout layout = Layout.builder().title("Update RMS per parameter shape (out, in) and group, last recorded step")
                .margin(Margin.builder().bottom(150).build())   // room for the labels when plotly.js turns them
                .yAxis(Axis.builder().title("RMS of the update").type(Axis.Type.LOG).build())
                .barMode(Layout.BarMode.GROUP).height(420).width(760).build();
        return new Figure(layout, traces.toArray(new Trace[0]));
    }

    /**
     * The mean weight RMS of the parameters of one optimizer group against the step, per run: without
     * weight decay the hidden matrices' RMS keeps growing (Liu et al. 2025, §2.2).
     *
     * @param runs  run label → log. Not modified.
     * @param group the optimizer group, e.g. {@code muon}
     */
    public static Figure weightRms(Map<String, TrainLog> runs, String group) {
        List<Trace> traces = new ArrayList<>();
        for (Map.Entry<String, TrainLog> e : runs.entrySet()) {
            Table t = e.getValue().parameterStats();
            Table g = t.where(t.stringColumn("optimizer").isEqualTo(group));
            if (g.rowCount() == 0) {
                continue;
            }
            Table mean = g.summarize("weight_rms", tech.tablesaw.aggregate.AggregateFunctions.mean).by("step");
            traces.add(ScatterTrace.builder(mean.intColumn("step"), mean.doubleColumn(1))
                    .mode(ScatterTrace.Mode.LINE_AND_MARKERS).name(e.getKey())
                    .marker(Marker.builder().size(5).build()).build());
        }
        Layout layout = Layout.builder().title("Mean weight RMS of the '" + group + "' parameters")
                .xAxis(Axis.builder().title("step").build())
                .yAxis(Axis.builder().title("weight RMS").build())
                .height(420).width(760).build();
        return new Figure(layout, traces.toArray(new Trace[0]));
    }

    private static Table lastStepStats(TrainLog log) {
        Table t = log.parameterStats();
        if (t.rowCount() == 0) {
            return t;
        }
        IntColumn step = t.intColumn("step");
        int last = (int) step.max();
        return t.where(step.isEqualTo(last));
    }
}
