package dev.muonlab.jupyter.kernel;

/**
 * Replacement targets for {@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt} in cell code.
 *
 * <p>Why: cells run inside the kernel's JVM, so {@code System.exit(0)} in a cell would end the kernel and lose the
 * notebook's state. The SecurityManager that used to block this is gone in JDK 24+, so
 * {@link CellBytecodeInstrumenter} rewrites those call sites in every class compiled from a cell to call these
 * methods instead, which refuse with a clear error whose stack trace points at the cell line.
 *
 * <p>Public because instrumented cell classes in another class loader call it.
 */
public final class ExitGuard {

    private ExitGuard() {
    }

    /**
     * Stands in for {@code System.exit(status)}.
     *
     * @param status the requested exit status. Not modified.
     * @throws SecurityException always
     */
    public static void systemExit(int status) {
        throw refusal("System.exit(" + status + ")");
    }

    /**
     * Stands in for {@code runtime.exit(status)}.
     *
     * @param runtime the receiver of the original call. Not modified.
     * @param status  the requested exit status. Not modified.
     * @throws SecurityException always
     */
    public static void runtimeExit(Runtime runtime, int status) {
        throw refusal("Runtime.exit(" + status + ")");
    }

    /**
     * Stands in for {@code runtime.halt(status)}.
     *
     * @param runtime the receiver of the original call. Not modified.
     * @param status  the requested exit status. Not modified.
     * @throws SecurityException always
     */
    public static void runtimeHalt(Runtime runtime, int status) {
        throw refusal("Runtime.halt(" + status + ")");
    }

    private static SecurityException refusal(String call) {
        return new SecurityException(call + " is not allowed in a notebook cell: it would stop the kernel and lose "
                + "all variables. Throw an exception to end a cell early, or use Kernel > Restart to start afresh.");
    }
}
