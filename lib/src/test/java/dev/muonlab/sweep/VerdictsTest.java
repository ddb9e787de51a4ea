package dev.muonlab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.muonlab.sweep.Verdicts.Verdict;
import org.junit.jupiter.api.Test;

/** Each verdict rule on synthetic numbers: the three outcomes, decided by the stated thresholds. */
class VerdictsTest {

    static final double NaN = Double.NaN;

    @Test
    void ratioAtLeastOne() {
        assertEquals(Verdict.REPRODUCED, Verdicts.atLeastOne(new double[]{1.1, 1.2, 0.9}, new double[]{1.3, 1.4, 1.2}));
        assertEquals(Verdict.NOT_REPRODUCED, Verdicts.atLeastOne(new double[]{1.1, 0.7}, new double[]{1.3, 0.95}));
        assertEquals(Verdict.INCONCLUSIVE, Verdicts.atLeastOne(new double[]{0.9, 0.9, 1.1}, new double[]{1.2, 1.2, 1.3}));
        assertEquals(Verdict.INCONCLUSIVE, Verdicts.atLeastOne(new double[]{NaN}, new double[]{NaN}));
    }

    @Test
    void ratioNonDecreasing() {
        assertEquals(1, Verdicts.monotoneSign(new double[]{1.1, 1.3}, new double[]{1.0, 1.2}, new double[]{1.2, 1.4}));
        assertEquals(-1, Verdicts.monotoneSign(new double[]{1.5, 1.0}, new double[]{1.4, 0.9}, new double[]{1.6, 1.1}));
        assertEquals(0, Verdicts.monotoneSign(new double[]{1.3, 1.2}, new double[]{1.0, 1.0}, new double[]{1.6, 1.4}));
        assertEquals(Verdict.REPRODUCED, Verdicts.nonDecreasing(new int[]{1, 1, 0}));
        assertEquals(Verdict.NOT_REPRODUCED, Verdicts.nonDecreasing(new int[]{-1, -1, 1}));
        assertEquals(Verdict.INCONCLUSIVE, Verdicts.nonDecreasing(new int[]{-1, 1, 1}));
        assertEquals(Verdict.INCONCLUSIVE, Verdicts.nonDecreasing(new int[]{}));
    }

    @Test
    void fewerTokens() {
        // R in [1.1, 1.2]: 9-17 % fewer, overlaps 10-15 %
        assertEquals(Verdict.REPRODUCED, Verdicts.fewerTokens(1.1, 1.2, 0.10, 0.15));
        // R in [1.4, 1.6]: 29-38 % fewer, above
        assertEquals(Verdict.NOT_REPRODUCED, Verdicts.fewerTokens(1.4, 1.6, 0.10, 0.15));
        // R in [0.95, 1.05]: below
        assertEquals(Verdict.NOT_REPRODUCED, Verdicts.fewerTokens(0.95, 1.05, 0.10, 0.15));
        assertEquals(Verdict.INCONCLUSIVE, Verdicts.fewerTokens(NaN, NaN, 0.10, 0.15));
    }

    @Test
    void largerTokenOptimalBatch() {
        assertEquals(Verdict.REPRODUCED, Verdicts.largerBatch(new double[]{16, 64, 16}, new double[]{4, 16, 16}, 4));
        assertEquals(Verdict.NOT_REPRODUCED, Verdicts.largerBatch(new double[]{16, 16}, new double[]{16, 64}, 4));
        assertEquals(Verdict.INCONCLUSIVE, Verdicts.largerBatch(new double[]{4, 4}, new double[]{4, 4}, 4), "both at the grid's floor");
        assertEquals(Verdict.INCONCLUSIVE, Verdicts.largerBatch(new double[]{64, 4}, new double[]{16, 16}, 4));
    }

    @Test
    void trendsBySpearman() {
        assertEquals(-1.0, Verdicts.spearman(new double[]{0.8, 0.9, 0.95, 0.99}, new double[]{20, 12, 9, 4}), 1e-12);
        assertEquals(1.0, Verdicts.spearman(new double[]{1, 2, 3}, new double[]{1, 5, 9}), 1e-12);
        assertEquals(Double.NaN, Verdicts.spearman(new double[]{1, 2, 3}, new double[]{4, 4, 4}));
        assertEquals(-Math.sqrt(3) / 2, Verdicts.spearman(new double[]{0, 0.01, 0.1}, new double[]{8, 4, 4}), 1e-12);   // ties: average ranks
        assertEquals(Verdict.REPRODUCED, Verdicts.falls(new double[]{-1, -0.8, -0.6, NaN}));
        assertEquals(Verdict.NOT_REPRODUCED, Verdicts.falls(new double[]{1, 0.8, -1}));
        assertEquals(Verdict.INCONCLUSIVE, Verdicts.falls(new double[]{-1, 0.6, NaN}));
        assertEquals(Verdict.INCONCLUSIVE, Verdicts.falls(new double[]{}));
    }
}
