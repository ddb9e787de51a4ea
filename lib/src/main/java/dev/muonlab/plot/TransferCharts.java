package dev.muonlab.plot;

import dev.muonlab.scaling.WidthDrift;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.TreeMap;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Line;
import tech.tablesaw.plotly.components.Marker;
import tech.tablesaw.plotly.components.Symbol;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

/**
 * Notebook 07's figures (muP and hyper-parameter transfer) from the tables of
 * {@code experiments.CoordinateCheck}, {@code sweep.WidthTransferStudy} / {@code WidthTransferAnalysis}
 * and {@code sweep.TelescopingAnalysis}. Pure: tables are not modified.
 */
public final class TransferCharts {

    private TransferCharts() {
    }

    /**
     * The coordinate check as Yang et al. 2022 draw it (Tensor Programs V, arXiv 2203.03466, Fig. 5):
     * activation RMS at the last recorded step against width, log-log, one colour per layer; SP dashed,
     * muP solid. Flat lines: width-independent activations.
     *
     * @param check {@code CoordinateCheck.run}'s table (width, parameterization, step, layer, rms)
     */
    public static Figure coordinateCheck(Table check) {
        List<Trace> traces = new ArrayList<>();
        int last = check.rowCount() == 0 ? 0 : (int) check.intColumn("step").max();
        Table end = check.where(check.intColumn("step").isEqualTo(last));
        List<String> layers = new ArrayList<>(new LinkedHashSet<>(end.stringColumn("layer").asList()));
        for (String p : List.of("SP", "muP")) {
            for (int i = 0; i < layers.size(); i++) {
                Table s = end.where(end.stringColumn("parameterization").isEqualTo(p)
                        .and(end.stringColumn("layer").isEqualTo(layers.get(i)))).sortOn("width");
                if (s.rowCount() > 0) {
                    traces.add(PlotStyle.lineWithMarkers(s.intColumn("width").asDoubleColumn().asDoubleArray(),
                            s.doubleColumn("rms").asDoubleArray(), p + " " + layers.get(i), PlotStyle.color(i),
                            p.equals("SP") ? Line.Dash.DASH : Line.Dash.SOLID, true));
                }
            }
        }
        return new Figure(PlotStyle.layout("Coordinate check: activation RMS after " + last + " steps (SP dashed, muP solid)",
                PlotStyle.axis("width C", true), PlotStyle.axis("activation RMS", true)), traces.toArray(new Trace[0]));
    }

    /**
     * Final validation loss against the lr multiplier, one line per width (mean over the seeds that ran
     * each point; diverged runs left out), for one (optimizer, parameterization) cell of a width-transfer
     * sweep; each width's estimated optimum (from {@code optima}) as a diamond on the x axis's value.
     *
     * @param results  the sweep's results (optimizer, parameterization, width, lr_multiplier, seed,
     *                 final_val_loss, diverged)
     * @param optima   {@code WidthTransferAnalysis.optima(results)}, or an empty table
     */
    public static Figure lossVsLr(Table results, Table optima, String optimizer, String parameterization) {
        Table cell = results.where(results.stringColumn("optimizer").isEqualTo(optimizer)
                .and(results.stringColumn("parameterization").isEqualTo(parameterization)));
        List<Trace> traces = new ArrayList<>();
        List<Double> widths = cell.doubleColumn("width").unique().asList().stream().sorted().toList();
        for (int i = 0; i < widths.size(); i++) {
            double w = widths.get(i);
            TreeMap<Double, double[]> mean = meanLossByMultiplier(cell.where(cell.doubleColumn("width").isEqualTo(w)));
            double[] x = mean.keySet().stream().mapToDouble(Double::doubleValue).toArray();
            double[] y = mean.values().stream().mapToDouble(v -> v[0] / v[1]).toArray();
            traces.add(PlotStyle.lineWithMarkers(x, y, "C = " + (int) w, PlotStyle.color(i), Line.Dash.SOLID, false));
            for (Row o : optima) {
                if (o.getString("optimizer").equals(optimizer) && o.getString("parameterization").equals(parameterization)
                        && o.getInt("width") == (int) w && Double.isFinite(o.getDouble("log2_optimum"))) {
                    traces.add(ScatterTrace.builder(new double[]{Math.pow(2, o.getDouble("log2_optimum"))},
                                    new double[]{o.getDouble("loss")}).mode(ScatterTrace.Mode.MARKERS)
                            .name("C = " + (int) w + ": estimated optimum")
                            .marker(Marker.builder().color(PlotStyle.color(i)).size(12).symbol(Symbol.DIAMOND).build()).build());
                }
            }
        }
        return new Figure(PlotStyle.layout(optimizer + ", " + parameterization + ": final val loss against lr (mean over seeds)",
                PlotStyle.axis("lr multiplier (× the recipe's lrs)", true), PlotStyle.axis("final validation loss", false)),
                traces.toArray(new Trace[0]));
    }

    /** @return multiplier → {sum of losses, count} over the finite, not diverged rows */
    static TreeMap<Double, double[]> meanLossByMultiplier(Table rows) {
        TreeMap<Double, double[]> out = new TreeMap<>();
        for (Row r : rows) {
            double loss = r.getDouble("final_val_loss");
            if (r.getDouble("diverged") > 0 || !Double.isFinite(loss)) {
                continue;
            }
            double[] acc = out.computeIfAbsent(r.getDouble("lr_multiplier"), k -> new double[2]);
            acc[0] += loss;
            acc[1]++;
        }
        return out;
    }

    /**
     * The optimum's position against width per (optimizer, parameterization), log₂ of the lr multiplier,
     * ± one seed sd dotted. A flat line is transfer; muP's claim is flat, SP's a fall of about an octave.
     *
     * @param optima {@code WidthTransferAnalysis.optima} (optimizer, parameterization, width, log2_optimum, sd)
     */
    public static Figure optimaByWidth(Table optima) {
        List<Trace> traces = new ArrayList<>();
        List<String> arms = new ArrayList<>();
        for (Row r : optima) {
            String arm = r.getString("optimizer") + " " + r.getString("parameterization");
            if (!arms.contains(arm)) {
                arms.add(arm);
            }
        }
        for (int i = 0; i < arms.size(); i++) {
            String arm = arms.get(i);
            Table s = optima.where(optima.stringColumn("optimizer").isEqualTo(arm.substring(0, arm.indexOf(' ')))
                    .and(optima.stringColumn("parameterization").isEqualTo(arm.substring(arm.indexOf(' ') + 1)))).sortOn("width");
            double[] w = s.intColumn("width").asDoubleColumn().asDoubleArray();
            double[] x = s.doubleColumn("log2_optimum").asDoubleArray();
            double[] sd = s.doubleColumn("sd").asDoubleArray();
            double[] lo = new double[x.length];
            double[] hi = new double[x.length];
            for (int j = 0; j < x.length; j++) {
                lo[j] = x[j] - sd[j];
                hi[j] = x[j] + sd[j];
            }
            Line.Dash dash = arm.contains("mup") ? Line.Dash.SOLID : Line.Dash.DASH;
            traces.add(PlotStyle.lineWithMarkers(w, x, arm, PlotStyle.color(i), dash, false));
            traces.add(PlotStyle.line(w, lo, arm + " ± sd", PlotStyle.color(i), Line.Dash.DOT, false));
            traces.add(PlotStyle.line(w, hi, arm + " ± sd", PlotStyle.color(i), Line.Dash.DOT, false));
        }
        return new Figure(PlotStyle.layout("Where the lr optimum sits, width by width (muP solid, SP dashed)",
                PlotStyle.axis("width C", true), PlotStyle.axis("log₂ optimal lr multiplier", false)), traces.toArray(new Trace[0]));
    }

    /**
     * Essential AI's error model (arXiv 2505.02222 Eq. 4): the refined optima of a telescoping sweep
     * against 1/width, with the straight line x∞ − α/n fitted through them ({@link WidthDrift#fit}).
     * Points: the telescoping stages below the final width and the full grid at the final width, the
     * same points {@code TelescopingAnalysis} fits.
     *
     * @param summary {@code TelescopingStudy.summary}'s table (search, width, log2_lr, log2_wd)
     */
    public static Figure telescopingDrift(Table summary) {
        List<Double> n = new ArrayList<>();
        List<double[]> xy = new ArrayList<>();
        int finalWidth = 0;
        for (Row r : summary) {
            if (r.getString("search").equals("full grid")) {
                finalWidth = r.getInt("width");
            }
        }
        for (Row r : summary) {
            String search = r.getString("search");
            boolean stage = search.startsWith("telescoping s=") && r.getInt("width") < finalWidth;
            if ((stage || search.equals("full grid")) && Double.isFinite(r.getDouble("log2_lr"))) {
                n.add((double) r.getInt("width"));
                xy.add(new double[]{r.getDouble("log2_lr"), r.getDouble("log2_wd")});
            }
        }
        List<Trace> traces = new ArrayList<>();
        String[] names = {"log₂ lr multiplier", "log₂ λ"};
        double[] inverse = n.stream().mapToDouble(w -> 1 / w).toArray();
        for (int k = 0; k < 2; k++) {
            final int kk = k;
            double[] x = xy.stream().mapToDouble(v -> v[kk]).toArray();
            traces.add(ScatterTrace.builder(inverse, x).mode(ScatterTrace.Mode.MARKERS).name(names[k] + ": refined optimum")
                    .marker(Marker.builder().color(PlotStyle.color(k)).size(10).build()).build());
            if (x.length >= 2) {
                double[] fit = WidthDrift.fit(n.stream().mapToDouble(Double::doubleValue).toArray(), x);
                double[] ends = {0, java.util.Arrays.stream(inverse).max().orElse(0)};
                traces.add(PlotStyle.line(ends, new double[]{fit[0], fit[0] - fit[1] * ends[1]},
                        names[k] + ": Eq. 4 fit x∞ − α/n", PlotStyle.color(k), Line.Dash.DASH, false));
            }
        }
        return new Figure(PlotStyle.layout("Telescoping: the optimum against 1/width (Eq. 4: a straight line)",
                PlotStyle.axis("1 / width", false), PlotStyle.axis("optimum (log₂ units)", false)), traces.toArray(new Trace[0]));
    }
}
