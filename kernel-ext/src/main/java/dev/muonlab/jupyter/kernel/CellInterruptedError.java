package dev.muonlab.jupyter.kernel;

/**
 * Thrown inside cell code when the user interrupts the cell (Jupyter's interrupt_request).
 *
 * <p>Why an {@link Error}: cell code commonly catches {@link Exception}; an Error unwinds through such handlers so
 * that the interrupt really ends the cell. Even a {@code catch (Throwable t)} inside a loop only delays the stop to
 * the loop's next iteration, because the flag in {@link StopCheck} stays set until the next cell starts.
 */
public final class CellInterruptedError extends Error {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what happened, shown as the error's value in the notebook
     */
    public CellInterruptedError(String message) {
        super(message);
    }
}
