package dev.muonlab.sweep;

import dev.muonlab.gpt.GptConfig;
import dev.muonlab.train.OptimizerChoice;
import dev.muonlab.train.TrainConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One char-GPT run of {@link BatchSizeStudy} or {@link CriticalBatchStudy} from its spec: the spec's
 * shape, batch, token budget, learning rates and optional β and λ become a {@link TrainConfig}, and the
 * run's validation curve on the fixed validation set (the same sequences for every B) is recorded.
 * The schedule is stated in {@link BatchSizeStudy}'s comment.
 */
final class CharGptRun {

    private CharGptRun() {
    }

    /** @return the run's steps: its token budget over B·T tokens a step, at least 1 */
    static int steps(RunSpec spec) {
        long perStep = (long) spec.getInt("batch") * spec.getInt("block");
        return (int) Math.max(1, spec.getLong("tokens") / perStep);
    }

    /**
     * @return the run's training configuration (the schedule: {@link BatchSizeStudy}'s comment). Optional
     *         parameters of {@link CriticalBatchStudy}: {@code momentum} (β: Muon's momentum, AdamW's
     *         β₁) and {@code weight_decay} (λ: AdamW's decoupled decay under adamw, the hidden group's
     *         under Muon, whose AdamW groups keep 0.1); of {@link UpdateRmsStudy}: {@code update_rms}
     *         (Moonlight's update RMS target, {@link TrainConfig#updateRms()})
     */
    static TrainConfig config(RunSpec spec) {
        int B = spec.getInt("batch");
        GptConfig model = new GptConfig("batch-size", 65, spec.getInt("layers"), spec.getInt("heads"),
                spec.getInt("width"), spec.getInt("block"), B, 0.0, false, true);
        int steps = steps(spec);
        double lr = spec.getDouble("lr");
        OptimizerChoice o = OptimizerChoice.parse(spec.get("optimizer"));
        double lambda = spec.params().containsKey("weight_decay") ? spec.getDouble("weight_decay") : Double.NaN;
        double beta = spec.params().containsKey("momentum") ? spec.getDouble("momentum") : Double.NaN;
        boolean adamw = o == OptimizerChoice.ADAMW;
        TrainConfig c = new TrainConfig(model, o, steps, spec.getLong("seed"),
                lr, lr / 10, Math.min(100, steps / 10), 0.99, adamw && !Double.isNaN(lambda) ? lambda : 0.1, 1.0,
                spec.getDouble("muon_lr"), steps, 1, steps, 0, 10.0);
        double rms = spec.params().containsKey("update_rms") ? spec.getDouble("update_rms") : Double.NaN;
        return c.withMomentumAndHiddenDecay(beta, adamw ? Double.NaN : lambda).withUpdateRms(rms);
    }

    /**
     * Trains one spec (of this study or {@link CriticalBatchStudy}) on one native thread and records
     * its evaluation curve every {@code eval_tokens} tokens ({@link CurveRun}).
     *
     * @return {@link CurveRun#train}'s metrics plus step_seconds (seconds / steps_done, training and
     *         evaluation: the measured step time of the simulated iso-loss plot)
     */
    static RunResult train(RunSpec spec, RunContext context) {
        TrainConfig config = config(spec);
        long tokensPerStep = (long) config.model().batchSize() * config.model().blockSize();
        int evalEvery = (int) Math.max(1, spec.getLong("eval_tokens") / tokensPerStep);
        RunResult r = CurveRun.train(config, evalEvery, spec.getInt("eval_batches"), context);
        Map<String, Double> m = new LinkedHashMap<>(r.metrics());
        m.put("step_seconds", m.get("seconds") / Math.max(1, m.get("steps_done")));
        return new RunResult(m, r.curve());
    }
}
