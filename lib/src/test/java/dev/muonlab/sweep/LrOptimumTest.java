package dev.muonlab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The lr optimum's estimator on data whose answer is known. */
class LrOptimumTest {

    /** Round-off of a parabola's vertex from three exact samples. */
    private static final double EXACT = 1e-12;

    private static double[] parabola(double[] x, double a, double vertex, double floor) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = a * (x[i] - vertex) * (x[i] - vertex) + floor;
        }
        return y;
    }

    @Test
    void onAnExactParabolaTheEstimateIsItsVertexOnUniformAndUnevenGrids() {
        double[] uniform = {-2, -1, 0, 1, 2};
        LrOptimum.Estimate e = LrOptimum.estimate(uniform, parabola(uniform, 2, 0.3, 1.5));
        assertEquals(0.3, e.x(), EXACT);
        assertEquals(0.0, e.argmin(), 0);
        assertEquals(1.5 + 2 * 0.09, e.loss(), EXACT);
        assertFalse(e.atEdge());
        double[] uneven = {-2, -0.5, 1, 3};
        assertEquals(0.7, LrOptimum.estimate(uneven, parabola(uneven, 0.4, 0.7, 2.0)).x(), EXACT);
        assertEquals(-1.4, LrOptimum.estimate(uniform, parabola(uniform, 1, -1.4, 0)).x(), EXACT);
    }

    @Test
    void aBestPointAtTheEdgeIsFlaggedAndNotExtrapolated() {
        double[] x = {-1, 0, 1};
        LrOptimum.Estimate e = LrOptimum.estimate(x, parabola(x, 1, 2.5, 0));
        assertEquals(1.0, e.x(), 0);
        assertTrue(e.atEdge());
    }

    @Test
    void aDivergedNeighbourLeavesTheBestPointUninterpolatedAndDivergedRunsRankLast() {
        double[] x = {-1, 0, 1, 2};
        double inf = LrOptimum.score(0.1, true);
        assertEquals(Double.POSITIVE_INFINITY, inf);
        assertEquals(Double.POSITIVE_INFINITY, LrOptimum.score(Double.NaN, false));
        LrOptimum.Estimate e = LrOptimum.estimate(x, new double[] {2.4, 2.2, 2.1, inf});
        assertEquals(1.0, e.x(), 0);
        assertTrue(e.atEdge() == false);
        assertTrue(Double.isNaN(LrOptimum.estimate(x, new double[] {inf, inf, inf, inf}).x()));
    }
}
