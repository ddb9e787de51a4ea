package dev.muonlab.jupyter.kernel;

/**
 * Notebook helpers that jjava's {@code BaseNotebookStatics} lacks; statically imported in every notebook at start-up
 * (beside {@code BaseNotebookStatics}: {@code display}, {@code updateDisplay}, {@code render}).
 */
public final class KernelStatics {

    private KernelStatics() {
    }

    /** Clears the running cell's output now (Jupyter's {@code clear_output}). */
    public static void clearOutput() {
        clearOutput(false);
    }

    /**
     * Clears the running cell's output.
     *
     * @param wait true to clear only when the next output arrives (avoids flicker in animations)
     */
    public static void clearOutput(boolean wait) {
        MuonLabKernel.current().clearOutput(wait);
    }

    /** @return the running Muon Lab kernel (its JShell, renderer, class path) */
    public static MuonLabKernel kernel() {
        return MuonLabKernel.current();
    }
}
