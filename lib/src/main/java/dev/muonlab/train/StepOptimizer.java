package dev.muonlab.train;

import dev.muonlab.optim.TaskRunner;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the {@link Trainer} needs from an optimizer: one in-place step over the model's named
 * parameters, the current learning rate for the log, which group a parameter belongs to, and
 * its state saved and restored exactly. {@link Recipes} adapts {@code dev.muonlab.optim.Optimizer}.
 */
public interface StepOptimizer {

    /**
     * @param grads gradients by parameter name. Not modified.
     * @throws RuntimeException on a non-finite gradient (the trainer stops the run as diverged)
     */
    void step(Map<String, INDArray> grads);

    /** @return the learning rate the next step uses in the main group (AdamW's, or Muon's) */
    double currentLr();

    /** @return the name of the group (e.g. {@code muon}, {@code adamw}) that updates {@code param} */
    String groupOf(String param);

    /** Writes the whole state (buffers and step counters) into {@code dir}. Modified: dir. */
    void save(Path dir) throws IOException;

    /** Replaces the whole state by the one saved in {@code dir}. Not modified: dir. */
    void load(Path dir) throws IOException;

    /**
     * Sets how a step's per-parameter updates run (e.g. over a trainer's worker threads); the result
     * does not depend on it. The default ignores it and runs them in turn.
     *
     * @param runner runs independent tasks. Modifies: this optimizer's runner.
     */
    default void runUpdatesWith(TaskRunner runner) {
    }
}
