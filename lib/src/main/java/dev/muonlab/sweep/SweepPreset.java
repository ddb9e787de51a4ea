package dev.muonlab.sweep;

import java.util.Locale;

/**
 * A study's size: {@code SMOKE} runs in seconds (tests, a notebook's live demo), {@code DEFAULT} in
 * minutes, {@code FULL} is what the committed results under {@code data/results/} were made with.
 */
public enum SweepPreset {
    SMOKE, DEFAULT, FULL;

    /** @return the preset named {@code name} (smoke, default, full; any case) */
    public static SweepPreset parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown preset '" + name + "'; choose smoke, default or full");
        }
    }
}
