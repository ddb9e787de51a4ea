package dev.muonlab.spark;

import dev.muonlab.sweep.RunSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link RunSpec} as the text a Spark task receives: exactly {@link RunSpec#canonicalText()}
 * ({@code study=NAME} and then one {@code name=value} line per parameter). Specs travel as text, not
 * as objects, so that a task needs nothing but lib's classes to rebuild one, and the rebuilt spec has
 * the same hash as the driver's (checked by the caller that compares hashes, {@link RunTask}).
 */
final class SpecText {

    private SpecText() {
    }

    /** @return {@code spec}'s text; modifies nothing */
    static String of(RunSpec spec) {
        return spec.canonicalText();
    }

    /**
     * Reads a spec back. Parameter names hold no '=' ({@link RunSpec} allows letters, digits, '.', '_'
     * and '-'), so each line splits at its first '='; values may hold '='.
     *
     * @param text {@link #of}'s output. Not modified.
     * @return the spec; modifies nothing
     * @throws IllegalArgumentException when the text does not start with {@code study=} or a line has no '='
     */
    static RunSpec parse(String text) {
        String[] lines = text.split("\n");
        if (lines.length == 0 || !lines[0].startsWith("study=")) {
            throw new IllegalArgumentException("a spec's text starts with study=NAME, got: " + text);
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isEmpty()) {
                continue;
            }
            int eq = lines[i].indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("a spec's line is name=value, got '" + lines[i] + "'");
            }
            params.put(lines[i].substring(0, eq), lines[i].substring(eq + 1));
        }
        return new RunSpec(lines[0].substring("study=".length()), params);
    }
}
