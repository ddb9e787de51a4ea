package dev.muonlab.sweep;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * What one run of a sweep produced: named scalar metrics (final loss, steps, seconds, a 0/1
 * diverged flag, …) and optionally a curve (e.g. step, tokens, val_loss), so that targets can be
 * chosen after the runs without running them again.
 *
 * @param metrics name → value (a read-only copy; NaN allowed; sorted by name once stored)
 * @param curve   the run's curve, or null
 */
public record RunResult(Map<String, Double> metrics, Table curve) {

    public RunResult {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /** @return the metric {@code name}; a sentence when the run did not record it */
    public double metric(String name) {
        Double v = metrics.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no metric '" + name + "' (have " + metrics.keySet() + ")");
        }
        return v;
    }
}
