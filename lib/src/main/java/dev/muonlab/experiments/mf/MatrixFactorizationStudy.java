package dev.muonlab.experiments.mf;

import dev.muonlab.MuonLabHome;
import dev.muonlab.experiments.IterativeRun;
import dev.muonlab.experiments.Method;
import dev.muonlab.experiments.ResultStore;
import dev.muonlab.experiments.StudyResult;
import dev.muonlab.experiments.SweepTables;
import dev.muonlab.optim.Optimizer;
import dev.muonlab.progress.ProgressListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.nd4j.linalg.api.ndarray.INDArray;
import tech.tablesaw.api.Table;

/**
 * Matrix factorization: iterations to ε versus κ for GD, Adam, simplified Muon and practical Muon
 * (Ma, Huang, Chi, Chen, arXiv 2601.13474: simplified Muon converges linearly at a rate independent
 * of κ; GD needs ~κ log(1/ε) iterations). The metric is the loss f(U).
 */
public final class MatrixFactorizationStudy {

    /** Folder name under {@code data/results}. */
    public static final String NAME = "matrix-factorization";

    private MatrixFactorizationStudy() {
    }

    /** @return the sweep's result, computed without progress reports */
    public static StudyResult<MfStudyConfig> run(MfStudyConfig config) {
        return run(config, ProgressListener.NONE, curves -> { });
    }

    /**
     * @param config   the sweep. Not modified.
     * @param progress live progress (iterations done of the budget)
     * @param onCurves receives a snapshot of the curves table each time a run finishes (for a live chart)
     * @return the result (computed, never read from disk)
     */
    public static StudyResult<MfStudyConfig> run(MfStudyConfig config, ProgressListener progress,
                                                 Consumer<Table> onCurves) {
        return SweepTables.kappaSweep(config, config.kappas(), config.methods(), config.maxIterations(),
                (kappa, method, recordEvery, advance) -> runOne(config, kappa, method, recordEvery, advance),
                progress, onCurves);
    }

    /**
     * Reloads the saved result of this exact configuration from {@code data/results/matrix-factorization},
     * or computes and saves it.
     */
    public static StudyResult<MfStudyConfig> runOrLoad(MfStudyConfig config, ProgressListener progress,
                                                       Consumer<Table> onCurves) {
        return cached(MuonLabHome.results(NAME), config, () -> run(config, progress, onCurves));
    }

    /** Step sizes of one run: GD at a fraction of 1/λ₁ (λ₁ = 1), the rest from the config. */
    static Method.StepSizes stepSizes(MfStudyConfig c) {
        return new Method.StepSizes(c.gdStepFraction() / 1.0, c.adamLr(), c.adamDecay(), c.muonLr(), c.muonDecay(),
                c.nsMomentum(), c.nsSteps());
    }

    private static SweepTables.RunRows runOne(MfStudyConfig config, double kappa, Method method, int recordEvery,
                                              java.util.function.LongConsumer advance) {
        MfProblem problem = MfProblem.of(config.spec(kappa));
        Map<String, INDArray> params = problem.initialParams();
        Optimizer optimizer = method.optimizer(stepSizes(config), params);
        SweepTables.RunRows rows = new SweepTables.RunRows(kappa, method);
        IterativeRun.Outcome outcome = IterativeRun.run(problem, params, optimizer, problem::loss,
                config.epsilon(), config.maxIterations(), recordEvery, (t, metric, loss, p) -> {
                    rows.curve(t, metric, loss);
                    double[] progressOfModes = problem.modeProgress(p);
                    for (int i = 0; i < progressOfModes.length; i++) {
                        rows.mode(t, i + 1, problem.lambda()[i], progressOfModes[i]);
                    }
                }, advance);
        rows.outcome(outcome);
        return rows;
    }

    /** Shared by the studies: load from {@code dir} when the config matches, else compute and save. */
    public static <C> StudyResult<C> cached(Path dir, C config, java.util.function.Supplier<StudyResult<C>> compute) {
        try {
            Optional<Map<String, Table>> saved = ResultStore.load(dir, config, "curves", "summary", "modes");
            if (saved.isPresent()) {
                Map<String, Table> t = saved.get();
                return new StudyResult<>(config, t.get("curves"), t.get("summary"), t.get("modes"), true);
            }
            StudyResult<C> result = compute.get();
            ResultStore.save(dir, config, result.tables());
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write results in " + dir + ": " + e.getMessage(), e);
        }
    }
}
