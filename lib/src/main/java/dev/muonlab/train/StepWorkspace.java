package dev.muonlab.train;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An ND4J workspace for the per-step temporaries of gradient clipping, the optimizer update and
 * the parameter statistics. Without it every step leaves megabytes of off-heap garbage that the
 * JVM frees only when its (small) heap is collected, and the process's resident memory climbs to
 * several GB; inside it, temporaries reuse one block of memory from step to step.
 *
 * <p>Arrays that must outlive the step (optimizer state, Newton-Schulz buffers, parameters) are
 * created on the optimizer's first step, which therefore runs outside the workspace; afterwards every
 * optimizer writes them in place.
 */
public final class StepWorkspace {

    private static final String ID = "muonlab-train-step";
    private static final WorkspaceConfiguration CONFIG = dev.muonlab.gpt.Gpt.WORKSPACE;

    private boolean warm;

    /**
     * Runs {@code body} inside the workspace, except the first time (whose allocations persist).
     *
     * @param body code whose new arrays die with the step
     */
    public void run(Runnable body) {
        if (!warm) {
            body.run();
            warm = true;
            return;
        }
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(CONFIG, ID)) {
            body.run();
        }
    }
}
