package dev.muonlab.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Schedule values against nanoGPT's get_lr and modded-nanogpt's linear cooldown, by hand. */
class LrScheduleTest {

    @Test
    void nanoGptWarmupCosine() {
        LrSchedule s = WarmupCosineSchedule.nanoGptShakespeare();     // warm-up 100, decay to 0.1 at 5000
        assertEquals(1.0 / 101, s.multiplier(0), 1e-15);
        assertEquals(100.0 / 101, s.multiplier(99), 1e-15);
        assertEquals(1.0, s.multiplier(100), 1e-15);
        assertEquals(0.1 + 0.5 * 0.9, s.multiplier(2550), 1e-12);   // halfway: cos(π/2) = 0
        assertEquals(0.1, s.multiplier(5000), 1e-15);
        assertEquals(0.1, s.multiplier(9000), 1e-15);
    }

    @Test
    void warmupStableDecay() {
        LrSchedule s = WarmupStableDecaySchedule.moddedNanoGpt(100);  // cooldown over the last 70 %
        assertEquals(1.0, s.multiplier(0), 0);
        assertEquals(1.0, s.multiplier(29), 0);
        assertEquals(0.5, s.multiplier(65), 1e-12);
        assertEquals(0.0, s.multiplier(100), 1e-15);
        LrSchedule w = LrSchedule.warmupStableDecay(4, 100, 0.5, 0.1);
        assertEquals(0.2, w.multiplier(0), 1e-15);
        assertEquals(1.0, w.multiplier(49), 0);
        assertEquals(0.1 + 0.9 * 0.5, w.multiplier(75), 1e-12);
    }

    @Test
    void parsesTheCliSpelling() {
        assertEquals(LrSchedule.constant(), LrSchedule.parse("constant"));
        assertEquals(new WarmupCosineSchedule(10, 100, 0.1), LrSchedule.parse("cosine:10:100:0.1"));
        assertEquals(new WarmupStableDecaySchedule(0, 50, 0.7, 0), LrSchedule.parse("wsd:0:50:0.7:0"));
        assertEquals(0.125, LrSchedule.parse("geometric:0.5").multiplier(3), 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LrSchedule.parse("linear"));
        assertTrue(e.getMessage().contains("cosine:WARMUP"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LrSchedule.warmupCosine(10, 5, 0));
    }
}
