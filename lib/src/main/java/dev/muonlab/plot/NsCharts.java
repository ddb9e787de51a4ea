package dev.muonlab.plot;

import dev.muonlab.ns.OddPolynomial;
import dev.muonlab.theory.ScalarMaps;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Line;
import tech.tablesaw.plotly.components.Marker;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

/**
 * Plotly figures for notebook 01, each a view of a table from {@link NsTables} (grouped by its
 * "schedule" column), so notebook cells are one-liners.
 */
public final class NsCharts {

    private static final int HEIGHT = 450;

    private NsCharts() {
    }

    /** @return the composite map after each step of one schedule (log σ axis), with the target y = 1 */
    public static Figure scalarMapSteps(Table maps, String schedule) {
        Table s = maps.where(maps.stringColumn("schedule").isEqualTo(schedule));
        List<Trace> traces = new ArrayList<>();
        int last = (int) s.intColumn("step").max();
        for (int step = 1; step <= last; step++) {
            Table t = s.where(s.intColumn("step").isEqualTo(step));
            traces.add(line(t.doubleColumn("sigma").asDoubleArray(), t.doubleColumn("value").asDoubleArray(), "after step " + step));
        }
        traces.add(target(s.doubleColumn("sigma").min()));
        return new Figure(layout("Scalar map of " + schedule + " after each step", "σ (input singular value, log)", true,
                "p_t ∘ … ∘ p_1(σ)", false), traces.toArray(new Trace[0]));
    }

    /** @return the final composite map of every schedule in the table, side by side */
    public static Figure scalarMapComparison(Table maps) {
        List<Trace> traces = new ArrayList<>();
        for (String name : maps.stringColumn("schedule").unique()) {
            Table s = maps.where(maps.stringColumn("schedule").isEqualTo(name));
            int last = (int) s.intColumn("step").max();
            Table t = s.where(s.intColumn("step").isEqualTo(last));
            traces.add(line(t.doubleColumn("sigma").asDoubleArray(), t.doubleColumn("value").asDoubleArray(), name));
        }
        traces.add(target(maps.doubleColumn("sigma").min()));
        return new Figure(layout("Where each schedule sends σ", "σ (log)", true, "output singular value", false),
                traces.toArray(new Trace[0]));
    }

    /** @return worst-case error vs q (log y), solid per schedule, dashed for bounds rows of the second table */
    public static Figure errorVsSteps(Table errors, Table bounds) {
        List<Trace> traces = new ArrayList<>();
        for (Table tab : new Table[] {errors, bounds}) {
            if (tab == null) {
                continue;
            }
            for (String name : tab.stringColumn("schedule").unique()) {
                Table t = tab.where(tab.stringColumn("schedule").isEqualTo(name));
                double[] q = t.intColumn("q").asDoubleArray();
                double[] e = clampPositive(t.doubleColumn("error").asDoubleArray());
                ScatterTrace.ScatterBuilder b = ScatterTrace.builder(q, e).name(name).mode(ScatterTrace.Mode.LINE_AND_MARKERS);
                if (tab == bounds) {
                    b.line(Line.builder().dash(Line.Dash.DASH).build()).mode(ScatterTrace.Mode.LINE);
                }
                traces.add(b.build());
            }
        }
        return new Figure(layout("Worst-case error max|1 − p(σ)| on [ℓ, 1] vs steps q", "q (steps)", false,
                "error (log)", true), traces.toArray(new Trace[0]));
    }

    /** @return output vs input singular values per schedule and precision (markers), log x */
    public static Figure singularValues(Table sv) {
        List<Trace> traces = new ArrayList<>();
        for (String name : sv.stringColumn("schedule").unique()) {
            for (String p : sv.stringColumn("precision").unique()) {
                Table t = sv.where(sv.stringColumn("schedule").isEqualTo(name).and(sv.stringColumn("precision").isEqualTo(p)));
                if (t.rowCount() > 0) {
                    traces.add(ScatterTrace.builder(t.doubleColumn("sigmaIn").asDoubleArray(), t.doubleColumn("sigmaOut").asDoubleArray())
                            .mode(ScatterTrace.Mode.MARKERS).name(name + " " + p).build());
                }
            }
        }
        traces.add(target(sv.doubleColumn("sigmaIn").min()));
        return new Figure(layout("Singular values before (σ/‖G‖_F) and after", "input σ/‖G‖_F (log)", true,
                "output σ", false), traces.toArray(new Trace[0]));
    }

    /**
     * @return distance to U Vᵀ against cost (GFLOPs, log-log): one trace per schedule family (the name
     *         before "×q"; and precision, when there are several), its points joined by increasing cost,
     *         named in the legend; each point's full name shows on hover. Printed labels beside the
     *         points overlapped into an unreadable cluster (issue 18).
     */
    public static Figure pareto(Table summary, String costColumn) {
        boolean severalPrecisions = summary.stringColumn("precision").unique().size() > 1;
        Map<String, List<Integer>> families = new LinkedHashMap<>();   // legend name → rows
        for (int i = 0; i < summary.rowCount(); i++) {
            String name = summary.stringColumn("schedule").get(i);
            int cut = name.lastIndexOf('×');
            String family = (cut > 0 ? name.substring(0, cut) : name)
                    + (severalPrecisions ? " " + summary.stringColumn("precision").get(i) : "");
            families.computeIfAbsent(family, k -> new ArrayList<>()).add(i);
        }
        List<Trace> traces = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> e : families.entrySet()) {
            int[] rows = e.getValue().stream().mapToInt(Integer::intValue).toArray();
            Table t = summary.rows(rows).sortAscendingOn(costColumn);
            String[] hover = new String[t.rowCount()];
            for (int i = 0; i < hover.length; i++) {
                hover[i] = t.stringColumn("schedule").get(i) + " " + t.stringColumn("precision").get(i);
            }
            traces.add(ScatterTrace.builder(t.doubleColumn(costColumn).asDoubleArray(), clampPositive(t.doubleColumn("distance").asDoubleArray()))
                    .mode(ScatterTrace.Mode.LINE_AND_MARKERS).text(hover)
                    .marker(Marker.builder().size(9).build()).name(e.getKey()).build());
        }
        traces.add(paretoFront(summary, costColumn));
        return new Figure(layout("Cost against accuracy (lower left is better)", costColumn + " (log)", true,
                "‖X − UVᵀ‖_F / ‖UVᵀ‖_F (log)", true), traces.toArray(new Trace[0]));
    }

    /**
     * @return p(x) against y = x on [0, 1.3] with the band p settles in after many steps: why Keller's
     * coefficients oscillate in about [0.68, 1.13] instead of converging to 1
     */
    public static Figure band(OddPolynomial p, String name, double lower) {
        int n = 400;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 1.3 * i / (n - 1);
            y[i] = p.apply(x[i]);
        }
        double[] band = ScalarMaps.limitBand(p, lower, 4000, 100, 20);
        List<Trace> traces = new ArrayList<>();
        traces.add(line(x, y, name + " p(x)"));
        traces.add(ScatterTrace.builder(new double[] {0, 1.3}, new double[] {0, 1.3}).mode(ScatterTrace.Mode.LINE)
                .line(Line.builder().dash(Line.Dash.DOT).color("gray").build()).name("y = x").build());
        for (double b : band) {
            traces.add(ScatterTrace.builder(new double[] {0, 1.3}, new double[] {b, b}).mode(ScatterTrace.Mode.LINE)
                    .line(Line.builder().dash(Line.Dash.DASH).color("firebrick").build())
                    .name(String.format(java.util.Locale.ROOT, "limit band %.3f", b)).build());
        }
        return new Figure(layout(name + ": one step, and the band repeated steps settle in", "x", false, "p(x)", false),
                traces.toArray(new Trace[0]));
    }

    /** @return the Pareto front: the rows no other row beats in both cost and distance, by increasing cost */
    static ScatterTrace paretoFront(Table summary, String costColumn) {
        Table sorted = summary.sortAscendingOn(costColumn, "distance");
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < sorted.rowCount(); i++) {
            double d = sorted.doubleColumn("distance").get(i);
            if (d < best) {
                best = d;
                xs.add(sorted.doubleColumn(costColumn).get(i));
                ys.add(Math.max(d, 1e-17));
            }
        }
        return ScatterTrace.builder(xs.stream().mapToDouble(Double::doubleValue).toArray(),
                        ys.stream().mapToDouble(Double::doubleValue).toArray())
                .mode(ScatterTrace.Mode.LINE).line(Line.builder().dash(Line.Dash.DOT).color("black").build())
                .name("Pareto front").build();
    }

    private static ScatterTrace line(double[] x, double[] y, String name) {
        return ScatterTrace.builder(x, y).mode(ScatterTrace.Mode.LINE).name(name).build();
    }

    private static ScatterTrace target(double xmin) {
        return ScatterTrace.builder(new double[] {xmin, 1}, new double[] {1, 1}).mode(ScatterTrace.Mode.LINE)
                .line(Line.builder().dash(Line.Dash.DOT).color("gray").build()).name("target 1").build();
    }

    private static double[] clampPositive(double[] v) {
        double[] out = v.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(out[i], 1e-17); // log axes: exact zeros drawn at 1e−17
        }
        return out;
    }

    private static Layout layout(String title, String x, boolean logX, String y, boolean logY) {
        return Layout.builder().title(title).height(HEIGHT)
                .xAxis(Axis.builder().title(x).type(logX ? Axis.Type.LOG : Axis.Type.LINEAR).build())
                .yAxis(Axis.builder().title(y).type(logY ? Axis.Type.LOG : Axis.Type.LINEAR).build())
                .build();
    }
}
