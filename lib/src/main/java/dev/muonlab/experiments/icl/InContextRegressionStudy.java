package dev.muonlab.experiments.icl;

import dev.muonlab.MuonLabHome;
import dev.muonlab.experiments.IterativeRun;
import dev.muonlab.experiments.Method;
import dev.muonlab.experiments.StudyResult;
import dev.muonlab.experiments.SweepTables;
import dev.muonlab.experiments.mf.MatrixFactorizationStudy;
import dev.muonlab.optim.Optimizer;
import dev.muonlab.progress.ProgressListener;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.nd4j.linalg.api.ndarray.INDArray;
import tech.tablesaw.api.Table;

/**
 * In-context linear regression with a linear transformer: iterations to ε versus κ(Λ) for GD, Adam,
 * simplified and practical Muon on the population loss (Ma, Huang, Chi, Chen, arXiv 2601.13474,
 * second case study). The metric is the relative error ‖Γ − Λ⁻¹‖_F/‖Λ⁻¹‖_F; the loss is recorded too.
 *
 * <p>Why GD needs ~κ³ iterations: L is quadratic with Hessian eigenvalues λ_i λ_j² (entry (i, j) of
 * Γ in Λ's eigenbasis), so the stable step is below 2/λ_max³ and the slowest mode contracts by
 * 1 − ηλ_min³ per step. Simplified Muon moves every mode by the same η_t: γ_i ← γ_i + η_t sign(1/λ_i − γ_i).
 */
public final class InContextRegressionStudy {

    /** Folder name under {@code data/results}. */
    public static final String NAME = "in-context-regression";

    private InContextRegressionStudy() {
    }

    /** @return the sweep's result, computed without progress reports */
    public static StudyResult<IclStudyConfig> run(IclStudyConfig config) {
        return run(config, ProgressListener.NONE, curves -> { });
    }

    /**
     * @param config   the sweep. Not modified.
     * @param progress live progress
     * @param onCurves receives a snapshot of the curves table each time a run finishes
     * @return the result (computed)
     */
    public static StudyResult<IclStudyConfig> run(IclStudyConfig config, ProgressListener progress,
                                                  Consumer<Table> onCurves) {
        return SweepTables.kappaSweep(config, config.kappas(), config.methods(), config.maxIterations(),
                (kappa, method, recordEvery, advance) -> runOne(config, kappa, method, recordEvery, advance),
                progress, onCurves);
    }

    /** Reloads the saved result of this exact configuration, or computes and saves it. */
    public static StudyResult<IclStudyConfig> runOrLoad(IclStudyConfig config, ProgressListener progress,
                                                        Consumer<Table> onCurves) {
        return MatrixFactorizationStudy.cached(MuonLabHome.results(NAME), config, () -> run(config, progress, onCurves));
    }

    private static SweepTables.RunRows runOne(IclStudyConfig config, double kappa, Method method, int recordEvery,
                                              LongConsumer advance) {
        IclProblem problem = IclProblem.of(config.spec(kappa));
        Map<String, INDArray> params = problem.initialParams();
        Method.StepSizes steps = new Method.StepSizes(config.gdLr(kappa), config.adamLr(), config.adamDecay(),
                config.muonLr(), config.muonDecay(), config.nsMomentum(), config.nsSteps());
        Optimizer optimizer = method.optimizer(steps, params);
        SweepTables.RunRows rows = new SweepTables.RunRows(kappa, method);
        IterativeRun.Outcome outcome = IterativeRun.run(problem, params, optimizer, problem::relativeError,
                config.epsilon(), config.maxIterations(), recordEvery, (t, metric, loss, p) -> {
                    rows.curve(t, metric, loss);
                    double[] modes = problem.modeProgress(p);
                    for (int i = 0; i < modes.length; i++) {
                        rows.mode(t, i + 1, problem.lambda()[i], modes[i]);
                    }
                }, advance);
        rows.outcome(outcome);
        return rows;
    }
}
