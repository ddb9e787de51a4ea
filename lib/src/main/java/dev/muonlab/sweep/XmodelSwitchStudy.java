package dev.muonlab.sweep;

import dev.muonlab.gpt.GptConfig;
import dev.muonlab.schedule.LrSchedule;
import dev.muonlab.schedule.WarmupStableDecaySchedule;
import dev.muonlab.train.OptimizerChoice;
import dev.muonlab.train.Recipes;
import dev.muonlab.train.SwitchingOptimizer;
import dev.muonlab.train.TrainConfig;
import dev.muonlab.train.Trainer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tech.tablesaw.api.Table;

/**
 * Xmodel-2.5's optimizer switch (XiaoduoAILab/Xmodel-2.5; studies-notes.md "Xmodel-2.5"): a WSD run
 * whose stable phase is AdamW and whose decay phase is Muon with Moonlight's RMS matching
 * ({@code --muon-matched-adamw-rms 0.2}), started from the stable phase's weights with fresh optimizer
 * state ({@code --no-load-optim}) and the same learning-rate numbers. Three arms per seed on one WSD
 * schedule: (a) AdamW throughout (its state continued), (b) AdamW then RMS-matched Muon from the decay
 * start ({@link SwitchingOptimizer}), (c) RMS-matched Muon throughout, the reference. The same seed
 * gives (a) and (b) the same stable phase bit for bit: the fork of one checkpoint, without a run folder.
 * Read-out: {@link XmodelSwitchAnalysis}; the paper's claim (+4.58 % on a 13-task downstream average)
 * is about accuracy, which a loss comparison cannot decide.
 *
 * <p>Setting, stated: AdamW at nanoGPT's lr 1e-3, β₂ 0.99 (Xmodel uses 0.95 at a far larger batch),
 * decay 0.1 on 2-D tensors; Moonlight's Muon at the same lr and decay; WSD = linear warm-up, constant,
 * then a linear decay over the last {@code decay_steps} to {@code floor} = 1/16 (Xmodel's hidden lr goes
 * 1.667e-3 → 1.04e-4, ×0.0624, exponentially in its first decay script, linearly in the later one);
 * B = 12, clipping at 1.
 *
 * <p>Sizes (SMOKE: width 32, 2 layers, T = 16; else baby-cpu's 4 layers, 4 heads, width 128, T = 64):
 * <ul>
 *   <li>SMOKE: 64 steps (decay over the last 16, warm-up 4), seed 1: 3 runs, seconds.</li>
 *   <li>DEFAULT: 512 steps (decay 128, warm-up 50), seeds 1-2: 6 runs, 2.4M tokens, ≈ 3 minutes on 2 idle cores.</li>
 *   <li>FULL: 2,048 steps (1.57M tokens, 1.5 epochs; decay over the last 512, warm-up 100), seeds 1-3,
 *       evaluated every 64 steps on 4 × 16 sequences: 9 runs, 14.2M training tokens. Cost model: ~7k
 *       tokens/s per thread at B = 12 (2026-12-05, 2-vCPU Zen 4, idle), two runs at once, evaluation +3 %:
 *       14.2M / 14k ≈ 1,010 s + 3 % ≈ 18 minutes.</li>
 * </ul>
 */
public final class XmodelSwitchStudy implements Study {

    static final String ADAMW = OptimizerChoice.ADAMW.cliName();
    static final String MUON = OptimizerChoice.MUON_MOONLIGHT.cliName();
    /** The arms: stable-phase optimizer → decay-phase optimizer. */
    static final List<String[]> ARMS = List.of(new String[]{ADAMW, ADAMW}, new String[]{ADAMW, MUON},
            new String[]{MUON, MUON});

    @Override
    public String name() {
        return "xmodel-switch";
    }

    @Override
    public List<RunSpec> specs(SweepPreset preset) {
        return switch (preset) {
            case SMOKE -> grid(2, 2, 32, 16, 64, 16, 4, 8, 2, List.of(1L));
            case DEFAULT -> grid(4, 4, 128, 64, 512, 128, 50, 32, 4, List.of(1L, 2L));
            case FULL -> grid(4, 4, 128, 64, 2048, 512, 100, 64, 4, List.of(1L, 2L, 3L));
        };
    }

    static List<RunSpec> grid(int layers, int heads, int width, int block, int steps, int decaySteps, int warmup,
                              int evalEvery, int evalBatches, List<Long> seeds) {
        List<RunSpec> specs = new ArrayList<>();
        for (long seed : seeds) {
            for (String[] arm : ARMS) {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("stable_optimizer", arm[0]);
                p.put("decay_optimizer", arm[1]);
                p.put("seed", seed);
                p.put("batch", 12);
                p.put("lr", 1e-3);
                p.put("steps", steps);
                p.put("decay_steps", decaySteps);
                p.put("warmup", warmup);
                p.put("floor", 0.0625);
                p.put("eval_every", evalEvery);
                p.put("eval_batches", evalBatches);
                p.put("layers", layers);
                p.put("heads", heads);
                p.put("width", width);
                p.put("block", block);
                specs.add(RunSpec.of("xmodel-switch", p));
            }
        }
        return specs;
    }

    /** @return the step at which the decay starts (the fork): steps − decay_steps */
    static int switchStep(RunSpec spec) {
        return spec.getInt("steps") - spec.getInt("decay_steps");
    }

    /** @return the run's WSD schedule: warm-up, constant to the switch step, linear decay to {@code floor} */
    static LrSchedule schedule(RunSpec spec) {
        int steps = spec.getInt("steps");
        return new WarmupStableDecaySchedule(spec.getInt("warmup"), steps, (double) spec.getInt("decay_steps") / steps,
                spec.getDouble("floor"));
    }

    /** @return the stable phase's config (the decay arm's is {@code withOptimizer} of it) */
    static TrainConfig config(RunSpec spec) {
        int B = spec.getInt("batch");
        GptConfig model = new GptConfig("xmodel-switch", 65, spec.getInt("layers"), spec.getInt("heads"),
                spec.getInt("width"), spec.getInt("block"), B, 0.0, false, true);
        int steps = spec.getInt("steps");
        double lr = spec.getDouble("lr");
        return new TrainConfig(model, OptimizerChoice.parse(spec.get("stable_optimizer")), steps, spec.getLong("seed"),
                lr, lr * spec.getDouble("floor"), spec.getInt("warmup"), 0.99, 0.1, 1.0, 0.02, steps, 1, steps, 0, 10.0);
    }

    /** @return the run's optimizer: one recipe on the WSD schedule, or a {@link SwitchingOptimizer} at the decay start */
    static Trainer.OptimizerFactory optimizer(RunSpec spec) {
        LrSchedule wsd = schedule(spec);
        OptimizerChoice decay = OptimizerChoice.parse(spec.get("decay_optimizer"));
        int at = switchStep(spec);
        return (config, params) -> config.optimizer() == decay ? Recipes.optimizer(config, params, wsd)
                : new SwitchingOptimizer(config, config.withOptimizer(decay), params, wsd, at);
    }

    @Override
    public RunResult run(RunSpec spec, RunContext context) {
        return CurveRun.train(config(spec), optimizer(spec), CurveProbe.NONE, spec.getInt("eval_every"),
                spec.getInt("eval_batches"), context);
    }

    @Override
    public Optional<Table> summary(SweepPreset preset, Table results, Table curves) {
        return Optional.of(Verdicts.table(XmodelSwitchAnalysis.verdicts(results, curves)));
    }

    @Override
    public long cost(RunSpec spec) {
        return CurveRun.tokens(spec.getInt("steps"), spec);
    }

    @Override
    public String label(RunSpec spec) {
        return XmodelSwitchAnalysis.arm(spec.get("stable_optimizer"), spec.get("decay_optimizer")) + " seed " + spec.get("seed");
    }
}
