package dev.muonlab.sweep;

import dev.muonlab.train.OptimizerChoice;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Muon versus AdamW across batch sizes (issue 16: Essential AI's token ratio R_L(B) and critical batch,
 * arXiv 2505.02222 §4.3 and App. F): char-GPT runs on Tiny Shakespeare at batch B, each with a fixed
 * token budget, evaluated every {@code eval_tokens} tokens on one fixed validation set (the same
 * sequences for every B), so that T_L(B) can be read off each curve ({@link TokensToTarget}) for any
 * target L after the runs ({@link BatchSizeReport}).
 *
 * <p>Setting, stated: nanoGPT's schedule (linear warm-up over min(100, steps/10) steps, cosine to
 * lr/10 at the run's last step) stretched to each run's steps = tokens / (B·T); no dropout; gradient
 * clipping at 1. Learning rates are √B-scaled around the recipe's tuned value at nanoGPT's B = 12
 * (AdamW and Moonlight's Muon 1e-3, Keller's Muon 0.02; the square-root rule of Malladi et al. for
 * adaptive methods, and Cesista's η ∝ √b for steepest descent), times a multiplier. <b>There is no
 * per-B learning-rate grid at full size</b>: multiplier 1 everywhere, with a sanity check of 0.5 and 2
 * at one seed at the two extreme batches (read out by {@link BatchSizeReport#lrCheck}).
 *
 * <p>Sizes (baby-cpu's shape: 4 layers, 4 heads, width 128, context T = 64):
 * <ul>
 *   <li>SMOKE: width 32, 2 layers, context 16, AdamW and Keller's Muon at B ∈ {4, 16}, 7,680 tokens: seconds.</li>
 *   <li>DEFAULT (the pilot of data/results/batch-size/README.md): the three recipes at B ∈ {4, 16, 64},
 *       one seed, 262,144 tokens: 9 runs, ≈ 4 minutes on 2 idle cores.</li>
 *   <li>FULL: the three recipes × B ∈ {4, 16, 64, 256} × 3 seeds × 1,048,576 tokens (one pass over
 *       Tiny Shakespeare's 1.0M training characters; 4096 steps at B = 4, 64 at B = 256), evaluated
 *       every 32,768 tokens on 8 × 16 sequences; plus the lr check (multipliers 0.5 and 2, seed 1,
 *       B ∈ {4, 256}): 36 + 12 = 48 runs, 50.3M training tokens. Cost model, from the ~7k tokens/s per
 *       thread measured at B = 12 (2026-12-05, 2-vCPU Zen 4, idle), B = 4 budgeted at 60 % of that,
 *       evaluation +8 % (8,192 forward tokens every 32,768, a forward pass ≈ 1/3 of a training step):
 *       8,690 thread-seconds of training, ≈ 78 minutes on 2 threads. With {@link CriticalBatchStudy}'s
 *       full grid (≈ 29 minutes) the whole study is ≈ 107 minutes of wall-clock.</li>
 * </ul>
 * {@code scale} ({@link #specs(SweepPreset, int)}, the command line's {@code --scale K}) multiplies
 * every run's token budget and evaluation spacing by K for bigger machines; K = 1 is the committed size.
 */
public final class BatchSizeStudy implements Study {

    /** nanoGPT's baby-cpu batch, where the recipes' learning rates were tuned. */
    static final int BASE_BATCH = 12;

    /** The three recipes: AdamW, Keller's Muon and Moonlight's Muon. */
    static final List<OptimizerChoice> OPTIMIZERS =
            List.of(OptimizerChoice.ADAMW, OptimizerChoice.MUON, OptimizerChoice.MUON_MOONLIGHT);

    @Override
    public String name() {
        return "batch-size";
    }

    @Override
    public List<RunSpec> specs(SweepPreset preset) {
        return specs(preset, 1);
    }

    @Override
    public List<RunSpec> specs(SweepPreset preset, int scale) {
        Study.checkScale(scale);
        return switch (preset) {
            case SMOKE -> grid(2, 2, 32, 16, scale * 16L * 16 * 30, scale * 16L * 16 * 5, 2,
                    List.of(OptimizerChoice.ADAMW, OptimizerChoice.MUON), List.of(4, 16), List.of(1.0), List.of(1L));
            case DEFAULT -> grid(4, 4, 128, 64, scale * (1L << 18), scale * (1L << 14), 4, OPTIMIZERS,
                    List.of(4, 16, 64), List.of(1.0), List.of(1L));
            case FULL -> {
                List<RunSpec> all = new ArrayList<>(grid(4, 4, 128, 64, scale * (1L << 20), scale * (1L << 15), 8, OPTIMIZERS,
                        List.of(4, 16, 64, 256), List.of(1.0), List.of(1L, 2L, 3L)));
                all.addAll(grid(4, 4, 128, 64, scale * (1L << 20), scale * (1L << 15), 8, OPTIMIZERS,
                        List.of(4, 256), List.of(0.5, 2.0), List.of(1L)));
                yield all;
            }
        };
    }

    /**
     * @return the target losses L the read-out uses at {@code preset}: reached by most runs of the
     *         pilot (DEFAULT) or, at FULL, spanning the early descent to where 1M tokens end (AdamW
     *         reaches ≈ 2.0 after 1M tokens at B = 12, data/results/pretraining/README.md)
     */
    public static double[] targets(SweepPreset preset) {
        return switch (preset) {
            case SMOKE -> new double[]{3.9, 3.8};
            case DEFAULT -> new double[]{2.7, 2.6, 2.5};
            case FULL -> new double[]{2.5, 2.3, 2.1};
        };
    }

    /** @return the runs of a grid: optimizers × batches × lr multipliers × seeds, in that nesting */
    static List<RunSpec> grid(int layers, int heads, int width, int block, long tokens, long evalTokens, int evalBatches,
                              List<OptimizerChoice> optimizers, List<Integer> batches, List<Double> multipliers,
                              List<Long> seeds) {
        List<RunSpec> specs = new ArrayList<>();
        for (OptimizerChoice o : optimizers) {
            for (int B : batches) {
                for (double m : multipliers) {
                    for (long seed : seeds) {
                        specs.add(RunSpec.of("batch-size", params(o, B, m, seed, layers, heads, width, block, tokens,
                                evalTokens, evalBatches)));
                    }
                }
            }
        }
        return specs;
    }

    /**
     * @return one run's parameters: lr = m·√(B/12)·1e-3 and muon_lr = m·√(B/12)·0.02 (see the class
     *         comment), and the shape, budget and evaluation; a mutable map the caller may extend
     */
    static Map<String, Object> params(OptimizerChoice o, int B, double m, long seed, int layers, int heads, int width,
                                      int block, long tokens, long evalTokens, int evalBatches) {
        double scale = m * Math.sqrt((double) B / BASE_BATCH);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("optimizer", o.cliName());
        p.put("batch", B);
        p.put("lr_multiplier", m);
        p.put("lr", 1e-3 * scale);
        p.put("muon_lr", 0.02 * scale);
        p.put("seed", seed);
        p.put("tokens", tokens);
        p.put("eval_tokens", evalTokens);
        p.put("eval_batches", evalBatches);
        p.put("layers", layers);
        p.put("heads", heads);
        p.put("width", width);
        p.put("block", block);
        return p;
    }

    @Override
    public long cost(RunSpec spec) {
        return CurveRun.tokens(CharGptRun.steps(spec), spec);
    }

    @Override
    public String label(RunSpec spec) {
        return spec.get("optimizer") + " B=" + spec.get("batch") + " ×" + spec.get("lr_multiplier") + " seed " + spec.get("seed");
    }

    @Override
    public RunResult run(RunSpec spec, RunContext context) {
        return CharGptRun.train(spec, context);
    }
}
