package dev.muonlab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokenRatioTest {

    @Test
    void theRatioIsTheRatioOfMeansAndTheIntervalHoldsIt() {
        TokenRatio.Estimate e = TokenRatio.estimate(new double[]{1200, 1100, 1300}, new double[]{1000, 950, 1050}, 1);
        assertEquals(1200.0 / 1000.0, e.ratio(), 1e-12);
        assertTrue(e.low() <= e.ratio() && e.ratio() <= e.high(), e.toString());
        // the extremes a resample can reach: all-min over all-max, and all-max over all-min
        assertTrue(e.low() >= 1100.0 / 1050 && e.high() <= 1300.0 / 950, e.toString());
    }

    /** Identical seeds leave nothing to resample: the interval collapses onto the ratio. */
    @Test
    void noSpreadMeansNoInterval() {
        TokenRatio.Estimate e = TokenRatio.estimate(new double[]{600, 600}, new double[]{500, 500}, 3);
        assertEquals(1.2, e.low(), 1e-12);
        assertEquals(1.2, e.high(), 1e-12);
    }

    @Test
    void aSeedThatNeverReachedTheTargetGivesNaN() {
        assertTrue(Double.isNaN(TokenRatio.estimate(new double[]{600, Double.NaN}, new double[]{500}, 3).ratio()));
    }

    @Test
    void oneSeedGivesTheRatioWithoutAnInterval() {
        TokenRatio.Estimate e = TokenRatio.estimate(new double[]{600}, new double[]{500, 520}, 3);
        assertEquals(600 / 510.0, e.ratio(), 1e-12);
        assertTrue(Double.isNaN(e.low()) && Double.isNaN(e.high()));
    }
}
