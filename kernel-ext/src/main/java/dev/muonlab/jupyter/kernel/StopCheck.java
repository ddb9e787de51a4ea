package dev.muonlab.jupyter.kernel;

/**
 * The interrupt flag that instrumented cell code polls.
 *
 * <p>Why: {@code Thread.stop} works on JDK 17 but throws {@code UnsupportedOperationException} since JDK 20, and
 * a tight loop such as {@code while (true) {}} never looks at {@link Thread#interrupted()}. So every class compiled
 * from a cell is rewritten by {@link CellBytecodeInstrumenter} to call {@link #check()} at each method entry and
 * before each backward branch (the same idea as JDK 22+'s {@code jdk.jshell.execution.LocalExecutionControl}, done
 * with ASM so that it behaves identically on JDK 17 and JDK 25). The cost is one volatile read per loop iteration.
 *
 * <p>The class must be public: cell classes live in another class loader and call it directly.
 */
public final class StopCheck {

    private static volatile boolean stopRequested;

    private StopCheck() {
    }

    /**
     * Called by instrumented cell code; throws when an interrupt was requested.
     *
     * @throws CellInterruptedError when the running cell must stop
     */
    public static void check() {
        if (stopRequested) {
            throw new CellInterruptedError("Execution interrupted by the user");
        }
    }

    /** Asks all cell code to stop at its next check. Modifies the global flag. */
    static void requestStop() {
        stopRequested = true;
    }

    /** Clears the flag before a new cell runs. Modifies the global flag. */
    static void reset() {
        stopRequested = false;
    }

    /** @return whether a stop was requested and not yet reset */
    static boolean isStopRequested() {
        return stopRequested;
    }
}
