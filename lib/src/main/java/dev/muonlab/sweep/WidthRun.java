package dev.muonlab.sweep;

import dev.muonlab.gpt.GptConfig;
import dev.muonlab.gpt.Parameterization;
import dev.muonlab.train.OptimizerChoice;
import dev.muonlab.train.TrainConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One char-GPT run of a width family ({@link WidthTransferStudy}, {@link TelescopingStudy}) from its
 * spec, and the cost model both studies are sized by. A spec holds the shape ({@code layers, heads,
 * width, block, batch}), {@code parameterization} ({@code sp} or {@code mup:<base>},
 * {@link Parameterization#parse}), {@code optimizer}, {@code lr_multiplier}, {@code seed}, {@code steps},
 * {@code eval_every}, {@code eval_batches}, and optionally {@code weight_decay}.
 *
 * <p>The recipe is nanoGPT's ({@link TrainConfig#nanoGpt}: warm-up min(100, steps/10), cosine to lr/10,
 * clipping at 1, AdamW's decay 0.1) with every lr scaled by the multiplier ({@link TrainConfig#withLrScale}:
 * AdamW's 1e-3 and Keller's Muon 0.02 × m); under muP the recipes add muP's per-group factors
 * ({@code Recipes}: AdamW's hidden lr × C₀/C, Keller's Muon × 1). {@code weight_decay} λ, when present,
 * is every decayed group's: AdamW's 2-D tensors and the Muon group's, both W ← W − lr·λ·W, as Essential
 * AI's Muon (arXiv 2505.02222 Eq. 1, coupled decay; embeddings on Adam "with the same lr/wd").
 *
 * <p>This class builds its own configs: {@link CharGptRun}'s specs (batch-size, critical-batch) are
 * untouched, so their hashes and stored results stay valid.
 */
final class WidthRun {

    /** Measured baby-cpu AdamW throughput per thread at width 128, B = 12 (batch-size README, 2026-12-05, idle). */
    static final double TOKENS_PER_SECOND_AT_128 = 7000;

    /** Below width 128, small products run far below peak: no run is budgeted under this share of width 128's time. */
    static final double SMALL_WIDTH_FLOOR = 0.5;

    private WidthRun() {
    }

    /** @return the shared parameters of a width-family spec (a mutable map the caller extends) */
    static Map<String, Object> params(GptConfig shape, int width, String parameterization, OptimizerChoice o,
                                      double multiplier, long seed, int steps, int evalEvery, int evalBatches) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("optimizer", o.cliName());
        p.put("parameterization", parameterization);
        p.put("lr_multiplier", multiplier);
        p.put("seed", seed);
        p.put("steps", steps);
        p.put("eval_every", evalEvery);
        p.put("eval_batches", evalBatches);
        p.put("layers", shape.nLayer());
        p.put("heads", shape.nHead());
        p.put("width", width);
        p.put("block", shape.blockSize());
        p.put("batch", shape.batchSize());
        return p;
    }

    /** @return the run's training configuration (see the class comment); modifies nothing */
    static TrainConfig config(RunSpec spec) {
        GptConfig model = new GptConfig("width-family", 65, spec.getInt("layers"), spec.getInt("heads"),
                spec.getInt("width"), spec.getInt("block"), spec.getInt("batch"), 0.0, false, true,
                Parameterization.parse(spec.get("parameterization")));
        int steps = spec.getInt("steps");
        TrainConfig c = TrainConfig.nanoGpt(model, OptimizerChoice.parse(spec.get("optimizer")), steps, spec.getLong("seed"))
                .withLrScale(spec.getDouble("lr_multiplier"))
                .withEval(steps, 1)
                .withCheckpointInterval(0);
        if (spec.params().containsKey("weight_decay")) {
            double lambda = spec.getDouble("weight_decay");
            boolean adamw = c.optimizer() == OptimizerChoice.ADAMW;
            c = c.withWeightDecay(lambda).withMomentumAndHiddenDecay(Double.NaN, adamw ? Double.NaN : lambda);
        }
        return c;
    }

    /** Trains the spec ({@link CurveRun}: one native thread, the fixed validation set). Modifies nothing. */
    static RunResult train(RunSpec spec, RunContext context) {
        return CurveRun.train(config(spec), spec.getInt("eval_every"), spec.getInt("eval_batches"), context);
    }

    /** @return tokens the run trains on: steps × B × T (also its progress units); modifies nothing */
    static long tokens(RunSpec spec) {
        return CurveRun.tokens(spec.getInt("steps"), spec);
    }

    /** @return N, the non-embedding parameters (Kaplan et al. 2020, arXiv 2001.08361 §2.1): 12·L·C² */
    static double nonEmbeddingParams(int layers, int width) {
        return 12.0 * layers * width * width;
    }

    /**
     * Training FLOPs per token (Kaplan et al. 2020, Table 1, forward ×3 for forward and backward):
     * 6N for the hidden matrices, 12·L·T·C for attention's scores and values, 6·V·C for the tied head.
     */
    static double flopsPerToken(int layers, int width, int block, int vocab) {
        return 6 * nonEmbeddingParams(layers, width) + 12.0 * layers * block * width + 6.0 * vocab * width;
    }

    /**
     * Muon's step cost over AdamW's at nanoGPT's CPU batch (768 tokens): Newton-Schulz's work per step
     * is ∝ C³ against the training step's ∝ C²·B·T (Keller Jordan's bound T·m/B, lib/src/bench/README),
     * so the excess grows ∝ C. Anchored at width 128, where a Muon run took ≈ 2× AdamW's time
     * (leaderboard seeds 2-5, 2026-12-05: 78-95 s against 40-43 s).
     *
     * @return 1 for AdamW, 1 + C/128 for a Muon recipe, at B·T = 768 (scaled by 768/(B·T) otherwise)
     */
    static double optimizerFactor(OptimizerChoice o, int width, int tokensPerStep) {
        return o == OptimizerChoice.ADAMW ? 1 : 1 + (width / 128.0) * (768.0 / tokensPerStep);
    }

    /**
     * The cost model the studies' sizes come from: tokens / 7,000 per second at width 128, scaled by
     * {@link #flopsPerToken} (no less than {@link #SMALL_WIDTH_FLOOR} of width 128's) and by
     * {@link #optimizerFactor}; evaluation not included.
     *
     * @return the run's estimated seconds on one idle thread
     */
    static double threadSeconds(RunSpec spec) {
        int layers = spec.getInt("layers");
        int width = spec.getInt("width");
        int block = spec.getInt("block");
        double relative = Math.max(SMALL_WIDTH_FLOOR, flopsPerToken(layers, width, block, 65) / flopsPerToken(layers, 128, block, 65));
        return tokens(spec) / TOKENS_PER_SECOND_AT_128 * relative
                * optimizerFactor(OptimizerChoice.parse(spec.get("optimizer")), width, spec.getInt("batch") * block);
    }
}
