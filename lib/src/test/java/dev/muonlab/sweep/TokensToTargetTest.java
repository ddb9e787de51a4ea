package dev.muonlab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokensToTargetTest {

    private static final double[] TOKENS = {0, 100, 200, 300};
    private static final double[] LOSS = {4.0, 3.0, 2.0, 2.5};

    /** Linear interpolation between the samples around the first crossing: exact arithmetic. */
    @Test
    void interpolatesTheFirstCrossing() {
        assertEquals(150.0, TokensToTarget.firstCrossing(TOKENS, LOSS, 2.5), 1e-12);   // (3.0-2.5)/(3.0-2.0) of 100..200
        assertEquals(125.0, TokensToTarget.firstCrossing(TOKENS, LOSS, 2.75), 1e-12);
        assertEquals(200.0, TokensToTarget.firstCrossing(TOKENS, LOSS, 2.0), 1e-12);    // hits a sample exactly
        assertEquals(0.0, TokensToTarget.firstCrossing(TOKENS, LOSS, 4.5), 0.0);       // starts below the target
        assertTrue(Double.isNaN(TokensToTarget.firstCrossing(TOKENS, LOSS, 1.9)));     // never reaches it
    }

    @Test
    void skipsMissingEvaluations() {
        double[] loss = {4.0, Double.NaN, 2.0, Double.NaN};
        assertEquals(50.0, TokensToTarget.firstCrossing(TOKENS, loss, 3.5), 1e-12);  // a quarter of 0..200
    }
}
