package dev.muonlab.optim;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An optimizer over named parameters: each {@link #step} updates every parameter in place from
 * its gradient, per parameter group ({@link ParamGroup}: config + lr schedule), and advances a
 * step counter. Its whole state (step counter and per-parameter buffers) can be saved and loaded
 * so that a resumed run continues bit-identically.
 *
 * <p>Orientation convention: weights stored (out, in), as {@code nn.Linear}
 * (see {@link OptimizerConfig}). Build one with {@link #of} or {@link #builder()}.
 */
public interface Optimizer {

    /**
     * One step over all parameters. Gradients are checked first (known name, same shape, finite)
     * and nothing changes when a check fails. A parameter without a gradient in the map is left
     * alone this step (as PyTorch skips {@code grad is None}). A gradient of another floating type
     * is cast to its parameter's type.
     *
     * @param grads parameter name → gradient. Not modified.
     * @return true when the step was applied; false when it was skipped ({@link NonFinitePolicy#SKIP_STEP})
     * @throws IllegalArgumentException for an unknown name or a shape mismatch (naming the parameter)
     * @throws NonFiniteGradientException for NaN/Inf under {@link NonFinitePolicy#THROW}
     */
    boolean step(Map<String, INDArray> grads);

    /** @return the number of steps applied so far (the next step's 0-based index) */
    long stepCount();

    /**
     * @return parameter name → RMS of the update U of the last applied step (before the lr);
     *         empty unless the optimizer was built with {@code recordUpdateRms(true)}
     */
    Map<String, Double> lastUpdateRms();

    /** @return the number of steps skipped because of non-finite gradients */
    long skippedSteps();

    /** @return the parameter groups, in order */
    List<ParamGroup> groups();

    /** @return every parameter by name (all groups). Live arrays: the optimizer updates them. */
    Map<String, INDArray> params();

    /** @return the learning rate the next step will use in group {@code groupName} */
    double currentLr(String groupName);

    /** @return a parameter's state buffers (live arrays; empty before its first step) */
    Map<String, INDArray> state(String paramName);

    /** @return a deep copy of the whole state: step counters and every buffer */
    OptimizerState stateSnapshot();

    /**
     * Replaces the whole state by a copy of {@code state}.
     *
     * @param state a snapshot of an optimizer with the same parameter names and shapes. Not modified.
     * @throws IllegalArgumentException when names, buffers or shapes do not match
     */
    void loadState(OptimizerState state);

    /** Writes the state to a folder: {@code optimizer.properties} plus one .npy per buffer. */
    default void save(Path dir) throws IOException {
        stateSnapshot().save(dir);
    }

    /** Reads a state written by {@link #save} into this optimizer. */
    default void load(Path dir) throws IOException {
        loadState(OptimizerState.load(dir));
    }

    /** @return a one-group optimizer with the constant schedule over {@code params} (updated in place) */
    static Optimizer of(OptimizerConfig config, Map<String, INDArray> params) {
        return builder().group(config.name(), config, params).build();
    }

    /** @return a builder for several groups */
    static GroupedOptimizer.Builder builder() {
        return GroupedOptimizer.builder();
    }
}
