package dev.muonlab.plot;

import java.util.List;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Line;
import tech.tablesaw.plotly.traces.ScatterTrace;

/** Shared look of Muon Lab's figures: a colour-blind-safe palette (Okabe-Ito), axes, line traces. */
public final class PlotStyle {

    /** Okabe &amp; Ito (2008) colours, safe for the common colour-vision deficiencies. */
    public static final List<String> PALETTE = List.of("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00",
            "#56B4E9", "#000000", "#F0E442");

    /** Figure size, in px. */
    static final int WIDTH = 760;
    static final int HEIGHT = 440;

    private PlotStyle() {
    }

    /** @return the i-th palette colour (cycling) */
    public static String color(int i) {
        return PALETTE.get(Math.floorMod(i, PALETTE.size()));
    }

    /** @return an axis with a title, logarithmic when {@code log} */
    public static Axis axis(String title, boolean log) {
        Axis.AxisBuilder b = Axis.builder().title(title);
        if (log) {
            b.type(Axis.Type.LOG);
        }
        return b.build();
    }

    /** @return a layout with title and the two axes */
    public static Layout layout(String title, Axis x, Axis y) {
        return Layout.builder().title(title).width(WIDTH).height(HEIGHT).xAxis(x).yAxis(y).build();
    }

    /** @return a line trace (points with non-positive y dropped when {@code logY}) */
    public static ScatterTrace line(double[] x, double[] y, String name, String color, Line.Dash dash, boolean logY) {
        return trace(x, y, name, color, dash, logY, ScatterTrace.Mode.LINE);
    }

    /** @return {@link #line} with its points marked too */
    public static ScatterTrace lineWithMarkers(double[] x, double[] y, String name, String color, Line.Dash dash, boolean logY) {
        return trace(x, y, name, color, dash, logY, ScatterTrace.Mode.LINE_AND_MARKERS);
    }

    private static ScatterTrace trace(double[] x, double[] y, String name, String color, Line.Dash dash, boolean logY,
                                      ScatterTrace.Mode mode) {
        int n = 0;
        double[] xs = new double[x.length];
        double[] ys = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(y[i]) && (!logY || y[i] > 0)) {
                xs[n] = x[i];
                ys[n] = y[i];
                n++;
            }
        }
        return ScatterTrace.builder(java.util.Arrays.copyOf(xs, n), java.util.Arrays.copyOf(ys, n))
                .mode(mode).name(name)
                .line(Line.builder().color(color).width(2).dash(dash).build()).build();
    }
}
