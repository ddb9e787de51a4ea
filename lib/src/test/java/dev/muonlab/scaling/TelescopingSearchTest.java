package dev.muonlab.scaling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link TelescopingSearch} and {@link WidthDrift} on a quadratic loss whose optimum drifts with
 * width as Eq. 4 says: x*(n) = x* − α/n in (log₂ lr, log₂ wd), worked by hand.
 */
class TelescopingSearchTest {

    private static final double[] X_INF = {-8, -4};
    private static final double H = 0.5;

    private static TelescopingSearch.Objective bowl(double[] alpha) {
        return (x, n) -> {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
                double d = x[i] - WidthDrift.optimumAt(X_INF[i], alpha[i], n);
                s += d * d;
            }
            return s;
        };
    }

    @Test
    void axisIsCentredWithTheMeshSpacing() {
        assertArrayEquals(new double[] {-10.75, -10.25, -9.75, -9.25, -8.75, -8.25, -7.75, -7.25},
                TelescopingSearch.axis(-9, H, 8), 0);
        assertArrayEquals(new double[] {-9.25, -8.75, -8.25}, TelescopingSearch.axis(-8.75, H, 3), 0);
    }

    @Test
    void searchFollowsTheDriftingOptimum() {
        // α = (300, −200): x*(256) = (−9.172, −3.219), x*(512) = (−8.586, −3.609),
        // x*(1024) = (−8.293, −3.805), x*(2048) = (−8.146, −3.902); mesh points at −9 + 0.5·(j − 3.5)
        List<TelescopingSearch.Sweep> sweeps = TelescopingSearch.run(256, 2048, new double[] {-9, -3}, H, 8,
                bowl(new double[] {300, -200}));
        assertEquals(4, sweeps.size());
        assertArrayEquals(new double[] {-9.25, -3.25}, sweeps.get(0).best(), 0);     // nearest to (−9.172, −3.219)
        assertArrayEquals(new double[] {-8.75, -3.75}, sweeps.get(1).best(), 0);     // 5 points around the last best
        assertArrayEquals(new double[] {-8.25, -3.75}, sweeps.get(2).best(), 0);
        assertArrayEquals(new double[] {-8.25, -3.75}, sweeps.get(3).best(), 0);     // the 1×1 stage keeps it
        assertArrayEquals(new double[] {-10.25, -9.75, -9.25, -8.75, -8.25}, sweeps.get(1).axes()[0], 0);
        double[] target = {WidthDrift.optimumAt(-8, 300, 2048), WidthDrift.optimumAt(-4, -200, 2048)};
        for (int i = 0; i < 2; i++) {
            assertTrue(Math.abs(sweeps.get(3).best()[i] - target[i]) <= WidthDrift.gridError(H), "coordinate " + i);
        }
        assertEquals(64 + 25 + 9 + 1, sweeps.stream().mapToLong(s -> s.stage().runs()).sum());
    }

    @Test
    void tooLargeADriftEscapesTheShrunkWindow() {
        // α = 2048 in log₂ lr: from 256 to 512 the optimum moves 4 (8 mesh steps); 5 points reach only ±1
        assertFalse(WidthDrift.windowHolds(2048, 256, H, 5));
        assertTrue(WidthDrift.windowHolds(300, 256, H, 5));
        List<TelescopingSearch.Sweep> sweeps = TelescopingSearch.run(256, 2048, new double[] {-9, -3}, H, 8,
                bowl(new double[] {2048, 0}));
        double target = WidthDrift.optimumAt(-8, 2048, 2048);                         // −9
        double found = sweeps.get(3).best()[0];
        assertTrue(Math.abs(found - target) > WidthDrift.gridError(H), "found " + found + ", optimum " + target);
        assertNotEquals(-9.25, found);
    }

    @Test
    void driftHalvesAtEachDoublingAndEqFourIsRecovered() {
        assertEquals(300.0 / 512, WidthDrift.driftOverDoubling(300, 256), 0);
        assertEquals(WidthDrift.optimumAt(-8, 300, 512) - WidthDrift.optimumAt(-8, 300, 256),
                WidthDrift.driftOverDoubling(300, 256), 1e-15);
        assertEquals(WidthDrift.driftOverDoubling(300, 256) / 2, WidthDrift.driftOverDoubling(300, 512), 0);
        double[] widths = {256, 512, 1024, 2048};
        double[] optima = new double[widths.length];
        for (int i = 0; i < widths.length; i++) {
            optima[i] = WidthDrift.optimumAt(-8, 300, widths[i]);
        }
        double[] fit = WidthDrift.fit(widths, optima);
        assertEquals(-8, fit[0], 1e-12);
        assertEquals(300, fit[1], 1e-9);
        // two widths: x* = (n₂x₂ − n₁x₁)/(n₂ − n₁), α = (x₂ − x₁)·n₁n₂/(n₂ − n₁), from optima −9 and −8.5
        double[] two = WidthDrift.fit(new double[] {100, 200}, new double[] {-9, -8.5});
        assertEquals((200 * -8.5 - 100 * -9) / 100.0, two[0], 1e-12);                  // −8
        assertEquals(0.5 * 100 * 200 / 100.0, two[1], 1e-9);                            // 100
    }
}
