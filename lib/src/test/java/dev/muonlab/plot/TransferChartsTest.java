package dev.muonlab.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.muonlab.scaling.WidthDrift;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.traces.ScatterTrace;

/** Notebook 07's figures: the right points from the input tables, exact where the input is exact. */
class TransferChartsTest {

    private static double[] ys(Figure f, int trace) {
        return yOf((ScatterTrace) f.getTraces()[trace]);
    }

    private static double[] yOf(ScatterTrace t) {
        String js = t.asJavascript(0);
        String y = js.substring(js.indexOf("y: [") + 4);
        y = y.substring(0, y.indexOf(']'));
        return java.util.Arrays.stream(y.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> s.replace("\"", "")).mapToDouble(Double::parseDouble).toArray();
    }

    @Test
    void coordinateCheckDrawsTheLastStepPerLayerAndParameterization() {
        Table check = Table.create("c", IntColumn.create("width", 64, 128, 64, 128, 64, 128, 64, 128),
                StringColumn.create("parameterization", "SP", "SP", "muP", "muP", "SP", "SP", "muP", "muP"),
                IntColumn.create("step", 0, 0, 0, 0, 1, 1, 1, 1),
                StringColumn.create("layer", "logits", "logits", "logits", "logits", "logits", "logits", "logits", "logits"),
                DoubleColumn.create("rms", 9, 9, 9, 9, 1.0, 2.0, 1.0, 1.05));
        Figure f = TransferCharts.coordinateCheck(check);
        assertEquals(2, f.getTraces().length, "SP and muP for the one layer");
        assertArrayEquals(new double[]{1.0, 2.0}, ys(f, 0), "SP at the last step, widths ascending");
        assertArrayEquals(new double[]{1.0, 1.05}, ys(f, 1), "muP at the last step");
        assertTrue(f.asJavascript("d").contains("dash"), "SP drawn dashed");
    }

    @Test
    void lossVsLrAveragesSeedsDropsDivergedRunsAndMarksTheOptimum() {
        Table results = Table.create("r", StringColumn.create("optimizer", "adamw", "adamw", "adamw", "adamw"),
                StringColumn.create("parameterization", "sp", "sp", "sp", "sp"), DoubleColumn.create("width", 64, 64, 64, 64),
                DoubleColumn.create("lr_multiplier", 1, 1, 2, 4), DoubleColumn.create("seed", 1, 2, 1, 1),
                DoubleColumn.create("final_val_loss", 2.0, 2.2, 1.9, 9.0), DoubleColumn.create("diverged", 0, 0, 0, 1));
        Table optima = Table.create("o", StringColumn.create("optimizer", "adamw"), StringColumn.create("parameterization", "sp"),
                IntColumn.create("width", new int[]{64}), DoubleColumn.create("log2_optimum", 1.0), DoubleColumn.create("sd", 0.1),
                DoubleColumn.create("loss", 1.9));
        Figure f = TransferCharts.lossVsLr(results, optima, "adamw", "sp");
        assertEquals(2, f.getTraces().length, "the width's line and its optimum");
        double[] y = ys(f, 0);
        assertEquals(2, y.length, "the diverged point is left out");
        assertEquals(2.1, y[0], 1e-12, "two seeds at ×1 averaged");
        assertEquals(1.9, y[1], 1e-12);
        assertTrue(((ScatterTrace) f.getTraces()[1]).asJavascript(1).contains("2.0"), "the diamond at 2^1");
    }

    @Test
    void optimaByWidthDrawsEachArmWithItsSpread() {
        Table optima = Table.create("o", StringColumn.create("optimizer", "muon", "muon", "muon", "muon"),
                StringColumn.create("parameterization", "sp", "sp", "mup:128", "mup:128"), IntColumn.create("width", 64, 128, 64, 128),
                DoubleColumn.create("log2_optimum", 0.5, -0.5, 0.0, 0.1), DoubleColumn.create("sd", 0.2, 0.2, 0.1, 0.1));
        Figure f = TransferCharts.optimaByWidth(optima);
        assertEquals(6, f.getTraces().length, "per arm: the optimum and ± sd");
        assertArrayEquals(new double[]{0.3, -0.7}, ys(f, 1), 1e-12, "SP's lower band");
    }

    @Test
    void telescopingDriftFitsEq4ThroughExactOptima() {
        // x*(n) = 1 − 64/n exactly: the fit line must pass through every point
        double alpha = 64;
        Table summary = Table.create("s", StringColumn.create("search", "telescoping s=0", "telescoping s=1", "telescoping s=2",
                        "telescoping total", "full grid"),
                IntColumn.create("width", 64, 128, 256, 256, 256),
                DoubleColumn.create("log2_lr", WidthDrift.optimumAt(1, alpha, 64), WidthDrift.optimumAt(1, alpha, 128), 7.0, 7.0,
                        WidthDrift.optimumAt(1, alpha, 256)),
                DoubleColumn.create("log2_wd", -3, -3, 5, 5, -3));
        Figure f = TransferCharts.telescopingDrift(summary);
        assertEquals(4, f.getTraces().length, "points and fit, for lr and for λ");
        assertArrayEquals(new double[]{0.0, 0.5, 0.75}, ys(f, 0), 1e-12, "the stages below 256 and the full grid, not the 1×1 stage");
        assertArrayEquals(new double[]{1.0, 0.0}, ys(f, 1), 1e-9, "the line from x∞ = 1 at 1/n = 0 to x*(64) = 0");
    }
}
