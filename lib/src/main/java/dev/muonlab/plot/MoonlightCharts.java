package dev.muonlab.plot;

import dev.muonlab.scaling.ComputeFrontier;
import dev.muonlab.scaling.ComputeRatio;
import dev.muonlab.scaling.PowerLaw;
import dev.muonlab.sweep.ScalingLawAnalysis;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Line;
import tech.tablesaw.plotly.components.Marker;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

/**
 * Notebook 08's figures (Moonlight, Liu et al. 2025, arXiv 2502.16982: Table 8, Fig. 2, §3.3; and
 * Xmodel-2.5's optimizer switch) from the tables of the sweep read-outs ({@code UpdateRmsAnalysis},
 * {@code WeightDecayAnalysis}, {@code ScalingLawAnalysis}, {@code XmodelSwitchAnalysis}). Reference
 * lines carry their seed spread (mean ± sd, dotted), so a gap smaller than the noise is seen as such.
 * Pure: tables are not modified.
 */
public final class MoonlightCharts {

    private MoonlightCharts() {
    }

    /**
     * @param byTarget {@code UpdateRmsAnalysis.finalLossByTarget}: optimizer, update_rms, final_loss_mean,
     *                 final_loss_sd. Not modified.
     * @return final val loss against the target r (log x) for Moonlight's Muon, AdamW and Keller's Muon as
     *         horizontal references; each with mean ± sd dotted
     */
    public static Figure updateRms(Table byTarget) {
        Table m = byTarget.where(byTarget.stringColumn("optimizer").isEqualTo("muon-moonlight")).sortOn("update_rms");
        double[] r = m.doubleColumn("update_rms").asDoubleArray();
        double[] xs = r.length == 0 ? new double[]{0.05, 0.8} : new double[]{r[0], r[r.length - 1]};
        List<Trace> traces = new ArrayList<>();
        addWithSpread(traces, r, m.doubleColumn("final_loss_mean").asDoubleArray(), m.doubleColumn("final_loss_sd").asDoubleArray(),
                "Moonlight's Muon (lr 1e-3, RMS r)", PlotStyle.color(0), Line.Dash.SOLID, true);
        String[][] refs = {{"adamw", "AdamW (lr 1e-3)"}, {"muon", "Keller's Muon (lr 0.02)"}};
        for (int i = 0; i < refs.length; i++) {
            Table o = byTarget.where(byTarget.stringColumn("optimizer").isEqualTo(refs[i][0]));
            if (o.rowCount() > 0) {
                double mean = o.doubleColumn("final_loss_mean").getDouble(0), sd = o.doubleColumn("final_loss_sd").getDouble(0);
                addWithSpread(traces, xs, new double[]{mean, mean}, new double[]{sd, sd}, refs[i][1], PlotStyle.color(i + 1),
                        Line.Dash.DASH, false);
            }
        }
        return new Figure(PlotStyle.layout("Final val loss against r (Table 8; dotted: ± 1 sd over seeds)",
                PlotStyle.axis("update RMS target r", true), PlotStyle.axis("final val loss (nats)", false)), traces.toArray(new Trace[0]));
    }

    /**
     * @param byTarget {@code UpdateRmsAnalysis.finalLossByTarget} (optimizer, update_rms, measured_rms_mean). Not modified.
     * @return measured RMS(ΔW)/lr against r, log-log, with the line RMS = r and AdamW's measured RMS
     */
    public static Figure measuredUpdateRms(Table byTarget) {
        Table m = byTarget.where(byTarget.stringColumn("optimizer").isEqualTo("muon-moonlight")).sortOn("update_rms");
        double[] r = m.doubleColumn("update_rms").asDoubleArray();
        double[] xs = r.length == 0 ? new double[]{0.05, 0.8} : new double[]{r[0], r[r.length - 1]};
        List<Trace> traces = new ArrayList<>();
        traces.add(PlotStyle.line(xs, xs, "target: RMS = r", "#444444", Line.Dash.DASH, true));
        traces.add(PlotStyle.lineWithMarkers(r, m.doubleColumn("measured_rms_mean").asDoubleArray(), "Moonlight's Muon, measured",
                PlotStyle.color(0), Line.Dash.SOLID, true));
        Table a = byTarget.where(byTarget.stringColumn("optimizer").isEqualTo("adamw"));
        if (a.rowCount() > 0) {
            double v = a.doubleColumn("measured_rms_mean").getDouble(0);
            traces.add(PlotStyle.line(xs, new double[]{v, v}, "AdamW, measured", PlotStyle.color(1), Line.Dash.DOT, true));
        }
        return new Figure(PlotStyle.layout("Measured update RMS per unit lr (Eq. 4 sets it to r)",
                PlotStyle.axis("update RMS target r", true), PlotStyle.axis("measured RMS(ΔW)/lr", true)), traces.toArray(new Trace[0]));
    }

    /**
     * @param meanCurves {@code WeightDecayAnalysis.meanCurves}: weight_decay, tokens and {@code column}. Not modified.
     * @param column     {@code val_loss}, {@code hidden_weight_rms} or {@code logit_rms}
     * @param crossings  tokens where the loss curves cross, drawn as vertical dotted lines (may be empty). Not modified.
     * @return {@code column} against tokens, one line per decay (Moonlight Fig. 2)
     */
    public static Figure weightDecay(Table meanCurves, String column, double[] crossings) {
        List<Trace> traces = new ArrayList<>();
        List<Double> decays = meanCurves.doubleColumn("weight_decay").unique().asList().stream().sorted().toList();
        for (int i = 0; i < decays.size(); i++) {
            Table d = meanCurves.where(meanCurves.doubleColumn("weight_decay").isEqualTo(decays.get(i))).sortOn("tokens");
            traces.add(PlotStyle.line(d.doubleColumn("tokens").asDoubleArray(), d.doubleColumn(column).asDoubleArray(),
                    "λ = " + decays.get(i), PlotStyle.color(i), Line.Dash.SOLID, false));
        }
        double[] y = meanCurves.doubleColumn(column).asDoubleArray();
        double lo = Arrays.stream(y).filter(Double::isFinite).min().orElse(0), hi = Arrays.stream(y).filter(Double::isFinite).max().orElse(1);
        for (double c : crossings) {
            traces.add(PlotStyle.line(new double[]{c, c}, new double[]{lo, hi}, String.format("curves cross (%.0f tokens)", c),
                    "#444444", Line.Dash.DOT, false));
        }
        return new Figure(PlotStyle.layout(column + ": decay 0.1 against none (mean over seeds)",
                PlotStyle.axis("training tokens", false), PlotStyle.axis(column, false)), traces.toArray(new Trace[0]));
    }

    /**
     * @param results {@code Sweep.results} of the scaling-law study. Not modified.
     * @param curves  {@code Sweep.curves}. Not modified.
     * @return per optimizer, log-log: every (C, L) point (small markers), its compute frontier (large
     *         markers) and the law L = a·C^b fitted to the frontier (dashed; when it has 3 points or more)
     */
    public static Figure computeFrontiers(Table results, Table curves) {
        List<Trace> traces = new ArrayList<>();
        for (int i = 0; i < ScalingLawAnalysis.OPTIMIZERS.size(); i++) {
            String o = ScalingLawAnalysis.OPTIMIZERS.get(i);
            List<ComputeFrontier.Point> all = ScalingLawAnalysis.points(results, curves, o);
            if (all.isEmpty()) {
                continue;
            }
            List<ComputeFrontier.Point> f = ComputeFrontier.of(all);
            String color = PlotStyle.color(i);
            traces.add(markers(ComputeFrontier.computes(all), ComputeFrontier.losses(all), o + ": every evaluation", color, 4));
            traces.add(markers(ComputeFrontier.computes(f), ComputeFrontier.losses(f), o + ": frontier", color, 9));
            if (f.size() >= 3) {
                PowerLaw law = ComputeRatio.fit(f, ComputeRatio.Form.PURE);
                double[] c = {f.get(0).compute(), f.get(f.size() - 1).compute()};
                traces.add(PlotStyle.line(c, new double[]{law.loss(c[0]), law.loss(c[1])},
                        String.format("%s: L = %.3g·C^%.4f", o, law.a(), law.b()), color, Line.Dash.DASH, true));
            }
        }
        return new Figure(PlotStyle.layout("Compute frontiers and fitted laws L = a·C^b (Moonlight §3.3)",
                PlotStyle.axis("training compute C (FLOPs)", true), PlotStyle.axis("val loss (nats)", true)), traces.toArray(new Trace[0]));
    }

    /**
     * @param armCurves {@code XmodelSwitchAnalysis.armCurves}: arm, step, val_loss, switch_step. Not modified.
     * @return val loss against step, one line per arm, and the switch step as a vertical dotted line
     */
    public static Figure xmodelSwitch(Table armCurves) {
        return xmodelSwitch(armCurves, Double.NEGATIVE_INFINITY);
    }

    /**
     * @param armCurves as for {@link #xmodelSwitch(Table)}. Not modified.
     * @param fromStep  the first step drawn: a zoom on the decay, where the arms fork
     * @return {@link #xmodelSwitch(Table)} over the steps at or after {@code fromStep}
     */
    public static Figure xmodelSwitch(Table armCurves, double fromStep) {
        armCurves = armCurves.where(armCurves.doubleColumn("step").isGreaterThanOrEqualTo(fromStep));
        List<Trace> traces = new ArrayList<>();
        List<String> arms = new ArrayList<>(new java.util.LinkedHashSet<>(armCurves.stringColumn("arm").asList()));
        for (int i = 0; i < arms.size(); i++) {
            Table a = armCurves.where(armCurves.stringColumn("arm").isEqualTo(arms.get(i)));
            traces.add(PlotStyle.line(a.doubleColumn("step").asDoubleArray(), a.doubleColumn("val_loss").asDoubleArray(), arms.get(i),
                    PlotStyle.color(i), Line.Dash.SOLID, false));
        }
        if (armCurves.rowCount() > 0) {
            double s = armCurves.doubleColumn("switch_step").getDouble(0);
            traces.add(PlotStyle.line(new double[]{s, s}, new double[]{armCurves.doubleColumn("val_loss").min(),
                    armCurves.doubleColumn("val_loss").max()}, "decay starts (the switch)", "#444444", Line.Dash.DOT, false));
        }
        return new Figure(PlotStyle.layout("Xmodel-2.5's switch: val loss per arm (mean over seeds)", PlotStyle.axis("step", false),
                PlotStyle.axis("val loss (nats)", false)), traces.toArray(new Trace[0]));
    }

    /** Adds a mean line and, where sd is finite, dotted mean ± sd lines in the same colour. */
    private static void addWithSpread(List<Trace> traces, double[] x, double[] mean, double[] sd, String name, String color,
                                      Line.Dash dash, boolean markers) {
        traces.add(markers ? PlotStyle.lineWithMarkers(x, mean, name, color, dash, false) : PlotStyle.line(x, mean, name, color, dash, false));
        if (Arrays.stream(sd).anyMatch(Double::isFinite)) {
            double[] lo = new double[x.length], hi = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                lo[i] = mean[i] - sd[i];
                hi[i] = mean[i] + sd[i];
            }
            traces.add(spread(x, lo, name + " − sd", color));
            traces.add(spread(x, hi, name + " + sd", color));
        }
    }

    /** @return a dotted line in {@code color}, grouped with its mean's legend entry and not listed itself */
    private static ScatterTrace spread(double[] x, double[] y, String name, String color) {
        return ScatterTrace.builder(x, y).mode(ScatterTrace.Mode.LINE).name(name).showLegend(false)
                .line(Line.builder().color(color).width(1).dash(Line.Dash.DOT).build()).build();
    }

    private static ScatterTrace markers(double[] x, double[] y, String name, String color, int size) {
        return ScatterTrace.builder(x, y).mode(ScatterTrace.Mode.MARKERS).name(name)
                .marker(Marker.builder().color(color).size(size).build()).build();
    }
}
