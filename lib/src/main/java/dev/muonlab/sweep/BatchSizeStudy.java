package dev.muonlab.sweep;

import dev.muonlab.gpt.Batch;
import dev.muonlab.gpt.DataSplit;
import dev.muonlab.gpt.GptConfig;
import dev.muonlab.gpt.NativeThreads;
import dev.muonlab.train.OptimizerChoice;
import dev.muonlab.train.TrainConfig;
import dev.muonlab.train.TrainResult;
import dev.muonlab.train.Trainer;
import dev.muonlab.train.ValidationSet;
import dev.muonlab.progress.ProgressListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Muon versus AdamW across batch sizes (issue: Essential AI's token ratio R_L(B) and critical batch,
 * arXiv 2505.02222 §4.3 and App. F; Sato, Naganuma and Iiduka, arXiv 2507.01598 §6.3): char-GPT runs
 * on Tiny Shakespeare at batch B, each with a fixed token budget, evaluated every {@code eval_tokens}
 * tokens on one fixed validation set (the same sequences for every B), so that T_L(B) can be read off
 * each curve ({@link TokensToTarget}) for any target L after the runs.
 *
 * <p>Setting, stated: nanoGPT's schedule (linear warm-up over min(100, steps/10) steps, cosine to
 * lr/10 at the run's last step) stretched to each run's steps = tokens / (B·T); no dropout; gradient
 * clipping at 1. Learning rates are √B-scaled around the recipe's tuned value at nanoGPT's B = 12
 * (AdamW and Moonlight's Muon 1e-3, Keller's Muon 0.02; the square-root rule of Malladi et al. for
 * adaptive methods), times a multiplier from the preset's grid. The FULL preset's range is provisional
 * until a pilot run fixes it.
 */
public final class BatchSizeStudy implements Study {

    /** nanoGPT's baby-cpu batch, where the recipes' learning rates were tuned. */
    static final int BASE_BATCH = 12;
    /** Sequences in the fixed validation set (batches of 16). */
    static final int EVAL_BATCH = 16;

    /** The three recipes: AdamW, Keller's Muon and Moonlight's Muon. */
    static final List<OptimizerChoice> OPTIMIZERS =
            List.of(OptimizerChoice.ADAMW, OptimizerChoice.MUON, OptimizerChoice.MUON_MOONLIGHT);

    private static volatile DataSplit data;

    @Override
    public String name() {
        return "batch-size";
    }

    @Override
    public List<RunSpec> specs(SweepPreset preset) {
        return switch (preset) {
            case SMOKE -> grid(2, 2, 32, 16, 16 * 16 * 30, 16 * 16 * 5, 2,
                    List.of(OptimizerChoice.ADAMW, OptimizerChoice.MUON), List.of(4, 16), List.of(1.0), List.of(1L));
            case DEFAULT -> grid(4, 4, 128, 64, 1 << 18, 1 << 14, 4, OPTIMIZERS,
                    List.of(4, 16, 64), List.of(1.0), List.of(1L));
            case FULL -> grid(4, 4, 128, 64, 1 << 21, 1 << 15, 8, OPTIMIZERS,
                    List.of(4, 8, 16, 32, 64, 128, 256), List.of(0.5, 1.0, 2.0), List.of(1L, 2L, 3L));
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
                        specs.add(RunSpec.of("batch-size", p));
                    }
                }
            }
        }
        return specs;
    }

    @Override
    public long cost(RunSpec spec) {
        return steps(spec) * (long) spec.getInt("batch") * spec.getInt("block");
    }

    @Override
    public String label(RunSpec spec) {
        return spec.get("optimizer") + " B=" + spec.get("batch") + " ×" + spec.get("lr_multiplier") + " seed " + spec.get("seed");
    }

    /** @return the run's steps: its token budget over B·T tokens a step, at least 1 */
    static int steps(RunSpec spec) {
        long perStep = (long) spec.getInt("batch") * spec.getInt("block");
        return (int) Math.max(1, spec.getLong("tokens") / perStep);
    }

    /** @return the run's training configuration (see the class comment for the schedule) */
    static TrainConfig config(RunSpec spec) {
        int B = spec.getInt("batch");
        GptConfig model = new GptConfig("batch-size", 65, spec.getInt("layers"), spec.getInt("heads"),
                spec.getInt("width"), spec.getInt("block"), B, 0.0, false, true);
        int steps = steps(spec);
        double lr = spec.getDouble("lr");
        return new TrainConfig(model, OptimizerChoice.parse(spec.get("optimizer")), steps, spec.getLong("seed"),
                lr, lr / 10, Math.min(100, steps / 10), 0.99, 0.1, 1.0, spec.getDouble("muon_lr"),
                steps, 1, steps, 0, 10.0);
    }

    @Override
    public RunResult run(RunSpec spec, RunContext context) {
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
        m.put("seconds", (System.nanoTime() - start) / 1e9);
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
