package dev.muonlab.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.muonlab.ns.OddPolynomial;
import dev.muonlab.ns.PolarExpress;
import dev.muonlab.ns.Schedule;
import org.junit.jupiter.api.Test;

/** The scalar vectors of references.md §0.2 and §5 ([DERIVED], NumPy, 100k log-spaced points on [1e−3, 1]). */
class ScalarMapsTest {

    /** The references print 4 significant digits. */
    static final double PRINTED = 5e-5;
    /** The 3-digit values. */
    static final double PRINTED_3 = 5e-4;
    static final int POINTS = 100_000;

    @Test
    void kellerFiveSteps() {
        Schedule s = Schedule.keller(5);
        double[] im = ScalarMaps.image(s, 1e-3, 1, POINTS);
        assertEquals(0.4705, im[0], PRINTED);
        assertEquals(1.2024, im[1], PRINTED);
        assertEquals(0.4705, s.apply(1e-3), PRINTED);
        assertEquals(0.7121, s.apply(0.1), PRINTED);
        assertEquals(0.6964, s.apply(1), PRINTED);
        assertEquals(0.7010, Schedule.KELLER.apply(1), PRINTED);
        assertEquals(3.4445, Schedule.KELLER.derivative(0), 1e-15);
    }

    @Test
    void kellerLimitBandIsAboutPoint68To1Point13() {
        double[] band = ScalarMaps.limitBand(Schedule.KELLER, 1e-3, 20_000, 100, 1);
        assertEquals(0.682, band[0], PRINTED_3);
        assertEquals(1.134, band[1], PRINTED_3);
    }

    @Test
    void baselineCubicAndTaylorQuintic() {
        Schedule q = Schedule.quintic(5);
        assertEquals(0.0320, q.apply(1e-3), PRINTED);
        assertEquals(1.0005, q.apply(0.1), PRINTED);
        assertEquals(1.0, q.apply(1), 1e-12);
        assertEquals(1.0018, ScalarMaps.image(q, 1e-3, 1, POINTS)[1], PRINTED);
        Schedule c = Schedule.cubic(5);
        assertEquals(0.0076, c.apply(1e-3), PRINTED);
        assertEquals(0.6587, c.apply(0.1), PRINTED);
        assertEquals(1.0, ScalarMaps.image(c, 1e-3, 1, POINTS)[1], 1e-12);
        Schedule t = Schedule.taylor(2, 5);
        assertEquals(0.0232, t.apply(1e-3), PRINTED);
        assertEquals(0.9958, t.apply(0.1), PRINTED);
    }

    @Test
    void youAndPolarExpressImages() {
        double[] you = ScalarMaps.image(Schedule.you(), 1e-3, 1, POINTS);
        assertEquals(0.866, you[0], PRINTED_3);
        assertEquals(0.999, you[1], PRINTED_3);
        double[] pe = ScalarMaps.image(PolarExpress.published().withSteps(5), 1e-3, 1, POINTS);
        assertEquals(0.846, pe[0], PRINTED_3);
        assertEquals(1.124, pe[1], PRINTED_3);
        double[] pe8 = ScalarMaps.image(PolarExpress.published(), 1e-3, 1, POINTS);
        assertEquals(1.0, pe8[0], 1e-3);
        assertEquals(1.0, pe8[1], 1e-3);
    }

    @Test
    void worstCaseErrorAndTrajectories() {
        Schedule c = Schedule.cubic(5);
        assertEquals(1 - 0.0076, ScalarMaps.worstCaseError(c, 1e-3, POINTS), PRINTED);
        double[] grid = ScalarMaps.logGrid(1e-4, 1, 50);
        double[][] tr = ScalarMaps.trajectories(c, grid);
        assertEquals(6, tr.length);
        assertEquals(grid[10], tr[0][10], 0);
        assertEquals(c.apply(grid[10]), tr[5][10], 1e-15);
        OddPolynomial p = Schedule.CUBIC;
        assertEquals(p.apply(p.apply(grid[3])), tr[2][3], 1e-15);
        assertTrue(tr[5][0] > tr[0][0]);
    }

    @Test
    void costModel() {
        // Keller's blog: 2(2nm² + m³) per quintic step on m ≤ n
        assertEquals(2 * (2.0 * 4096 * 1024 * 1024 + 1024.0 * 1024 * 1024),
                CostModel.stepFlops(4096, 1024, Schedule.KELLER), 1);
        assertEquals(5 * CostModel.stepFlops(1024, 4096, Schedule.KELLER), CostModel.scheduleFlops(1024, 4096, Schedule.keller(5)), 1);
        assertEquals(4.0 * 100 * 100 * 300 + 8.0 * 100 * 100 * 100, CostModel.svdFlops(300, 100), 1);
    }
}
