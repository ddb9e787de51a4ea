package dev.muonlab.sweep;

import dev.muonlab.train.OptimizerChoice;
import dev.muonlab.train.Recipes;
import dev.muonlab.train.TrainConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tech.tablesaw.api.Table;

/**
 * Moonlight's update-RMS ablation (Liu et al., "Muon is Scalable for LLM Training", arXiv 2502.16982,
 * App. A, Table 8; references.md §3.2): Muon whose update is scaled to RMS r (r·√max(A, B)·O, Eq. 4)
 * for r ∈ {0.05, 0.1, 0.2, 0.4, 0.8}, reusing AdamW's learning rate (1e-3) and weight decay (0.1)
 * untuned, against AdamW and, as a second reference, Keller's Muon at its own tuned lr (0.02). The
 * paper's validation losses after 2k steps: AdamW 3.679; r = 0.05: 3.503, 0.1: 3.374, 0.2: 3.325,
 * 0.4: 3.314, 0.8: 3.543, and 0.2 was chosen. Read-out: {@link UpdateRmsAnalysis}.
 *
 * <p>Runs are {@link CharGptRun}s at nanoGPT's batch B = 12 (where the recipes' learning rates were
 * tuned; multiplier 1): nanoGPT's schedule (warm-up min(100, steps/10), cosine to lr/10), gradient
 * clipping at 1, the fixed validation set. The target r is the spec's {@code update_rms}
 * ({@link dev.muonlab.train.TrainConfig#updateRms()}); the decay keeps the unadjusted lr (toy_train.py).
 *
 * <p>Sizes (SMOKE: width 32, 2 layers, 2 heads, T = 16; else baby-cpu's 4 layers, 4 heads, width 128,
 * T = 64), 7 entrants (AdamW, Keller's Muon, 5 targets):
 * <ul>
 *   <li>SMOKE: 7,680 tokens (40 steps), seed 1: 7 runs, seconds.</li>
 *   <li>DEFAULT: 196,608 tokens (256 steps), seed 1: 7 runs, 1.38M tokens, ≈ 2 minutes on 2 idle cores.</li>
 *   <li>FULL: 786,432 tokens (1,024 steps, 0.75 of an epoch), seeds 1-3, evaluated every 32,768 tokens on
 *       4 × 16 sequences: 21 runs, 16.5M training tokens. Cost model: ~7k tokens/s per thread at B = 12
 *       (2026-12-05, 2-vCPU Zen 4, idle), two runs at once, evaluation +4 % (4,096 forward tokens every
 *       32,768, a forward ≈ 1/3 of a step): 16.5M / 14k ≈ 1,180 s + 4 % ≈ 21 minutes.</li>
 * </ul>
 */
public final class UpdateRmsStudy implements Study {

    /** Table 8's update RMS targets. */
    public static final List<Double> TARGETS = List.of(0.05, 0.1, 0.2, 0.4, 0.8);

    @Override
    public String name() {
        return "update-rms";
    }

    @Override
    public List<RunSpec> specs(SweepPreset preset) {
        return switch (preset) {
            case SMOKE -> grid(2, 2, 32, 16, 7680, 1920, 2, List.of(1L));
            case DEFAULT -> grid(4, 4, 128, 64, 196_608, 24_576, 4, List.of(1L));
            case FULL -> grid(4, 4, 128, 64, 786_432, 32_768, 4, List.of(1L, 2L, 3L));
        };
    }

    /** @return AdamW, Keller's Muon and Moonlight's at each target, × seeds, at B = 12, multiplier 1 */
    static List<RunSpec> grid(int layers, int heads, int width, int block, long tokens, long evalTokens, int evalBatches,
                              List<Long> seeds) {
        List<RunSpec> specs = new ArrayList<>();
        for (long seed : seeds) {
            for (OptimizerChoice o : List.of(OptimizerChoice.ADAMW, OptimizerChoice.MUON)) {
                specs.add(RunSpec.of("update-rms", params(o, seed, layers, heads, width, block, tokens, evalTokens, evalBatches)));
            }
            for (double r : TARGETS) {
                Map<String, Object> p = params(OptimizerChoice.MUON_MOONLIGHT, seed, layers, heads, width, block, tokens,
                        evalTokens, evalBatches);
                p.put("update_rms", r);
                specs.add(RunSpec.of("update-rms", p));
            }
        }
        return specs;
    }

    private static Map<String, Object> params(OptimizerChoice o, long seed, int layers, int heads, int width, int block,
                                              long tokens, long evalTokens, int evalBatches) {
        return BatchSizeStudy.params(o, BatchSizeStudy.BASE_BATCH, 1.0, seed, layers, heads, width, block, tokens,
                evalTokens, evalBatches);
    }

    @Override
    public Optional<Table> summary(SweepPreset preset, Table results, Table curves) {
        return Optional.of(Verdicts.table(UpdateRmsAnalysis.verdicts(results)));
    }

    /**
     * Trains one spec as {@link CharGptRun} does, recording per-parameter statistics at each evaluation
     * so that the curve holds the measured update RMS per lr ({@link UpdateRmsProbe}).
     *
     * @return {@link CurveRun}'s metrics plus {@code mean_hidden_update_rms_per_lr} (over the evaluations)
     */
    @Override
    public RunResult run(RunSpec spec, RunContext context) {
        TrainConfig base = CharGptRun.config(spec);
        long tokensPerStep = (long) base.model().batchSize() * base.model().blockSize();
        int evalEvery = (int) Math.max(1, spec.getLong("eval_tokens") / tokensPerStep);
        RunResult r = CurveRun.train(base.withStatsInterval(evalEvery), Recipes::optimizer, new UpdateRmsProbe(),
                evalEvery, spec.getInt("eval_batches"), context);
        Map<String, Double> m = new LinkedHashMap<>(r.metrics());
        m.put("mean_" + UpdateRmsProbe.COLUMN, r.curve().doubleColumn(UpdateRmsProbe.COLUMN).removeMissing().mean());
        return new RunResult(m, r.curve());
    }

    @Override
    public long cost(RunSpec spec) {
        return CurveRun.tokens(CharGptRun.steps(spec), spec);
    }

    @Override
    public String label(RunSpec spec) {
        return spec.get("optimizer") + (spec.params().containsKey("update_rms") ? " rms " + spec.get("update_rms") : "")
                + " seed " + spec.get("seed");
    }
}
