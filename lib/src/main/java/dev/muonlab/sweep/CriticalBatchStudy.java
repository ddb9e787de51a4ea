package dev.muonlab.sweep;

import dev.muonlab.train.OptimizerChoice;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sato, Naganuma and Iiduka, "Convergence Bound and Critical Batch Size of Muon" (arXiv 2507.01598,
 * §6.3): the critical batch b* (the batch minimizing steps × batch to a target, {@link SfoMinimum})
 * for momentum β ∈ {0.8, 0.9, 0.95, 0.99} and weight decay λ ∈ {0, 0.01, 0.1}, for Keller's Muon and
 * AdamW. The paper claims b* falls as β rises and rises as λ falls. Their bound's variance term is
 * Y = ((2β+1)(1−β) + λ)σ²/2 with b* = 2Y/ε' (references.md §6.3, exact form marked "verify against
 * the PDF"): by that form b* falls with β above 0.25 and rises with λ, the opposite λ direction to the
 * stated claim, and Cesista and Wen's O((1−β)/λ²) has b* fall as λ rises. The read-out
 * ({@link CriticalBatchAnalysis}) tests the stated claim and prints the formula's factor beside it.
 *
 * <p>Runs are {@link CharGptRun}s as {@link BatchSizeStudy}'s (same model, data, schedule, √(B/12)-scaled learning rates,
 * fixed validation set) with two more parameters: {@code momentum} β (Muon's momentum, AdamW's β₁)
 * and {@code weight_decay} λ (AdamW's decoupled decay on 2-D tensors; Muon's on the hidden matrices,
 * its AdamW groups keeping 0.1). One seed per point, as Sato et al.
 *
 * <p>Sizes (shape: SMOKE width 32, 2 layers; else baby-cpu's 4 layers, 4 heads, width 128, T = 64):
 * <ul>
 *   <li>SMOKE: AdamW and Muon, β ∈ {0.8, 0.95}, λ = 0, B ∈ {4, 16}, 7,680 tokens: 8 runs, seconds.</li>
 *   <li>DEFAULT: β ∈ {0.8, 0.95}, λ ∈ {0, 0.1}, B ∈ {4, 8, 16, 32}, 65,536 tokens: 32 runs, ≈ 3 minutes.</li>
 *   <li>FULL: the paper's 4 β × 3 λ × 2 optimizers × B ∈ {4, 8, 16, 32} × 196,608 tokens (3 · 2¹⁶;
 *       the pilot's critical batch at L = 2.6 lay between 4 and 16), evaluated every 12,288 tokens on
 *       4 × 16 sequences: 96 runs, 18.9M training tokens, ≈ 29 minutes on 2 idle cores (B = 4 at
 *       60 % of the ~7k tokens/s per thread measured at B = 12, evaluation +10 %).</li>
 * </ul>
 */
public final class CriticalBatchStudy implements Study {

    /** Sato et al.'s momentum grid (§6.3). */
    public static final List<Double> BETAS = List.of(0.8, 0.9, 0.95, 0.99);
    /** Sato et al.'s weight-decay grid (§6.3). */
    public static final List<Double> LAMBDAS = List.of(0.0, 0.01, 0.1);
    static final List<OptimizerChoice> OPTIMIZERS = List.of(OptimizerChoice.ADAMW, OptimizerChoice.MUON);

    @Override
    public String name() {
        return "critical-batch";
    }

    @Override
    public List<RunSpec> specs(SweepPreset preset) {
        return specs(preset, 1);
    }

    /** {@code scale} K multiplies every run's token budget and evaluation spacing. */
    @Override
    public List<RunSpec> specs(SweepPreset preset, int scale) {
        Study.checkScale(scale);
        return switch (preset) {
            case SMOKE -> grid(2, 2, 32, 16, scale * 16L * 16 * 30, scale * 16L * 16 * 5, 2,
                    List.of(0.8, 0.95), List.of(0.0), List.of(4, 16));
            case DEFAULT -> grid(4, 4, 128, 64, scale * (1L << 16), scale * 4096L, 4,
                    List.of(0.8, 0.95), List.of(0.0, 0.1), List.of(4, 8, 16, 32));
            case FULL -> grid(4, 4, 128, 64, scale * 3L * (1 << 16), scale * 12288L, 4, BETAS, LAMBDAS, List.of(4, 8, 16, 32));
        };
    }

    /** @return the target losses L of {@code preset}'s read-out (reached at every batch in the pilot's early descent) */
    public static double[] targets(SweepPreset preset) {
        return switch (preset) {
            case SMOKE -> BatchSizeStudy.targets(SweepPreset.SMOKE);
            case DEFAULT -> new double[]{3.0, 2.8};
            case FULL -> new double[]{2.8, 2.7, 2.6};
        };
    }

    /** @return optimizers × β × λ × batches, one seed, multiplier 1, in that nesting */
    static List<RunSpec> grid(int layers, int heads, int width, int block, long tokens, long evalTokens, int evalBatches,
                              List<Double> betas, List<Double> lambdas, List<Integer> batches) {
        List<RunSpec> specs = new ArrayList<>();
        for (OptimizerChoice o : OPTIMIZERS) {
            for (double beta : betas) {
                for (double lambda : lambdas) {
                    for (int B : batches) {
                        Map<String, Object> p = BatchSizeStudy.params(o, B, 1.0, 1L, layers, heads, width, block, tokens,
                                evalTokens, evalBatches);
                        p.put("momentum", beta);
                        p.put("weight_decay", lambda);
                        specs.add(RunSpec.of("critical-batch", p));
                    }
                }
            }
        }
        return specs;
    }

    @Override
    public RunResult run(RunSpec spec, RunContext context) {
        return CharGptRun.train(spec, context);
    }

    @Override
    public long cost(RunSpec spec) {
        return CurveRun.tokens(CharGptRun.steps(spec), spec);
    }

    @Override
    public String label(RunSpec spec) {
        return spec.get("optimizer") + " B=" + spec.get("batch") + " β=" + spec.get("momentum") + " λ=" + spec.get("weight_decay");
    }
}
