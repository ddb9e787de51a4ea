package dev.muonlab.sweep;

import dev.muonlab.train.OptimizerChoice;
import dev.muonlab.train.Recipes;
import dev.muonlab.train.TrainConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * Moonlight's weight-decay ablation (arXiv 2502.16982 §2.2, Fig. 2; references.md §3.2): an 800M
 * model trained for 100B tokens (~5× compute-optimal) with Muon with and without weight decay: vanilla
 * Muon is ahead early (by 0.023 at iteration 24,000), Muon + WD ahead late (by 0.017 at 66,000), and
 * without decay the weights and layer outputs grow too large. Here: Moonlight's RMS-matched Muon at
 * AdamW's lr 1e-3 with decoupled decay λ ∈ {0.1, 0} on every 2-D tensor (Muon's hidden matrices and
 * AdamW's embeddings and head alike: the spec's {@code wd_all}), trained several epochs over Tiny
 * Shakespeare, with the weights' and the logits' RMS in the curve ({@link WeightRmsProbe}). Read-out,
 * including where the two loss curves cross: {@link WeightDecayAnalysis}.
 *
 * <p>Runs are {@link CharGptRun}s at B = 12 (nanoGPT's schedule over the whole run, clipping at 1).
 * Sizes (SMOKE: width 32, 2 layers, T = 16; else baby-cpu's 4 layers, 4 heads, width 128, T = 64):
 * <ul>
 *   <li>SMOKE: 11,520 tokens (60 steps), seed 1: 2 runs, seconds.</li>
 *   <li>DEFAULT: 786,432 tokens (1,024 steps), seed 1: 2 runs, 1.57M tokens, ≈ 2 minutes on 2 idle cores.</li>
 *   <li>FULL: 4,718,592 tokens (6,144 steps, 4.7 epochs: long past the ≈ 1 epoch where val loss bottoms
 *       out, as Fig. 2 runs long past compute-optimal), seeds 1-2, evaluated every 49,152 tokens on
 *       4 × 16 sequences: 4 runs, 18.9M training tokens. Cost model: ~7k tokens/s per thread at B = 12
 *       (2026-12-05, 2-vCPU Zen 4, idle), two runs at once, evaluation and probe +4 %:
 *       18.9M / 14k ≈ 1,350 s + 4 % ≈ 23 minutes.</li>
 * </ul>
 */
public final class WeightDecayStudy implements Study {

    /** Moonlight's decay (Eq. 3, wd 0.1) and none. */
    public static final List<Double> DECAYS = List.of(0.1, 0.0);

    @Override
    public String name() {
        return "weight-decay";
    }

    @Override
    public List<RunSpec> specs(SweepPreset preset) {
        return switch (preset) {
            case SMOKE -> grid(2, 2, 32, 16, 11_520, 1920, 2, List.of(1L));
            case DEFAULT -> grid(4, 4, 128, 64, 786_432, 24_576, 4, List.of(1L));
            case FULL -> grid(4, 4, 128, 64, 4_718_592, 49_152, 4, List.of(1L, 2L));
        };
    }

    static List<RunSpec> grid(int layers, int heads, int width, int block, long tokens, long evalTokens, int evalBatches,
                              List<Long> seeds) {
        List<RunSpec> specs = new ArrayList<>();
        for (long seed : seeds) {
            for (double wd : DECAYS) {
                Map<String, Object> p = BatchSizeStudy.params(OptimizerChoice.MUON_MOONLIGHT, BatchSizeStudy.BASE_BATCH, 1.0,
                        seed, layers, heads, width, block, tokens, evalTokens, evalBatches);
                p.put("wd_all", wd);
                specs.add(RunSpec.of("weight-decay", p));
            }
        }
        return specs;
    }

    /** @return {@link CharGptRun#config} with decay {@code wd_all} on every 2-D tensor (both recipes' groups) */
    static TrainConfig config(RunSpec spec) {
        return CharGptRun.config(spec).withWeightDecay(spec.getDouble("wd_all"));
    }

    /**
     * Trains one spec with the {@link WeightRmsProbe} columns in its curve.
     *
     * @return {@link CurveRun}'s metrics plus the last {@code hidden_weight_rms} and {@code logit_rms}
     */
    @Override
    public RunResult run(RunSpec spec, RunContext context) {
        TrainConfig config = config(spec);
        long tokensPerStep = (long) config.model().batchSize() * config.model().blockSize();
        int evalEvery = (int) Math.max(1, spec.getLong("eval_tokens") / tokensPerStep);
        RunResult r = CurveRun.train(config, Recipes::optimizer, new WeightRmsProbe(), evalEvery,
                spec.getInt("eval_batches"), context);
        Map<String, Double> m = new LinkedHashMap<>(r.metrics());
        for (String c : WeightRmsProbe.COLUMNS) {
            DoubleColumn col = r.curve().doubleColumn(c);
            m.put("final_" + c, col.getDouble(col.size() - 1));
        }
        return new RunResult(m, r.curve());
    }

    @Override
    public Optional<Table> summary(SweepPreset preset, Table results, Table curves) {
        return Optional.of(Verdicts.table(WeightDecayAnalysis.verdicts(results, curves)));
    }

    @Override
    public long cost(RunSpec spec) {
        return CurveRun.tokens(CharGptRun.steps(spec), spec);
    }

    @Override
    public String label(RunSpec spec) {
        return "muon-moonlight wd " + spec.get("wd_all") + " seed " + spec.get("seed");
    }
}
