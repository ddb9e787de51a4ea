package dev.muonlab.sweep;

import dev.muonlab.gpt.GptConfig;
import dev.muonlab.train.OptimizerChoice;
import dev.muonlab.train.TrainConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * The optimizer leaderboard (issue 19), after modded-nanogpt's optimizer track: the model, data,
 * batch and step budget are fixed, and each entrant is compared by the steps (and seconds) it takes
 * to reach a target validation loss, over several seeds, against AdamW ({@link Leaderboard}).
 *
 * <p>Stages ({@link Study#nextStage}): an lr sweep at seed 1 (every learning rate of the recipe,
 * AdamW's and Muon's alike, times each multiplier of the preset's grid,
 * {@link TrainConfig#withLrScale}); the grid extended by doublings where an entrant's best sits at
 * its edge (so that the baseline, too, is not left undertuned: a 2026-12-05 pilot of this study had
 * AdamW's best at the grid's top); then every seed at each entrant's best multiplier: the lowest
 * final validation loss at seed 1, diverged runs last. Tuning at one seed and reporting at all of them
 * (the seed-1 run included) biases each entrant's result a little in its own favour, alike for all.
 *
 * <p>Setting, stated: nanoGPT's {@code baby-cpu} shape (4 layers, 4 heads, width 128, context 64,
 * B = 12, no dropout); nanoGPT's schedule (warm-up min(100, steps/10) steps, cosine to lr/10 at the
 * last step), gradient clipping at 1, AdamW's weight decay 0.1; each recipe's hyper-parameters as
 * {@link OptimizerChoice} states (the sources' defaults, untuned here beyond the lr multiplier).
 * DEFAULT (notebook 09's live race, a few minutes): four entrants, 150 steps, multipliers {1, 2}, 3
 * seeds, target 2.7. FULL: 500 steps (384k tokens, about 40 % of an epoch), multipliers {0.5, 1, 2, 4}, 5 seeds, target
 * 2.40 nats (AdamW at lr 1e-3 passes it near step 400 of a 600-step pilot on 2026-12-05, Muon near
 * 150): 40 runs, a few extensions, then 40 more (10 of them stored already), about 50 minutes on 2
 * idle cores.
 */
public final class LeaderboardStudy implements Study {

    /** The entrants; AdamW first, the baseline of every comparison. */
    static final List<OptimizerChoice> ENTRANTS = List.of(OptimizerChoice.ADAMW, OptimizerChoice.MUON,
            OptimizerChoice.MUON_MOONLIGHT, OptimizerChoice.NORMUON, OptimizerChoice.MUON_CAUTIOUS_WD,
            OptimizerChoice.ADAMUON, OptimizerChoice.MUON_POLAR_EXPRESS, OptimizerChoice.MUON_GRAM_NS,
            OptimizerChoice.SPECTRAL_DESCENT, OptimizerChoice.SCALE);

    /**
     * A preset's size.
     *
     * @param target the validation loss the leaderboard races to, nats
     */
    record Size(GptConfig model, int steps, int evalEvery, int evalBatches, List<OptimizerChoice> entrants,
                List<Double> multipliers, int seeds, double target) {
    }

    @Override
    public String name() {
        return "leaderboard";
    }

    /** @return the preset's size (model, budget, grid, seeds, target) */
    static Size size(SweepPreset preset) {
        GptConfig baby = GptConfig.babyCpu();
        return switch (preset) {
            case SMOKE -> new Size(new GptConfig("leaderboard-smoke", 65, 2, 2, 32, 16, 4, 0.0, false, true), 40, 5, 2,
                    List.of(OptimizerChoice.ADAMW, OptimizerChoice.MUON, OptimizerChoice.NORMUON), List.of(1.0, 2.0), 3, 3.6);
            case DEFAULT -> new Size(baby, 150, 15, 2, List.of(OptimizerChoice.ADAMW, OptimizerChoice.MUON,
                    OptimizerChoice.MUON_MOONLIGHT, OptimizerChoice.NORMUON), List.of(1.0, 2.0), 3, 2.7);
            case FULL -> new Size(baby, 500, 25, 4, ENTRANTS, List.of(0.5, 1.0, 2.0, 4.0), 5, 2.40);
        };
    }

    /** @return the target loss of {@code preset}, nats */
    public static double target(SweepPreset preset) {
        return size(preset).target();
    }

    /** Stage 1: every entrant at every lr multiplier, seed 1. */
    @Override
    public List<RunSpec> specs(SweepPreset preset) {
        Size s = size(preset);
        List<RunSpec> specs = new ArrayList<>();
        for (OptimizerChoice o : s.entrants()) {
            for (double m : s.multipliers()) {
                specs.add(spec(s, o, m, 1));
            }
        }
        return specs;
    }

    /**
     * Later stages: an entrant whose best multiplier at seed 1 is its grid's largest (smallest) tries
     * twice (half) that, up to {@link Leaderboard#MAX_EXTENSIONS} doublings past the preset's grid;
     * every other entrant runs seeds 1..n at its best. Nothing until every stage-1 run is in.
     */
    @Override
    public List<RunSpec> nextStage(SweepPreset preset, Table results) {
        Size s = size(preset);
        if (results.rowCount() == 0) {
            return List.of();                         // nothing stored (Sweep.load on an empty store)
        }
        List<RunSpec> specs = new ArrayList<>();
        for (OptimizerChoice o : s.entrants()) {
            Table mine = results.where(results.stringColumn("optimizer").isEqualTo(o.cliName())
                    .and(results.doubleColumn("seed").isEqualTo(1)));
            if (mine.rowCount() < s.multipliers().size()) {
                return List.of();
            }
            java.util.OptionalDouble extension = Leaderboard.gridExtension(mine, s.multipliers());
            if (extension.isPresent()) {
                specs.add(spec(s, o, extension.getAsDouble(), 1));
                continue;
            }
            double m = Leaderboard.bestMultipliers(mine).get(o.cliName());
            for (int seed = 1; seed <= s.seeds(); seed++) {
                specs.add(spec(s, o, m, seed));
            }
        }
        return specs;
    }

    private RunSpec spec(Size s, OptimizerChoice o, double multiplier, long seed) {
        GptConfig m = s.model();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("optimizer", o.cliName());
        p.put("lr_multiplier", multiplier);
        p.put("seed", seed);
        p.put("steps", s.steps());
        p.put("eval_every", s.evalEvery());
        p.put("eval_batches", s.evalBatches());
        p.put("layers", m.nLayer());
        p.put("heads", m.nHead());
        p.put("width", m.nEmbd());
        p.put("block", m.blockSize());
        p.put("batch", m.batchSize());
        return RunSpec.of(name(), p);
    }

    /** @return the run's training configuration: nanoGPT's recipe with every lr scaled by the multiplier */
    static TrainConfig config(RunSpec spec) {
        GptConfig model = new GptConfig("leaderboard", 65, spec.getInt("layers"), spec.getInt("heads"),
                spec.getInt("width"), spec.getInt("block"), spec.getInt("batch"), 0.0, false, true);
        int steps = spec.getInt("steps");
        return TrainConfig.nanoGpt(model, OptimizerChoice.parse(spec.get("optimizer")), steps, spec.getLong("seed"))
                .withLrScale(spec.getDouble("lr_multiplier"))
                .withEval(steps, 1)
                .withCheckpointInterval(0);
    }

    /** The leaderboard at the preset's target ({@link Leaderboard#table}), AdamW the baseline. */
    @Override
    public java.util.Optional<Table> summary(SweepPreset preset, Table results, Table curves) {
        Size s = size(preset);
        return java.util.Optional.of(Leaderboard.table(Leaderboard.perRun(results, curves, s.target()),
                OptimizerChoice.ADAMW.cliName()));
    }

    @Override
    public RunResult run(RunSpec spec, RunContext context) {
        return CurveRun.train(config(spec), spec.getInt("eval_every"), spec.getInt("eval_batches"), context);
    }

    @Override
    public long cost(RunSpec spec) {
        return CurveRun.tokens(spec.getInt("steps"), spec);
    }

    @Override
    public String label(RunSpec spec) {
        return spec.get("optimizer") + " lr×" + spec.get("lr_multiplier") + " seed " + spec.get("seed");
    }
}
