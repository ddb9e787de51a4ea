package dev.muonlab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CriticalBatchTest {

    /** Points exactly on McCandlish et al.'s curve S = S_min (1 + B_crit / B) give back S_min and E_min. */
    @Test
    void recoversTheParametersOfExactPoints() {
        double sMin = 400, bCrit = 48;
        double[] batches = {4, 8, 16, 32, 64, 128, 256};
        double[] s = new double[batches.length];
        double[] e = new double[batches.length];
        for (int i = 0; i < batches.length; i++) {
            s[i] = sMin * (1 + bCrit / batches[i]);
            e[i] = s[i] * batches[i];
            assertEquals(1.0, (s[i] / sMin - 1) * (e[i] / (sMin * bCrit) - 1), 1e-12);   // Eq. 2.11 holds
        }
        CriticalBatch.Fit fit = CriticalBatch.fit(s, e);
        assertEquals(sMin, fit.sMin(), 1e-9 * sMin);
        assertEquals(sMin * bCrit, fit.eMin(), 1e-9 * sMin * bCrit);
        assertEquals(bCrit, fit.criticalBatch(), 1e-9 * bCrit);
        assertEquals(s[3], fit.steps(batches[3]), 1e-9 * s[3]);
    }

    /** With 2 % multiplicative noise on the steps (seeded), B_crit is still found within 15 %. */
    @Test
    void isStableUnderSmallNoise() {
        SplittableRandom rng = new SplittableRandom(7);
        double sMin = 1000, bCrit = 30;
        double[] batches = {2, 4, 8, 16, 32, 64, 128, 256, 512};
        double[] s = new double[batches.length];
        double[] e = new double[batches.length];
        for (int i = 0; i < batches.length; i++) {
            s[i] = sMin * (1 + bCrit / batches[i]) * (1 + 0.02 * (2 * rng.nextDouble() - 1));
            e[i] = s[i] * batches[i];
        }
        CriticalBatch.Fit fit = CriticalBatch.fit(s, e);
        assertEquals(bCrit, fit.criticalBatch(), 0.15 * bCrit);
    }

    @Test
    void tooFewOrUnusablePointsGiveNaN() {
        assertTrue(Double.isNaN(CriticalBatch.fit(new double[]{100}, new double[]{400}).criticalBatch()));
        assertTrue(Double.isNaN(CriticalBatch.fit(new double[]{100, Double.NaN}, new double[]{400, 800}).criticalBatch()));
    }
}
