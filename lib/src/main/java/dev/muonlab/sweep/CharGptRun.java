package dev.muonlab.sweep;

import dev.muonlab.gpt.Batch;
import dev.muonlab.gpt.DataSplit;
import dev.muonlab.gpt.GptConfig;
import dev.muonlab.gpt.NativeThreads;
import dev.muonlab.progress.ProgressListener;
import dev.muonlab.train.OptimizerChoice;
import dev.muonlab.train.TrainConfig;
import dev.muonlab.train.TrainResult;
import dev.muonlab.train.Trainer;
import dev.muonlab.train.ValidationSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * One char-GPT run of {@link BatchSizeStudy} or {@link CriticalBatchStudy} from its spec: the spec's
 * shape, batch, token budget, learning rates and optional β and λ become a {@link TrainConfig}, and the
 * run's validation curve on the fixed validation set (the same sequences for every B) is recorded.
 * The schedule is stated in {@link BatchSizeStudy}'s comment.
 */
final class CharGptRun {

    /** Sequences in the fixed validation set (batches of 16). */
    static final int EVAL_BATCH = 16;

    private static volatile DataSplit data;

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
     *         under Muon, whose AdamW groups keep 0.1)
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
        return c.withMomentumAndHiddenDecay(beta, adamw ? Double.NaN : lambda);
    }

    /**
     * Trains one spec (of this study or {@link CriticalBatchStudy}) on one native thread and records
     * its evaluation curve: step, tokens, val_loss, elapsed_s.
     *
     * @return metrics final_val_loss, min_val_loss, steps_done, tokens_seen, diverged, seconds
     *         (wall-clock of training and evaluation) and step_seconds (seconds / steps_done)
     */
    static RunResult train(RunSpec spec, RunContext context) {
        NativeThreads.set(1);                       // runs go in parallel: one native thread each
        DataSplit split = data();
        TrainConfig config = config(spec);
        int B = config.model().batchSize();
        int T = config.model().blockSize();
        List<Batch> validation = ValidationSet.fixedBatches(split.validation(), EVAL_BATCH, T, spec.getInt("eval_batches"));
        int evalEvery = (int) Math.max(1, spec.getLong("eval_tokens") / ((long) B * T));
        Trainer trainer = Trainer.create(config, split, null);
        Table curve = Table.create("curve", IntColumn.create("step"), DoubleColumn.create("tokens"),
                DoubleColumn.create("val_loss"), DoubleColumn.create("elapsed_s"));
        long start = System.nanoTime();
        addPoint(curve, 0, 0, ValidationSet.meanLoss(trainer.model(), validation), start);
        TrainResult result = trainer.run(ProgressListener.NONE, (tr, step, evaluated) -> {
            context.progress().accept((long) B * T);
            if (step % evalEvery == 0 || step == config.steps()) {
                addPoint(curve, step, (double) step * B * T, ValidationSet.meanLoss(tr.model(), validation), start);
            }
            if (context.stopRequested().getAsBoolean()) {
                tr.requestStop();
            }
        });
        DoubleColumn loss = curve.doubleColumn("val_loss");
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("final_val_loss", loss.getDouble(loss.size() - 1));
        m.put("min_val_loss", loss.min());
        m.put("steps_done", (double) result.step());
        m.put("tokens_seen", (double) result.step() * B * T);
        m.put("diverged", result.status() == TrainResult.Status.DIVERGED ? 1.0 : 0.0);
        double seconds = (System.nanoTime() - start) / 1e9;
        m.put("seconds", seconds);
        m.put("step_seconds", seconds / Math.max(1, result.step()));
        return new RunResult(m, curve);
    }

    private static void addPoint(Table curve, int step, double tokens, double valLoss, long start) {
        curve.intColumn("step").append(step);
        curve.doubleColumn("tokens").append(tokens);
        curve.doubleColumn("val_loss").append(valLoss);
        curve.doubleColumn("elapsed_s").append((System.nanoTime() - start) / 1e9);
    }

    private static DataSplit data() {
        DataSplit d = data;
        if (d == null) {
            synchronized (BatchSizeStudy.class) {
                if (data == null) {
                    data = DataSplit.tinyShakespeare();
                }
                d = data;
            }
        }
        return d;
    }
}
