package dev.muonlab.sweep;

import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * What a running study sees of its executor.
 *
 * @param progress      receives finished units of this run (summed; at most {@link Study#cost})
 * @param stopRequested true once the sweep is asked to stop: the run may return early (its result is
 *                      then not stored) or finish
 */
public record RunContext(LongConsumer progress, BooleanSupplier stopRequested) {

    /** A context that ignores progress and never stops. */
    public static final RunContext NONE = new RunContext(n -> { }, () -> false);
}
