package dev.muonlab.sweep;

import dev.muonlab.gpt.Batch;
import dev.muonlab.gpt.DataSplit;
import dev.muonlab.gpt.NativeThreads;
import dev.muonlab.progress.ProgressListener;
import dev.muonlab.train.Recipes;
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
 * One char-GPT run on Tiny Shakespeare as a study's sweep runs it: no run folder, one native thread
 * (runs go in parallel), and a validation-loss curve sampled every few steps on one fixed validation
 * set, the same sequences for every run whatever its batch, so that curves compare and a target's
 * first crossing ({@link TokensToTarget}) can be read off any of them after the runs.
 *
 * <p>The curve's columns: {@code step}, {@code tokens} (steps × B × T), {@code val_loss} (nats),
 * {@code elapsed_s} (since the start, evaluations included) and {@code train_s} (the steps alone:
 * what a wall-clock-to-target compares, since evaluation is the same cost for every optimizer).
 */
final class CurveRun {

    /** Sequences in each fixed validation batch. */
    static final int EVAL_BATCH = 16;

    private static volatile DataSplit data;

    private CurveRun() {
    }

    /**
     * A char-GPT run's training tokens, the progress units every such study reports. Modifies nothing.
     *
     * @param steps optimizer steps
     * @param spec  a spec with {@code batch} B (sequences) and {@code block} T (characters)
     * @return steps × B × T
     */
    static long tokens(long steps, RunSpec spec) {
        return steps * spec.getInt("batch") * spec.getInt("block");
    }

    /**
     * Trains {@code config} to its last step (or a stop, or a divergence), evaluating at step 0, every
     * {@code evalEvery} steps and at the end.
     *
     * @param evalBatches fixed validation batches of {@link #EVAL_BATCH} sequences each evaluation averages
     * @param context     receives B·T progress units a step; its stop request ends the run early
     * @return metrics {@code final_val_loss, min_val_loss, steps_done, tokens_seen, diverged, seconds,
     *         train_seconds} and the curve
     */
    static RunResult train(TrainConfig config, int evalEvery, int evalBatches, RunContext context) {
        return train(config, Recipes::optimizer, CurveProbe.NONE, evalEvery, evalBatches, context);
    }

    /**
     * As {@link #train(TrainConfig, int, int, RunContext)} with another optimizer (a {@link
     * dev.muonlab.train.SwitchingOptimizer}) and extra curve columns after {@code train_s}.
     *
     * @param optimizer builds the run's optimizer over the model's live parameters
     * @param probe     the extra columns, measured at each evaluation (outside {@code train_s})
     */
    static RunResult train(TrainConfig config, Trainer.OptimizerFactory optimizer, CurveProbe probe, int evalEvery,
                           int evalBatches, RunContext context) {
        NativeThreads.set(1);
        DataSplit split = data();
        int B = config.model().batchSize();
        int T = config.model().blockSize();
        List<Batch> validation = ValidationSet.fixedBatches(split.validation(), EVAL_BATCH, T, evalBatches);
        Trainer trainer = Trainer.create(config, split, null, optimizer);
        Table curve = Table.create("curve", IntColumn.create("step"), DoubleColumn.create("tokens"),
                DoubleColumn.create("val_loss"), DoubleColumn.create("elapsed_s"), DoubleColumn.create("train_s"));
        probe.columns().forEach(c -> curve.addColumns(DoubleColumn.create(c)));
        long start = System.nanoTime();
        double[] evalSeconds = {0};
        evaluate(curve, trainer, validation, 0, B * T, start, evalSeconds, probe);
        TrainResult result = trainer.run(ProgressListener.NONE, (tr, step, evaluated) -> {
            context.progress().accept((long) B * T);
            if (step % evalEvery == 0 || step == config.steps()) {
                evaluate(curve, tr, validation, step, B * T, start, evalSeconds, probe);
            }
            if (context.stopRequested().getAsBoolean()) {
                tr.requestStop();
            }
        });
        DoubleColumn loss = curve.doubleColumn("val_loss");
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("final_val_loss", loss.getDouble(loss.size() - 1));
        m.put("min_val_loss", loss.min());
        m.put("steps_done", (double) result.step());
        m.put("tokens_seen", (double) result.step() * B * T);
        m.put("diverged", result.status() == TrainResult.Status.DIVERGED ? 1.0 : 0.0);
        m.put("seconds", seconds);
        m.put("train_seconds", seconds - evalSeconds[0]);
        return new RunResult(m, curve);
    }

    /**
     * Appends one evaluation (and the probe's columns) to {@code curve} (modified) and its duration to
     * {@code evalSeconds[0]} (modified).
     */
    private static void evaluate(Table curve, Trainer trainer, List<Batch> validation, int step, int tokensPerStep,
                                 long start, double[] evalSeconds, CurveProbe probe) {
        long t0 = System.nanoTime();
        double valLoss = ValidationSet.meanLoss(trainer.model(), validation);
        double[] extra = probe.measure(trainer, validation);
        for (int i = 0; i < extra.length; i++) {
            curve.doubleColumn(probe.columns().get(i)).append(extra[i]);
        }
        long t1 = System.nanoTime();
        evalSeconds[0] += (t1 - t0) / 1e9;
        double elapsed = (t1 - start) / 1e9;
        curve.intColumn("step").append(step);
        curve.doubleColumn("tokens").append((double) step * tokensPerStep);
        curve.doubleColumn("val_loss").append(valLoss);
        curve.doubleColumn("elapsed_s").append(elapsed);
        curve.doubleColumn("train_s").append(elapsed - evalSeconds[0]);
    }

    /** @return Tiny Shakespeare's split, read once per JVM and shared by every run (read-only) */
    static DataSplit data() {
        DataSplit d = data;
        if (d == null) {
            synchronized (CurveRun.class) {
                if (data == null) {
                    data = DataSplit.tinyShakespeare();
                }
                d = data;
            }
        }
        return d;
    }
}
