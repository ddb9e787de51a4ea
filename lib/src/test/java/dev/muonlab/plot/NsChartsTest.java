package dev.muonlab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.muonlab.ns.PolarExpress;
import dev.muonlab.ns.Precision;
import dev.muonlab.ns.Schedule;
import dev.muonlab.theory.KimOh;
import dev.muonlab.theory.ScalarMaps;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/** Notebook 01's tables hold the theory's numbers, and each chart draws every series of its table. */
class NsChartsTest {

    @Test
    void scalarMapTablesAndCharts() {
        List<Schedule> s = List.of(Schedule.keller(5), Schedule.cubic(3));
        Table maps = NsTables.scalarMaps(s, 1e-4, 50);
        assertEquals((6 + 4) * 50, maps.rowCount());
        Table last = maps.where(maps.stringColumn("schedule").isEqualTo("keller×5").and(maps.intColumn("step").isEqualTo(5)));
        assertEquals(Schedule.keller(5).apply(1e-4), last.doubleColumn("value").get(0), 1e-15);
        Figure steps = NsCharts.scalarMapSteps(maps, "keller×5");
        assertEquals(5 + 1, steps.getTraces().length);
        Figure cmp = NsCharts.scalarMapComparison(maps);
        assertEquals(2 + 1, cmp.getTraces().length);
        assertTrue(cmp.asJavascript("d").contains("Where each schedule sends"));
    }

    @Test
    void errorTablesFollowTheoryAndBoundsHold() {
        Table err = NsTables.errorVsSteps(List.of(Schedule.taylor(1, 1), Schedule.taylor(2, 1)), 6, 1e-2, 2000);
        Table bounds = NsTables.kimOhBounds(new int[] {1, 2}, 6, 1e-2);
        assertEquals(12, err.rowCount());
        for (int kappa = 1; kappa <= 2; kappa++) {
            Table e = err.where(err.stringColumn("schedule").isEqualTo("taylor κ=" + kappa));
            Table b = bounds.where(bounds.stringColumn("schedule").isEqualTo("bound κ=" + kappa));
            for (int i = 0; i < 6; i++) {
                assertTrue(e.doubleColumn("error").get(i) <= b.doubleColumn("error").get(i) * (1 + 1e-9) + 1e-15,
                        "Theorem 2 bounds the Taylor family's error, κ=" + kappa + " q=" + (i + 1));
            }
        }
        assertEquals(2 + 2, NsCharts.errorVsSteps(err, bounds).getTraces().length);
        Table chi = NsTables.chiTable(new double[] {0.5, 0.9}, new int[] {1, 2}, new int[] {1, 3});
        assertEquals(KimOh.chiBound(2, 0.9, 3), chi.doubleColumn("κ=2 q=3").get(1), 0);
    }

    @Test
    void matrixStudyAndPareto() {
        INDArray G = NsTables.matrixWithSpectrum(new NsTables.MatrixSpec(12, 20, 1e-2, 3));
        assertEquals(1e-2, dev.muonlab.ns.ExactPolar.singularValues(G).getDouble(11), 1e-12);
        Table[] t = NsTables.matrixStudy(G, List.of(Schedule.keller(5), PolarExpress.published().withSteps(5)),
                List.of(Precision.FP32, Precision.BF16));
        assertEquals(2 * 2 * 12, t[0].rowCount());
        assertEquals(4, t[1].rowCount());
        assertEquals(15, t[1].intColumn("products").get(0));
        assertEquals(4, NsCharts.singularValues(t[0]).getTraces().length + 0 - 1);
        // one trace per schedule family and precision (2 × 2), and the front; no printed labels (issue 18)
        var pareto = NsCharts.pareto(t[1], "gflops");
        assertEquals(2 * 2 + 1, pareto.getTraces().length);
        for (var trace : pareto.getTraces()) {
            String js = trace.asJavascript(0);
            assertFalse(java.util.regex.Pattern.compile("mode: '[^']*text").matcher(js).find(), js);
        }
        Table tiny = Table.create("s", tech.tablesaw.api.StringColumn.create("schedule", "a", "b", "c"),
                tech.tablesaw.api.StringColumn.create("precision", "FP32", "FP32", "FP32"),
                tech.tablesaw.api.DoubleColumn.create("gflops", 1.0, 2.0, 3.0),
                tech.tablesaw.api.DoubleColumn.create("distance", 0.5, 0.6, 0.1));
        var front = NsCharts.paretoFront(tiny, "gflops");   // b is dominated by a
        String js = front.asJavascript(0);
        assertTrue(js.contains("x: [\"1.0\",\"3.0\"]") && js.contains("y: [\"0.5\",\"0.1\"]"), js);
        double[] band = ScalarMaps.limitBand(Schedule.KELLER, 1e-3, 4000, 100, 20);
        assertEquals(1 + 1 + 2, NsCharts.band(Schedule.KELLER, "keller", 1e-3).getTraces().length);
        assertTrue(band[0] > 0.6 && band[1] < 1.2);
    }
}
