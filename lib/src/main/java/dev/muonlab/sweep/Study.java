package dev.muonlab.sweep;

import java.util.List;

/**
 * A study whose runs a sweep executes: it lists its runs for a preset and runs one spec. Runs must
 * be independent and seeded by their spec alone, so that any executor (local threads now, a cluster
 * later) on any machine produces the same result for the same spec, in any order.
 *
 * <p>A cluster executor ships only the study's {@link #name()} and the specs' text; each worker finds
 * the study again by name ({@link Studies}). So a study holds no state beyond its constructor's
 * defaults.
 */
public interface Study {

    /** @return the registered name, also the folder under the results root */
    String name();

    /** @return the runs of {@code preset}, in the order their results are listed */
    List<RunSpec> specs(SweepPreset preset);

    /**
     * Runs one spec.
     *
     * @param spec    one of this study's specs. Not modified.
     * @param context progress units and stop requests
     * @return the run's result (a diverged run is a result, with its flag set, not an exception)
     */
    RunResult run(RunSpec spec, RunContext context);

    /** @return the run's expected cost in progress units (e.g. training steps × batch), &gt; 0 */
    default long cost(RunSpec spec) {
        return 1;
    }

    /** @return a one-line label for progress messages */
    default String label(RunSpec spec) {
        return spec.params().toString();
    }
}
