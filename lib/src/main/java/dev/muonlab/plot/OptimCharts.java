package dev.muonlab.plot;

import dev.muonlab.optim.UpdateRmsTable;
import dev.muonlab.schedule.LrSchedule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.traces.BarTrace;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

/** Plotly figures for the optimizer package: learning-rate schedules and Muon's update RMS by shape. */
public final class OptimCharts {

    private static final int HEIGHT = 420;

    private OptimCharts() {
    }

    /**
     * @param schedules name → schedule, in legend order. Not modified.
     * @param steps     number of steps to draw, &gt; 0
     * @return the lr multiplier of each schedule against the 0-based step
     */
    public static Figure schedules(Map<String, LrSchedule> schedules, int steps) {
        double[] x = new double[steps];
        for (int t = 0; t < steps; t++) {
            x[t] = t;
        }
        List<Trace> traces = new ArrayList<>();
        schedules.forEach((name, s) -> {
            double[] y = new double[steps];
            for (int t = 0; t < steps; t++) {
                y[t] = s.multiplier(t);
            }
            traces.add(ScatterTrace.builder(x, y).mode(ScatterTrace.Mode.LINE).name(name).build());
        });
        Layout layout = Layout.builder().title("Learning-rate schedules (multiplier of the base lr)").height(HEIGHT)
                .xAxis(Axis.builder().title("step").build()).yAxis(Axis.builder().title("lr / base lr").build()).build();
        return new Figure(layout, traces.toArray(new Trace[0]));
    }

    /**
     * @param rms a table from {@link UpdateRmsTable#of}. Not modified.
     * @return grouped bars: update RMS per shape, one bar per update scale (Moonlight's 0.2 for MATCH_RMS_ADAMW)
     */
    public static Figure updateRms(Table rms) {
        List<Trace> traces = new ArrayList<>();
        for (String scale : rms.stringColumn("scale").unique()) {
            Table t = rms.where(rms.stringColumn("scale").isEqualTo(scale));
            traces.add(BarTrace.builder(t.stringColumn("shape").asObjectArray(), t.doubleColumn("update_rms").asDoubleArray())
                    .name(scale).build());
        }
        Layout layout = Layout.builder().title("Muon update RMS by shape (out x in) and update scale").height(HEIGHT)
                .barMode(Layout.BarMode.GROUP)
                .xAxis(Axis.builder().title("shape").build()).yAxis(Axis.builder().title("RMS of s·O").build()).build();
        return new Figure(layout, traces.toArray(new Trace[0]));
    }
}
