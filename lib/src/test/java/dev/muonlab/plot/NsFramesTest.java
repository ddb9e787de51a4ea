package dev.muonlab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.muonlab.ns.PolarExpress;
import dev.muonlab.ns.Precision;
import dev.muonlab.ns.Schedule;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import tech.tablesaw.api.Table;

/** The report's slider figure: one frame per q holding the schedules' composite maps, and a slider naming them. */
class NsFramesTest {

    private static final int[] DEGREES = {3, 5, 7};

    @Test
    @SuppressWarnings("unchecked")
    void everyFrameHoldsTheCompositeMapOfItsStepCount() {
        FramedFigure f = NsFrames.scalarMapOverSteps(DEGREES, 8, 5, 1e-3, 40);
        assertEquals(4, f.data().size(), "three degrees and Keller's");
        assertEquals(8, f.frames().size());
        List<Double> x = (List<Double>) f.data().get(0).get("x");
        assertEquals(40, x.size());
        for (int q : new int[] {1, 3, 8}) {
            Map<String, Object> frame = f.frames().get(q - 1);
            assertEquals("q=" + q, frame.get("name"));
            List<Map<String, Object>> traces = (List<Map<String, Object>>) frame.get("data");
            for (int t = 0; t < DEGREES.length; t++) {
                Schedule pe = PolarExpress.generate(DEGREES[t], 1e-3, q);
                List<Double> y = (List<Double>) traces.get(t).get("y");
                for (int i = 0; i < x.size(); i += 7) {
                    double exact = pe.apply(1e-4 * Math.pow(1e4, i / 39.0));
                    assertEquals(exact, y.get(i), 1e-3 * Math.abs(exact) + 1e-12, "d=" + DEGREES[t] + " q=" + q + " i=" + i);
                }
            }
            List<Double> keller = (List<Double>) traces.get(3).get("y");
            assertEquals(Schedule.keller(q).apply(1.0), keller.get(x.size() - 1), 1e-3);
        }
        assertNotEquals(((List<?>) ((Map<?, ?>) ((List<?>) f.frames().get(0).get("data")).get(0)).get("y")),
                ((List<?>) ((Map<?, ?>) ((List<?>) f.frames().get(7).get("data")).get(0)).get("y")), "q changes the curve");
        assertEquals(((List<?>) ((Map<?, ?>) ((List<?>) f.frames().get(4).get("data")).get(1)).get("y")),
                f.data().get(1).get("y"), "the first view is the initial q's frame");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSliderStepsAnimateToTheFramesByName() {
        FramedFigure f = NsFrames.scalarMapOverSteps(DEGREES, 8, 5, 1e-3, 20);
        Map<String, Object> slider = ((List<Map<String, Object>>) f.layout().get("sliders")).get(0);
        assertEquals(4, slider.get("active"));
        List<Map<String, Object>> steps = (List<Map<String, Object>>) slider.get("steps");
        assertEquals(8, steps.size());
        for (int q = 1; q <= 8; q++) {
            assertEquals("animate", steps.get(q - 1).get("method"));
            assertEquals(List.of("q=" + q), ((List<?>) steps.get(q - 1).get("args")).get(0));
        }
        assertEquals("Figure '" + f.title() + "' (4 traces, 8 frames)", f.toString());
        assertThrows(IllegalArgumentException.class, () -> NsFrames.scalarMapOverSteps(DEGREES, 8, 9, 1e-3, 20));
    }

    @Test
    @SuppressWarnings("unchecked")
    void singularValueFramesAreTheMatrixStudysForEachStepCount() {
        INDArray G = NsTables.matrixWithSpectrum(new NsTables.MatrixSpec(12, 20, 1e-2, 7));
        FramedFigure f = NsFrames.singularValuesOverSteps(G, new int[] {3, 7}, 3, 2, 1e-3);
        assertEquals(3, f.data().size());
        assertEquals(3, f.frames().size());
        for (int q = 1; q <= 3; q++) {
            Table sv = NsTables.matrixStudy(G, List.of(Schedule.keller(q)), List.of(Precision.FP32))[0];
            List<Double> keller = (List<Double>) ((List<Map<String, Object>>) f.frames().get(q - 1).get("data")).get(2).get("y");
            double[] expected = sv.doubleColumn("sigmaOut").asDoubleArray();
            assertEquals(expected.length, keller.size());
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], keller.get(i), 1e-3 * Math.abs(expected[i]) + 1e-6, "q=" + q + " i=" + i);
            }
        }
        List<Double> x = (List<Double>) f.data().get(0).get("x");
        assertEquals(12, x.size(), "one point per singular value");
        assertEquals("markers", f.data().get(0).get("mode"));
    }
}
