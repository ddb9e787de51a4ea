package dev.muonlab.optim;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The hyper-parameters of one optimizer family and its per-parameter update: a printable record
 * ({@link MuonConfig}, {@link AdamWConfig}, {@link SgdConfig}, ...) that is saved with results.
 *
 * <p><b>Orientation convention, used everywhere in Muon Lab:</b> a weight matrix is stored
 * (out, in), rows = output dimension, as PyTorch's {@code nn.Linear.weight}. Muon's update scale
 * ({@link UpdateScale}) and SCALE's column normalization depend on it.
 *
 * <p>The update of one parameter is {@link #step}: it is what {@link GroupedOptimizer} calls for
 * every parameter of a group, and what {@code ./muonlab step} calls for one parameter.
 */
public interface OptimizerConfig {

    /** @return a short lower-case name of the algorithm ("muon", "adamw", "sgd", ...) */
    String name();

    /** @return the base learning rate, before a group's schedule multiplies it; &gt;= 0 */
    double lr();

    /** @return the decoupled or coupled weight decay; 0 when none */
    double weightDecay();

    /**
     * @return the names of the per-parameter state buffers this optimizer keeps, each of the
     *         parameter's shape and data type, created as zeros before the first step
     *         (e.g. {@code ["momentum"]} for Muon, {@code ["exp_avg", "exp_avg_sq"]} for AdamW)
     */
    List<String> stateNames();

    /**
     * Refuses a parameter this optimizer cannot update (e.g. a 1-D parameter given to Muon).
     *
     * @param name  the parameter's name, used in the message. Not modified.
     * @param shape the parameter's shape. Not modified.
     * @throws IllegalArgumentException naming the parameter and saying where to route it
     */
    default void checkParameter(String name, long[] shape) {
    }

    /**
     * One update of one parameter.
     *
     * @param param the parameter. Modified (in place).
     * @param grad  its gradient, same shape. Not modified.
     * @param state the buffers named by {@link #stateNames()}. Modified (in place).
     * @param lr    the learning rate of this step (base lr times the schedule), &gt;= 0
     * @param t     the 1-based index of this step (Adam's bias correction uses it)
     * @return a new array U, the update direction this step applied: for decoupled weight decay
     *         {@code param ← param·(1 − lr·wd) − lr·U}; for optimizers with coupled (L2) decay
     *         U includes wd·param and {@code param ← param − lr·U}
     */
    INDArray step(INDArray param, INDArray grad, Map<String, INDArray> state, double lr, long t);
}
