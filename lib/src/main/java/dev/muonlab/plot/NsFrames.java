package dev.muonlab.plot;

import dev.muonlab.ns.PolarExpress;
import dev.muonlab.ns.Precision;
import dev.muonlab.ns.Schedule;
import dev.muonlab.theory.ScalarMaps;
import org.nd4j.linalg.api.ndarray.INDArray;
import tech.tablesaw.api.Table;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Notebook 01's what-ifs as {@link FramedFigure}s for static reports (issue 18: "the same what-ifs as Plotly figures
 * with layout.sliders and frames precomputed over a small grid (q 1..8, d ∈ {3, 5, 7}), so they stay interactive
 * offline"). The numbers are {@link ScalarMaps#trajectories} of {@link PolarExpress#generate} and
 * {@link Schedule#keller}, the tested scalar theory: NS acts on each singular value alone (X = UΣVᵀ ↦ U p(Σ) Vᵀ), so
 * the composite map after q steps is also "the singular values after q steps" of any matrix as a function of its
 * singular values before (after the Frobenius scaling, σ ≤ 1) in exact arithmetic; {@link #singularValuesOverSteps}
 * shows them for a real matrix in fp32, through the NS orthogonalizer and an SVD ({@link NsTables#matrixStudy}).
 *
 * <p>Size: values are kept to {@value #DIGITS} significant digits and frames carry only the {@code y} arrays (the
 * {@code x} grid is in the traces once), so the figure is about (steps × traces × points × 8) bytes.
 */
public final class NsFrames {

    /** Significant digits kept in the frames' values (the chart shows at most 3). */
    public static final int DIGITS = 4;

    private NsFrames() {
    }

    /**
     * The composite scalar map after q steps for Polar Express's schedule of each degree and Keller's quintic, one
     * frame per q, a slider over q.
     *
     * @param degrees  polynomial degrees for {@link PolarExpress#generate} (3, 5, 7)
     * @param maxSteps q runs from 1 to maxSteps
     * @param initial  the q shown first (the slider's start)
     * @param lower    ℓ, the smallest singular value the schedules are made for (and the grid's lower end / 10)
     * @param points   grid points, log-spaced on [ℓ/10, 1]
     * @return the figure; traces: one per degree, then Keller's
     */
    public static FramedFigure scalarMapOverSteps(int[] degrees, int maxSteps, int initial, double lower, int points) {
        checkSteps(maxSteps, initial);
        double[] grid = ScalarMaps.logGrid(lower / 10, 1, points);
        List<String> names = new ArrayList<>();
        List<double[][]> trajectories = new ArrayList<>();   // per trace: values[q][i], q = 0 … maxSteps
        for (int d : degrees) {
            names.add("Polar Express d = " + d);
            double[][] after = new double[maxSteps + 1][];
            after[0] = grid;
            for (int q = 1; q <= maxSteps; q++) {   // generated for q steps, as notebook 01's explorer does
                double[][] tr = ScalarMaps.trajectories(PolarExpress.generate(d, lower, q), grid);
                after[q] = tr[q];
            }
            trajectories.add(after);
        }
        names.add("Keller's quintic");
        trajectories.add(ScalarMaps.trajectories(Schedule.keller(maxSteps), grid));

        return framed("Scalar map after q steps (drag q; precomputed, no kernel needed)", "lines", true,
                names, grid, trajectories, maxSteps, initial);
    }

    /**
     * The singular values of {@code G} after q Newton-Schulz steps in fp32 against those before (divided by
     * ‖G‖_F, where NS sees them), for the same schedules as {@link #scalarMapOverSteps}: the real-matrix counterpart,
     * computed by {@link NsTables#matrixStudy} (the NS orthogonalizer and an SVD), one frame per q.
     *
     * @param G        the matrix. Not modified.
     * @param degrees  polynomial degrees for {@link PolarExpress#generate}
     * @param maxSteps q runs from 1 to maxSteps
     * @param initial  the q shown first
     * @param lower    ℓ for the generated schedules
     * @return the figure; traces: one per degree, then Keller's (markers)
     */
    public static FramedFigure singularValuesOverSteps(INDArray G, int[] degrees, int maxSteps, int initial, double lower) {
        checkSteps(maxSteps, initial);
        List<String> names = new ArrayList<>();
        List<double[][]> after = new ArrayList<>();
        for (int d : degrees) {
            names.add("Polar Express d = " + d);
            after.add(new double[maxSteps + 1][]);
        }
        names.add("Keller's quintic");
        after.add(new double[maxSteps + 1][]);
        double[] before = null;
        for (int q = 1; q <= maxSteps; q++) {
            List<Schedule> schedules = new ArrayList<>();
            for (int d : degrees) {
                schedules.add(new Schedule("Polar Express d = " + d, PolarExpress.generate(d, lower, q).steps()));
            }
            schedules.add(new Schedule("Keller's quintic", Schedule.keller(q).steps()));
            Table sv = NsTables.matrixStudy(G, schedules, List.of(Precision.FP32))[0];
            for (int t = 0; t < names.size(); t++) {
                Table one = sv.where(sv.stringColumn("schedule").isEqualTo(names.get(t)));
                before = one.doubleColumn("sigmaIn").asDoubleArray();
                after.get(t)[q] = one.doubleColumn("sigmaOut").asDoubleArray();
            }
        }
        return framed("Singular values after q steps, fp32 (drag q; precomputed, no kernel needed)", "markers", true,
                names, before, after, maxSteps, initial);
    }

    private static void checkSteps(int maxSteps, int initial) {
        if (maxSteps < 1 || initial < 1 || initial > maxSteps) {
            throw new IllegalArgumentException("need 1 <= initial <= maxSteps, got " + initial + ", " + maxSteps);
        }
    }

    /**
     * @param x  the x values, shared by every trace and frame
     * @param ys per trace, ys[q] for q = 1 … maxSteps (index 0 unused)
     */
    private static FramedFigure framed(String title, String mode, boolean logX, List<String> names, double[] x,
                                       List<double[][]> ys, int maxSteps, int initial) {
        List<Map<String, Object>> data = new ArrayList<>();
        for (int t = 0; t < names.size(); t++) {
            Map<String, Object> trace = new LinkedHashMap<>();
            trace.put("type", "scatter");
            trace.put("mode", mode);
            trace.put("name", names.get(t));
            trace.put("x", rounded(x));
            trace.put("y", rounded(ys.get(t)[initial]));
            trace.put(mode.equals("lines") ? "line" : "marker", Map.of("color", PlotStyle.color(t)));
            data.add(trace);
        }
        List<Map<String, Object>> frames = new ArrayList<>();
        List<Map<String, Object>> steps = new ArrayList<>();
        for (int q = 1; q <= maxSteps; q++) {
            List<Map<String, Object>> update = new ArrayList<>();
            for (double[][] tr : ys) {
                update.add(Map.of("y", rounded(tr[q])));
            }
            frames.add(Map.of("name", frameName(q), "data", update));
            steps.add(Map.of("label", String.valueOf(q), "method", "animate", "args", List.of(List.of(frameName(q)),
                    Map.of("mode", "immediate", "frame", Map.of("duration", 0, "redraw", true),
                            "transition", Map.of("duration", 0)))));
        }
        Map<String, Object> slider = new LinkedHashMap<>();
        slider.put("active", initial - 1);
        slider.put("currentvalue", Map.of("prefix", "steps q = "));
        slider.put("pad", Map.of("t", 50));
        slider.put("steps", steps);
        Map<String, Object> layout = new LinkedHashMap<>();
        layout.put("title", Map.of("text", title));
        layout.put("xaxis", logX ? Map.of("title", Map.of("text", "σ before (σ/‖G‖_F)"), "type", "log")
                : Map.of("title", Map.of("text", "σ before (σ/‖G‖_F)")));
        layout.put("yaxis", Map.of("title", Map.of("text", "σ after q steps"), "range", List.of(0, 1.3)));
        layout.put("width", PlotStyle.WIDTH);
        layout.put("height", PlotStyle.HEIGHT + 80);
        layout.put("sliders", List.of(slider));
        return new FramedFigure(data, layout, frames);
    }

    /** @return the name of the frame for q steps, as the slider's steps refer to it */
    public static String frameName(int q) {
        return "q=" + q;
    }

    /** Values to {@value #DIGITS} significant digits; non-finite ones become null (a gap in Plotly). */
    static List<Double> rounded(double[] values) {
        List<Double> out = new ArrayList<>(values.length);
        MathContext mc = new MathContext(DIGITS);
        for (double v : values) {
            out.add(Double.isFinite(v) ? new BigDecimal(v).round(mc).doubleValue() : null);
        }
        return out;
    }
}
