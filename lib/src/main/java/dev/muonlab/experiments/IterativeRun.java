package dev.muonlab.experiments;

import dev.muonlab.optim.NonFiniteGradientException;
import dev.muonlab.optim.Optimizer;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.function.ToDoubleFunction;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The one training loop of the deterministic case studies: full-batch steps of an optimizer on an
 * {@link Objective}, watching a convergence metric (the loss, or a relative error).
 *
 * <p>"Iterations to ε" is measured as the first iteration from which the metric stays ≤ ε for
 * {@link #PATIENCE} consecutive iterations, so a method whose error merely touches ε while
 * oscillating (sign-like steps land close to a target by chance) is not credited early.
 */
public final class IterativeRun {

    /** Consecutive iterations at or below ε that count as having converged (and end the run). */
    public static final int PATIENCE = 30;

    private IterativeRun() {
    }

    /** Receives the recorded points: iteration, metric, loss, the live parameters (not to be kept). */
    @FunctionalInterface
    public interface Recorder {
        void record(int iteration, double metric, double loss, Map<String, INDArray> params);
    }

    /**
     * The outcome of a run.
     *
     * @param itersToEps  iterations to ε (see the class comment), or −1 when not reached within the budget
     * @param iterations  iterations run
     * @param finalMetric the metric at the end
     * @param diverged    true when the loss became non-finite (the run stopped there)
     */
    public record Outcome(int itersToEps, int iterations, double finalMetric, boolean diverged) {
    }

    /**
     * @param objective     the problem. Not modified.
     * @param params        the starting point. Modified (it becomes the final iterate).
     * @param optimizer     an optimizer over {@code params}. Modified (its state advances).
     * @param metric        the convergence metric of a point
     * @param epsilon       the target of the metric
     * @param maxIterations the budget
     * @param recordEvery   iterations between recorded points after the first 200 (all of those are recorded)
     * @param recorder      receives recorded points
     * @param progress      receives iterations done, in chunks
     */
    public static Outcome run(Objective objective, Map<String, INDArray> params, Optimizer optimizer,
                              ToDoubleFunction<Map<String, INDArray>> metric, double epsilon, int maxIterations,
                              int recordEvery, Recorder recorder, LongConsumer progress) {
        int streak = 0;
        int reported = 0;
        int t = 0;
        double value = Double.NaN;
        for (; ; t++) {
            double loss = objective.loss(params);
            value = metric.applyAsDouble(params);
            boolean finite = Double.isFinite(loss) && Double.isFinite(value);
            streak = finite && value <= epsilon ? streak + 1 : 0;
            boolean last = t == maxIterations || streak == PATIENCE || !finite;
            if (t <= 200 || t % recordEvery == 0 || last) {
                recorder.record(t, value, loss, params);
            }
            if (last) {
                progress.accept(t - reported);
                int iters = streak == PATIENCE ? t - PATIENCE + 1 : -1;
                return new Outcome(iters, t, value, !finite);
            }
            try {
                optimizer.step(objective.gradient(params));
            } catch (NonFiniteGradientException e) {
                progress.accept(t - reported);
                return new Outcome(-1, t, Double.NaN, true);
            }
            if (t - reported >= 100) {
                progress.accept(t - reported);
                reported = t;
            }
        }
    }
}
