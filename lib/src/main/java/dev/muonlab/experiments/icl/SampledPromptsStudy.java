package dev.muonlab.experiments.icl;

import dev.muonlab.MuonLabHome;
import dev.muonlab.experiments.IterativeRun;
import dev.muonlab.experiments.Method;
import dev.muonlab.experiments.ResultStore;
import dev.muonlab.experiments.SweepRunner;
import dev.muonlab.progress.ProgressListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Training on real sampled prompts instead of the population loss: simplified Muon on mini-batches of
 * B prompts with N examples each. The minimizer of the expected loss at finite N is
 * Γ*_N = ((1 + 1/N)Λ + tr(Λ)/N · I)⁻¹ ({@link LinearAttentionIcl#optimalGamma}), which tends to the
 * population optimum Λ⁻¹ as N grows; this study shows the learned Γ following Γ*_N towards Λ⁻¹.
 *
 * @param d          input dimension
 * @param kappa      condition number of Λ
 * @param rotated    rotated (true) or diagonal Λ
 * @param contexts   the N values
 * @param batchSize  prompts per step B
 * @param iterations steps per run
 * @param muonLr     η₀
 * @param muonDecay  ρ
 * @param seed       seed of Λ's rotation and of the prompts
 */
public record SampledPromptsStudy(int d, double kappa, boolean rotated, List<Integer> contexts, int batchSize,
                                  int iterations, double muonLr, double muonDecay, long seed) {

    public SampledPromptsStudy {
        contexts = List.copyOf(contexts);
    }

    /** The notebook's run: d = 5, κ = 10, N ∈ {4, 16, 64, 256, 1024}, B = 64, 300 steps. */
    public static SampledPromptsStudy paper() {
        return new SampledPromptsStudy(5, 10, true, List.of(4, 16, 64, 256, 1024), 64, 300, 0.3, 0.98, 1);
    }

    /** A fast version: N ∈ {4, 32, 256}, 150 steps. */
    public static SampledPromptsStudy smoke() {
        return new SampledPromptsStudy(5, 10, true, List.of(4, 32, 256), 32, 150, 0.3, 0.96, 1);
    }

    /**
     * @param progress live progress in steps
     * @return one row per N: N, errorToOptimumN (‖Γ − Γ*_N‖/‖Γ*_N‖), errorToPopulation (‖Γ − Λ⁻¹‖/‖Λ⁻¹‖),
     *         optimumNToPopulation (‖Γ*_N − Λ⁻¹‖/‖Λ⁻¹‖), excessLoss (L_N(Γ) − L_N(Γ*_N))
     */
    public Table run(ProgressListener progress) {
        List<SweepRunner.Task<double[]>> tasks = new ArrayList<>();
        for (int n : contexts) {
            tasks.add(new SweepRunner.Task<>("N=" + n, iterations, advance -> {
                IclProblem problem = IclProblem.of(new IclSpec(d, kappa, rotated, n, batchSize, seed + n));
                Map<String, INDArray> params = problem.initialParams();
                Method.StepSizes steps = new Method.StepSizes(0, 0, 1, muonLr, muonDecay, 0, 1);
                IterativeRun.run(problem, params, Method.MUON.optimizer(steps, params), problem::relativeError, 0,
                        iterations, iterations, (t, m, l, p) -> { }, advance);
                INDArray population = LinearAttentionIcl.optimalGamma(problem.Lambda(), Integer.MAX_VALUE);
                INDArray optimumN = problem.optimum();
                double popNorm = population.norm2Number().doubleValue();
                return new double[]{n, problem.relativeError(params),
                        params.get("Gamma").sub(population).norm2Number().doubleValue() / popNorm,
                        optimumN.sub(population).norm2Number().doubleValue() / popNorm,
                        problem.loss(params) - problem.loss(Map.of("Gamma", optimumN))};
            }));
        }
        List<double[]> rows = SweepRunner.run(tasks, SweepRunner.defaultThreads(), progress, r -> { });
        Table table = Table.create("sampled prompts", IntColumn.create("N"), DoubleColumn.create("errorToOptimumN"),
                DoubleColumn.create("errorToPopulation"), DoubleColumn.create("optimumNToPopulation"),
                DoubleColumn.create("excessLoss"));
        for (double[] r : rows) {
            table.intColumn(0).append((int) r[0]);
            for (int c = 1; c < 5; c++) {
                table.doubleColumn(c).append(r[c]);
            }
        }
        return table;
    }

    /** Reloads the saved table of this exact configuration, or computes and saves it. */
    public Table runOrLoad(ProgressListener progress) {
        Path dir = MuonLabHome.results("icl-sampled");
        try {
            Optional<Map<String, Table>> saved = ResultStore.load(dir, this, "sampled");
            if (saved.isPresent()) {
                return saved.get().get("sampled");
            }
            Table table = run(progress);
            ResultStore.save(dir, this, Map.of("sampled", table));
            return table;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write results in " + dir + ": " + e.getMessage(), e);
        }
    }
}
