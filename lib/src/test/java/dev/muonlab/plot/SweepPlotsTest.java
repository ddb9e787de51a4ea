package dev.muonlab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

class SweepPlotsTest {

    private static Table summary() {
        return Table.create("summary",
                DoubleColumn.create("kappa", 1, 10, 1, 10),
                StringColumn.create("method", "GD", "GD", "Muon", "Muon"),
                IntColumn.create("itersToEps", 30, -1, 100, 101),
                BooleanColumn.create("reached", new boolean[]{true, false, true, true}),
                IntColumn.create("iterations", 60, 500, 130, 131),
                DoubleColumn.create("finalMetric", 1e-13, 1e-4, 1e-13, 1e-13),
                BooleanColumn.create("diverged", new boolean[]{false, false, false, false}));
    }

    @Test
    void censoredRunsBecomeTheirOwnTraceAtTheBudget() {
        Figure figure = SweepPlots.iterationsToEpsilon(summary(), "t");
        assertEquals(3, figure.getTraces().length, "GD reached, GD not reached, Muon");
        String js = figure.asJavascript("div");
        assertTrue(js.contains("GD (not reached: ≥)"), js);
        assertTrue(js.contains("500"), "the censored GD run is drawn at its budget");
        assertTrue(js.contains("type: 'log'") || js.contains("type: \"log\"") || js.contains("log"), "log axes");
    }

    @Test
    void curvesDrawOneLinePerKappaAndMethod() {
        Table curves = Table.create("curves", DoubleColumn.create("kappa", 1, 1, 1, 10, 10),
                StringColumn.create("method", "GD", "GD", "GD", "GD", "GD"),
                IntColumn.create("iteration", 0, 1, 2, 0, 1),
                DoubleColumn.create("metric", 1, 0.5, 0, 1, 0.9),
                DoubleColumn.create("loss", 1, 0.5, 0, 1, 0.9));
        Figure figure = SweepPlots.curves(curves, "loss", "t");
        assertEquals(2, figure.getTraces().length);
        String js = figure.asJavascript("div");
        assertTrue(js.contains("GD, κ=1'") || js.contains("GD, κ=1\""), js);
        assertTrue(js.contains("GD, κ=10"), js);
    }
}
