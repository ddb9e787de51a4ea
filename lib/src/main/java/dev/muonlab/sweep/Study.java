package dev.muonlab.sweep;

import java.util.List;
import tech.tablesaw.api.Table;

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
     * The runs of {@code preset} scaled up for a bigger machine (the command line's {@code --scale K}):
     * what K multiplies is the study's to say (e.g. token budgets). Scaled runs are other specs, so
     * they never reuse the unscaled results.
     *
     * @param scale K &gt;= 1; 1 is {@link #specs(SweepPreset)}
     * @return the runs; studies without a scale refuse K &gt; 1
     */
    default List<RunSpec> specs(SweepPreset preset, int scale) {
        checkScale(scale);
        if (scale != 1) {
            throw new IllegalArgumentException("study " + name() + " has no --scale; run it at scale 1");
        }
        return specs(preset);
    }

    /** Refuses a scale below 1. */
    static void checkScale(int scale) {
        if (scale < 1) {
            throw new IllegalArgumentException("--scale is a whole number >= 1, got " + scale);
        }
    }

    /**
     * The runs a study adds once it has seen results: an lr sweep at one seed, then more seeds at each
     * entrant's best lr ({@link LeaderboardStudy}). {@link Sweep#run} calls this after each stage with
     * every result so far, executes the specs it has not stored yet, and stops when a call adds none.
     * A cluster executor sees the same stages: each is a plain list of specs.
     *
     * @param preset  the sweep's size
     * @param results every run's stored result so far, as {@link Sweep#results}. Not modified.
     * @return the next stage's runs (may repeat earlier ones, which are then not run again); none by default
     */
    default List<RunSpec> nextStage(SweepPreset preset, Table results) {
        return List.of();
    }

    /**
     * What a reader wants from the results: the study's own table (the leaderboard, the token ratios).
     *
     * @param preset  the sweep's size
     * @param results {@link Sweep#results} of every run. Not modified.
     * @param curves  {@link Sweep#curves} of every run. Not modified.
     * @return the summary, or empty when the study has none beyond the results table
     */
    default java.util.Optional<Table> summary(SweepPreset preset, Table results, Table curves) {
        return java.util.Optional.empty();
    }

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
