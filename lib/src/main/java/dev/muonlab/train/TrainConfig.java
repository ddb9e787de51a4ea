package dev.muonlab.train;

import dev.muonlab.gpt.GptConfig;
import dev.muonlab.gpt.Parameterization;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything that defines a training run, flat and printable (saved as {@code config.properties} in
 * the run folder). Defaults follow nanoGPT's shakespeare_char recipe (references.md §9): lr 1e-3,
 * warm-up 100 steps, cosine decay to min_lr 1e-4 at the last step, β₂ 0.99, weight decay 0.1 on 2-D
 * tensors, gradient clipping at global norm 1.0; Muon with Keller Jordan's lr 0.02.
 *
 * @param model              model and batch shape
 * @param optimizer          recipe
 * @param steps              optimizer steps in all (nanoGPT's max_iters = lr_decay_iters)
 * @param seed               initialization, batch order and dropout masks
 * @param lr                 AdamW's peak learning rate (and Moonlight-Muon's)
 * @param minLr              floor of the cosine decay
 * @param warmupSteps        linear warm-up steps
 * @param beta2              AdamW's β₂
 * @param weightDecay        decoupled weight decay on 2-D tensors
 * @param gradClip           maximum global gradient norm (0 disables clipping)
 * @param muonLr             Keller-Muon's peak learning rate
 * @param evalInterval       steps between validation evaluations (also evaluated at the last step)
 * @param evalBatches        fixed validation batches per evaluation
 * @param statsInterval      steps between per-parameter update/weight RMS records
 * @param checkpointInterval steps between checkpoints (0: only at the end)
 * @param divergenceLoss     a training loss above this (or non-finite) stops the run as diverged
 * @param momentum           override of the momentum β (NaN: each recipe's own): the hidden group's
 *                           momentum under Muon recipes (Keller's and Moonlight's 0.95), AdamW's β₁
 *                           (0.9) under {@code adamw}; AdamW's β₁ on a Muon recipe's embeddings and
 *                           head stays 0.9. Sato, Naganuma and Iiduka (arXiv 2507.01598 §6.3) vary it.
 * @param hiddenWeightDecay  override of the hidden (Muon) group's decoupled weight decay λ (NaN: the
 *                           recipe's own: 0 for Keller's Muon, {@code weightDecay} for Moonlight's);
 *                           W ← W − lr·λ·W each step, as in Sato et al.'s Muon with weight decay.
 *                           Under {@code adamw} there is no hidden group: {@code weightDecay} is λ.
 * @param updateRms          override of Moonlight's update RMS target r (NaN: the recipe's 0.2,
 *                           {@code UpdateScale.MOONLIGHT_RMS}): the hidden group's update is lr·r·√max(A, B)·O,
 *                           its decay still lr·λ·W. Only {@code muon-moonlight} has such a target
 *                           (arXiv 2502.16982 Eq. 4; Table 8 sweeps r over 0.05-0.8).
 */
public record TrainConfig(GptConfig model, OptimizerChoice optimizer, int steps, long seed,
                          double lr, double minLr, int warmupSteps, double beta2, double weightDecay,
                          double gradClip, double muonLr, int evalInterval, int evalBatches,
                          int statsInterval, int checkpointInterval, double divergenceLoss,
                          double momentum, double hiddenWeightDecay, double updateRms) {

    /** Seed of the fixed validation batches: the same for every run, so losses compare. */
    public static final long EVAL_SEED = 1337;

    public TrainConfig {
        if (steps < 1 || evalInterval < 1 || evalBatches < 1 || statsInterval < 1 || checkpointInterval < 0) {
            throw new IllegalArgumentException("steps, intervals and eval batches must be positive: steps=" + steps);
        }
        if (!(lr > 0 && minLr >= 0 && muonLr > 0)) {
            throw new IllegalArgumentException("learning rates must be positive");
        }
        if (!Double.isNaN(momentum) && !(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1) (NaN: the recipe's), got " + momentum);
        }
        if (!Double.isNaN(hiddenWeightDecay) && !(hiddenWeightDecay >= 0 && Double.isFinite(hiddenWeightDecay))) {
            throw new IllegalArgumentException("hidden weight decay must be >= 0 (NaN: the recipe's), got " + hiddenWeightDecay);
        }
        if (!Double.isNaN(updateRms) && !(updateRms > 0 && Double.isFinite(updateRms))) {
            throw new IllegalArgumentException("update RMS target must be > 0 (NaN: the recipe's), got " + updateRms);
        }
    }

    /** The recipe's update RMS target (no override): the form every run before the target was a field had. */
    public TrainConfig(GptConfig model, OptimizerChoice optimizer, int steps, long seed,
                       double lr, double minLr, int warmupSteps, double beta2, double weightDecay,
                       double gradClip, double muonLr, int evalInterval, int evalBatches,
                       int statsInterval, int checkpointInterval, double divergenceLoss,
                       double momentum, double hiddenWeightDecay) {
        this(model, optimizer, steps, seed, lr, minLr, warmupSteps, beta2, weightDecay, gradClip, muonLr,
                evalInterval, evalBatches, statsInterval, checkpointInterval, divergenceLoss, momentum, hiddenWeightDecay,
                Double.NaN);
    }

    /** The recipes' own momentum and hidden weight decay (no overrides): the form every run before them had. */
    public TrainConfig(GptConfig model, OptimizerChoice optimizer, int steps, long seed,
                       double lr, double minLr, int warmupSteps, double beta2, double weightDecay,
                       double gradClip, double muonLr, int evalInterval, int evalBatches,
                       int statsInterval, int checkpointInterval, double divergenceLoss) {
        this(model, optimizer, steps, seed, lr, minLr, warmupSteps, beta2, weightDecay, gradClip, muonLr,
                evalInterval, evalBatches, statsInterval, checkpointInterval, divergenceLoss, Double.NaN, Double.NaN, Double.NaN);
    }

    /**
     * nanoGPT's recipe for {@code steps} steps, evaluating every 250 steps (or ~10 times in short runs)
     * on 20 batches as its CPU command ({@code --eval_iters=20}).
     */
    public static TrainConfig nanoGpt(GptConfig model, OptimizerChoice optimizer, int steps, long seed) {
        int evalInterval = Math.max(1, Math.min(250, steps / 10));
        return new TrainConfig(model, optimizer, steps, seed, 1e-3, 1e-4, Math.min(100, steps / 10), 0.99, 0.1,
                1.0, 0.02, evalInterval, 20, evalInterval, steps >= 1000 ? 500 : 0, 10.0);
    }

    /** @return a copy with other evaluation settings */
    public TrainConfig withEval(int interval, int batches) {
        return new TrainConfig(model, optimizer, steps, seed, lr, minLr, warmupSteps, beta2, weightDecay, gradClip,
                muonLr, interval, batches, statsInterval, checkpointInterval, divergenceLoss, momentum, hiddenWeightDecay, updateRms);
    }

    /** @return a copy recording per-parameter update and weight RMS every {@code interval} steps (and at the last) */
    public TrainConfig withStatsInterval(int interval) {
        return new TrainConfig(model, optimizer, steps, seed, lr, minLr, warmupSteps, beta2, weightDecay, gradClip,
                muonLr, evalInterval, evalBatches, interval, checkpointInterval, divergenceLoss, momentum, hiddenWeightDecay,
                updateRms);
    }

    /** @return a copy checkpointing every {@code interval} steps (0: only at the end) */
    public TrainConfig withCheckpointInterval(int interval) {
        return new TrainConfig(model, optimizer, steps, seed, lr, minLr, warmupSteps, beta2, weightDecay, gradClip,
                muonLr, evalInterval, evalBatches, statsInterval, interval, divergenceLoss, momentum, hiddenWeightDecay, updateRms);
    }

    /** @return a copy with another peak learning rate (AdamW's; Moonlight-Muon's too) */
    public TrainConfig withLr(double newLr) {
        return new TrainConfig(model, optimizer, steps, seed, newLr, minLr, warmupSteps, beta2, weightDecay, gradClip,
                muonLr, evalInterval, evalBatches, statsInterval, checkpointInterval, divergenceLoss, momentum, hiddenWeightDecay, updateRms);
    }

    /**
     * @param factor &gt; 0
     * @return a copy whose learning rates (AdamW's peak and floor, Muon's) are all scaled by {@code factor}:
     *         one knob for a recipe's lr sweep that keeps its groups' ratios
     */
    public TrainConfig withLrScale(double factor) {
        if (!(factor > 0)) {
            throw new IllegalArgumentException("lr scale must be positive, got " + factor);
        }
        return new TrainConfig(model, optimizer, steps, seed, lr * factor, minLr * factor, warmupSteps, beta2, weightDecay,
                gradClip, muonLr * factor, evalInterval, evalBatches, statsInterval, checkpointInterval, divergenceLoss);
    }

    /** @return a copy with another peak learning rate for Keller's Muon on the hidden matrices ({@code muonLr}) */
    public TrainConfig withMuonLr(double newMuonLr) {
        return new TrainConfig(model, optimizer, steps, seed, lr, minLr, warmupSteps, beta2, weightDecay, gradClip,
                newMuonLr, evalInterval, evalBatches, statsInterval, checkpointInterval, divergenceLoss);
    }

    /** @return a copy with another weight decay */
    public TrainConfig withWeightDecay(double wd) {
        return new TrainConfig(model, optimizer, steps, seed, lr, minLr, warmupSteps, beta2, wd, gradClip,
                muonLr, evalInterval, evalBatches, statsInterval, checkpointInterval, divergenceLoss, momentum, hiddenWeightDecay, updateRms);
    }

    /** @return a copy with another optimizer recipe */
    public TrainConfig withOptimizer(OptimizerChoice o) {
        return new TrainConfig(model, o, steps, seed, lr, minLr, warmupSteps, beta2, weightDecay, gradClip,
                muonLr, evalInterval, evalBatches, statsInterval, checkpointInterval, divergenceLoss, momentum, hiddenWeightDecay, updateRms);
    }

    /** @return a copy with another seed */
    public TrainConfig withSeed(long s) {
        return new TrainConfig(model, optimizer, steps, s, lr, minLr, warmupSteps, beta2, weightDecay, gradClip,
                muonLr, evalInterval, evalBatches, statsInterval, checkpointInterval, divergenceLoss, momentum, hiddenWeightDecay, updateRms);
    }

    /** @return a copy with another number of steps (the schedule stretches with it) */
    public TrainConfig withSteps(int n) {
        return new TrainConfig(model, optimizer, n, seed, lr, minLr, warmupSteps, beta2, weightDecay, gradClip,
                muonLr, evalInterval, evalBatches, statsInterval, checkpointInterval, divergenceLoss, momentum, hiddenWeightDecay, updateRms);
    }

    /** @return a copy with another divergence threshold */
    public TrainConfig withDivergenceLoss(double loss) {
        return new TrainConfig(model, optimizer, steps, seed, lr, minLr, warmupSteps, beta2, weightDecay, gradClip,
                muonLr, evalInterval, evalBatches, statsInterval, checkpointInterval, loss, momentum, hiddenWeightDecay, updateRms);
    }

    /**
     * @param beta momentum β in [0, 1), or NaN for the recipe's (see the record's {@code momentum})
     * @param hiddenWd the hidden group's weight decay λ &gt;= 0, or NaN for the recipe's
     * @return a copy with these overrides
     */
    public TrainConfig withMomentumAndHiddenDecay(double beta, double hiddenWd) {
        return new TrainConfig(model, optimizer, steps, seed, lr, minLr, warmupSteps, beta2, weightDecay, gradClip,
                muonLr, evalInterval, evalBatches, statsInterval, checkpointInterval, divergenceLoss, beta, hiddenWd, updateRms);
    }

    /**
     * @param r Moonlight's update RMS target &gt; 0, or NaN for the recipe's 0.2 (see the record's {@code updateRms})
     * @return a copy with this override
     */
    public TrainConfig withUpdateRms(double r) {
        return new TrainConfig(model, optimizer, steps, seed, lr, minLr, warmupSteps, beta2, weightDecay, gradClip,
                muonLr, evalInterval, evalBatches, statsInterval, checkpointInterval, divergenceLoss, momentum,
                hiddenWeightDecay, r);
    }

    /** @return every field as text, in a stable order (what {@code config.properties} holds) */
    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("model.name", model.name());
        m.put("model.vocab_size", "" + model.vocabSize());
        m.put("model.n_layer", "" + model.nLayer());
        m.put("model.n_head", "" + model.nHead());
        m.put("model.n_embd", "" + model.nEmbd());
        m.put("model.block_size", "" + model.blockSize());
        m.put("model.batch_size", "" + model.batchSize());
        m.put("model.dropout", "" + model.dropout());
        m.put("model.bias", "" + model.bias());
        m.put("model.tied_head", "" + model.tiedHead());
        if (model.parameterization().isMup()) {       // written only under muP: SP folders stay byte-identical
            m.put("model.parameterization", model.parameterization().describe());
        }
        m.put("optimizer", optimizer.cliName());
        m.put("steps", "" + steps);
        m.put("seed", "" + seed);
        m.put("lr", "" + lr);
        m.put("min_lr", "" + minLr);
        m.put("warmup_steps", "" + warmupSteps);
        m.put("beta2", "" + beta2);
        m.put("weight_decay", "" + weightDecay);
        m.put("grad_clip", "" + gradClip);
        m.put("muon_lr", "" + muonLr);
        m.put("eval_interval", "" + evalInterval);
        m.put("eval_batches", "" + evalBatches);
        m.put("stats_interval", "" + statsInterval);
        m.put("checkpoint_interval", "" + checkpointInterval);
        m.put("divergence_loss", "" + divergenceLoss);
        if (!Double.isNaN(momentum)) {                  // written only when set: older folders stay byte-identical
            m.put("momentum", "" + momentum);
        }
        if (!Double.isNaN(hiddenWeightDecay)) {
            m.put("hidden_weight_decay", "" + hiddenWeightDecay);
        }
        if (!Double.isNaN(updateRms)) {
            m.put("update_rms", "" + updateRms);
        }
        return m;
    }

    /** @return the config that {@link #describe()} wrote; absent override keys (older folders) mean the recipe's */
    public static TrainConfig parse(Map<String, String> m) {
        GptConfig model = new GptConfig(m.get("model.name"), i(m, "model.vocab_size"), i(m, "model.n_layer"),
                i(m, "model.n_head"), i(m, "model.n_embd"), i(m, "model.block_size"), i(m, "model.batch_size"),
                d(m, "model.dropout"), Boolean.parseBoolean(m.get("model.bias")),
                Boolean.parseBoolean(m.get("model.tied_head")),
                m.containsKey("model.parameterization") ? Parameterization.parse(m.get("model.parameterization"))
                        : Parameterization.sp());      // absent (every folder before muP): SP
        return new TrainConfig(model, OptimizerChoice.parse(m.get("optimizer")), i(m, "steps"),
                Long.parseLong(m.get("seed")), d(m, "lr"), d(m, "min_lr"), i(m, "warmup_steps"), d(m, "beta2"),
                d(m, "weight_decay"), d(m, "grad_clip"), d(m, "muon_lr"), i(m, "eval_interval"),
                i(m, "eval_batches"), i(m, "stats_interval"), i(m, "checkpoint_interval"), d(m, "divergence_loss"),
                optional(m, "momentum"), optional(m, "hidden_weight_decay"), optional(m, "update_rms"));
    }

    private static double optional(Map<String, String> m, String k) {
        String v = m.get(k);
        return v == null ? Double.NaN : Double.parseDouble(v);
    }

    private static int i(Map<String, String> m, String k) {
        return Integer.parseInt(require(m, k));
    }

    private static double d(Map<String, String> m, String k) {
        return Double.parseDouble(require(m, k));
    }

    private static String require(Map<String, String> m, String k) {
        String v = m.get(k);
        if (v == null) {
            throw new IllegalArgumentException("run config lacks '" + k + "'");
        }
        return v;
    }
}
