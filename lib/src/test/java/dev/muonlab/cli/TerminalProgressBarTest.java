package dev.muonlab.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TerminalProgressBarTest {

    @Test
    void showsItsOwnEtaWhileRunningAndTheDurationWhenDone() {
        assertEquals("[###...........................] 120/1000  12% loss 2.31 · ETA 1:28",
                TerminalProgressBar.render(120, 1000, "loss 2.31", 12.0));
        assertEquals("[##############################] 1000/1000 100% loss 1.90 · done in 1:40",
                TerminalProgressBar.render(1000, 1000, "loss 1.90", 100.0));
        assertEquals("[..............................] 0/10   0% ETA ?", TerminalProgressBar.render(0, 10, "", 1.0));
    }

    @Test
    void formatsHoursMinutesAndSeconds() {
        assertEquals("0:59", TerminalProgressBar.formatSeconds(59.4));
        assertEquals("1:02:03", TerminalProgressBar.formatSeconds(3723));
        assertEquals("?", TerminalProgressBar.formatSeconds(Double.NaN));
    }
}
