package dev.muonlab.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GeometricScheduleTest {

    @Test
    void multiplierIsRhoToTheStepAndParses() {
        LrSchedule s = LrSchedule.parse("geometric:0.9");
        assertEquals(1.0, s.multiplier(0));
        assertEquals(0.9 * 0.9 * 0.9, s.multiplier(3), 1e-15);
        // The total travel of η₀ρᵗ is η₀/(1 − ρ): the sum over a long horizon.
        double sum = 0;
        for (int t = 0; t < 2000; t++) {
            sum += s.multiplier(t);
        }
        assertEquals(10, sum, 1e-9);
        assertThrows(IllegalArgumentException.class, () -> new GeometricSchedule(1.5));
        assertThrows(IllegalArgumentException.class, () -> LrSchedule.parse("geometric"));
    }
}
