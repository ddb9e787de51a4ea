package dev.muonlab.sweep;

import dev.muonlab.gpt.GptConfig;
import dev.muonlab.train.OptimizerChoice;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import tech.tablesaw.api.Table;

/**
 * Width transfer (issue 17 §1): loss against lr for a width family, for AdamW and Keller's Muon,
 * under SP and under muP (base width C₀, {@code dev.muonlab.gpt.Parameterization}), with seeds; where
 * the optimum sits, width by width. Expected (Yang et al. 2022, Tensor Programs V, arXiv 2203.03466
 * Fig. 1; nanochat PR #644's 0.5 → 0.125 under SP, studies-notes "Hyper-parameter transfer"): a stable
 * optimum under muP and a drift of about an octave or more under SP. Read-out: {@link WidthTransferAnalysis}.
 *
 * <p>Stages ({@link Study#nextStage}), per cell (optimizer, parameterization, width): an lr sweep at
 * seed 1 over the preset's multipliers of the recipe's lrs (AdamW 1e-3; Keller's Muon 0.02 and its
 * AdamW groups' 1e-3; factor-2 steps); the grid extended by doublings while the best sits at its edge
 * (up to {@link Leaderboard#MAX_EXTENSIONS} past it, {@link Leaderboard#gridExtension}); then seeds 1..n
 * at the best multiplier and its two neighbours (the three consecutive tried points around it,
 * shifted inward at an edge), from which the optimum's seed spread is estimated.
 *
 * <p>Sizes (shape: baby-cpu's 4 layers, 4 heads, context T = 64, B = 12, no dropout, tied head):
 * <ul>
 *   <li>SMOKE: 2 layers, 2 heads, T = 16, B = 4, widths {16, 32}, muP base 32, multipliers {0.5, 1, 2},
 *       2 seeds, 20 steps: seconds.</li>
 *   <li>DEFAULT: widths {32, 64, 128}, base 128, multipliers {¼ … 4}, 2 seeds, 80 steps (61,440
 *       tokens): ≈ 7 minutes on 2 idle cores.</li>
 *   <li>FULL: widths {32, 64, 128, 256}, base 128, multipliers {¼, ½, 1, 2, 4}, 3 seeds, 160 steps
 *       (122,880 tokens, about an eighth of an epoch), evaluated every 40 steps on 4 × 16 sequences.
 *       Runs: 16 cells × 5 + extensions + 16 × 6 seed runs ≈ 180. <b>Width 512 does not fit</b>: by the
 *       model below a 160-step run there costs 263 thread-seconds under AdamW and 1,314 under Muon, so the
 *       four 5-point grids at 512 alone (SP and muP) are ≈ 15,800 thread-seconds, 2.2 h on 2 cores; the
 *       family is 32…256 instead, three doublings like the 64…512. Cost model
 *       ({@link WidthRun#threadSeconds}): 7,000 tokens/s per thread at width 128 (measured, idle), scaled
 *       by FLOPs per token (3.83× at 256; widths below 128 at no less than half of 128's time) and by
 *       Muon's Newton-Schulz excess, 1 + C/128 (2× AdamW at 128, as measured; 3× at 256). Stage 1 is
 *       3,630 thread-seconds (width 256 is 74 % of it); with ≈ 0.5 extensions and 6 seed runs per cell,
 *       {@link #estimatedThreadSeconds}: ≈ 8,350 thread-seconds, + ≈ 6 % evaluation: <b>≈ 74 minutes on
 *       2 idle cores</b>. The largest uncertainty is Muon at width 256 (its Newton-Schulz share is
 *       extrapolated ∝ C from 128, not measured).</li>
 * </ul>
 */
public final class WidthTransferStudy implements WidthFamilyStudy {

    /** The compared optimizers: AdamW and Keller's Muon. */
    static final List<OptimizerChoice> OPTIMIZERS = List.of(OptimizerChoice.ADAMW, OptimizerChoice.MUON);

    /**
     * A preset's size.
     *
     * @param shape       layers, heads, context and batch (its width is unused)
     * @param widths      the width family, increasing
     * @param baseWidth   muP's C₀
     * @param multipliers the seed-1 lr grid, increasing, factor-2 steps
     */
    record Size(GptConfig shape, List<Integer> widths, int baseWidth, List<Double> multipliers, int seeds, int steps,
                int evalEvery, int evalBatches) {

        /** @return the parameterizations compared: {@code sp} and {@code mup:<base>} */
        List<String> parameterizations() {
            return List.of("sp", "mup:" + baseWidth);
        }
    }

    @Override
    public String name() {
        return "width-transfer";
    }

    /** @return the preset's size (see the class comment); modifies nothing */
    static Size size(SweepPreset preset) {
        List<Double> wide = List.of(0.25, 0.5, 1.0, 2.0, 4.0);
        return switch (preset) {
            case SMOKE -> new Size(new GptConfig("smoke", 65, 2, 2, 32, 16, 4, 0.0, false, true), List.of(16, 32), 32,
                    List.of(0.5, 1.0, 2.0), 2, 20, 10, 1);
            case DEFAULT -> new Size(GptConfig.babyCpu(), List.of(32, 64, 128), 128, wide, 2, 80, 40, 4);
            case FULL -> new Size(GptConfig.babyCpu(), List.of(32, 64, 128, 256), 128, wide, 3, 160, 40, 4);
        };
    }

    /** Stage 1: every cell at every multiplier, seed 1. */
    @Override
    public List<RunSpec> specs(SweepPreset preset) {
        Size s = size(preset);
        List<RunSpec> specs = new ArrayList<>();
        for (OptimizerChoice o : OPTIMIZERS) {
            for (String p : s.parameterizations()) {
                for (int w : s.widths()) {
                    for (double m : s.multipliers()) {
                        specs.add(spec(s, o, p, w, m, 1));
                    }
                }
            }
        }
        return specs;
    }

    /**
     * Later stages, per cell: a grid extension while seed 1's best sits at the edge, else seeds 1..n at
     * the best and its two neighbours. Nothing until every cell has its stage-1 runs.
     */
    @Override
    public List<RunSpec> nextStage(SweepPreset preset, Table results) {
        Size s = size(preset);
        if (results.rowCount() == 0) {
            return List.of();
        }
        List<RunSpec> specs = new ArrayList<>();
        for (OptimizerChoice o : OPTIMIZERS) {
            for (String p : s.parameterizations()) {
                for (int w : s.widths()) {
                    Table cell = WidthTransferAnalysis.cell(results, o.cliName(), p, w);
                    Table mine = cell.where(cell.doubleColumn("seed").isEqualTo(1));
                    if (mine.rowCount() < s.multipliers().size()) {
                        return List.of();
                    }
                    OptionalDouble extension = Leaderboard.gridExtension(mine, s.multipliers());
                    if (extension.isPresent()) {
                        specs.add(spec(s, o, p, w, extension.getAsDouble(), 1));
                        continue;
                    }
                    for (double m : neighbourhood(mine.doubleColumn("lr_multiplier").asDoubleArray(),
                            Leaderboard.bestMultipliers(mine).get(o.cliName()))) {
                        for (int seed = 1; seed <= s.seeds(); seed++) {
                            specs.add(spec(s, o, p, w, m, seed));
                        }
                    }
                }
            }
        }
        return specs;
    }

    /**
     * @param tried the multipliers tried (any order, distinct). Not modified.
     * @param best  one of them
     * @return the three consecutive tried multipliers centred on {@code best}, shifted inward when it
     *         is the smallest or largest (fewer when fewer were tried), ascending
     */
    static List<Double> neighbourhood(double[] tried, double best) {
        double[] sorted = java.util.Arrays.stream(tried).distinct().sorted().toArray();
        int i = java.util.Arrays.binarySearch(sorted, best);
        if (i < 0) {
            throw new IllegalArgumentException("the best multiplier " + best + " was not tried");
        }
        int from = Math.max(0, Math.min(i - 1, sorted.length - 3));
        List<Double> out = new ArrayList<>();
        for (int j = from; j < Math.min(sorted.length, from + 3); j++) {
            out.add(sorted[j]);
        }
        return out;
    }

    private RunSpec spec(Size s, OptimizerChoice o, String parameterization, int width, double m, long seed) {
        return RunSpec.of(name(), WidthRun.params(s.shape(), width, parameterization, o, m, seed, s.steps(), s.evalEvery(),
                s.evalBatches()));
    }

    /**
     * The cost model's estimate of a preset: stage 1 exactly, and per cell {@code extensions} more
     * seed-1 runs and 3·(seeds − 1) seed runs, each at the cell's mean stage-1 run cost.
     *
     * @return thread-seconds on idle threads, evaluation not included ({@link WidthRun#threadSeconds})
     */
    static double estimatedThreadSeconds(SweepPreset preset, double extensions) {
        Size s = size(preset);
        List<RunSpec> first = new WidthTransferStudy().specs(preset);
        double stage1 = first.stream().mapToDouble(WidthRun::threadSeconds).sum();
        return stage1 * (1 + (extensions + 3.0 * (s.seeds() - 1)) / s.multipliers().size());
    }

    /** The verdict table per (optimizer, parameterization), optima per width ({@link WidthTransferAnalysis#summary}). */
    @Override
    public Optional<Table> summary(SweepPreset preset, Table results, Table curves) {
        return Optional.of(WidthTransferAnalysis.summary(results));
    }

    @Override
    public String label(RunSpec spec) {
        return spec.get("optimizer") + " " + spec.get("parameterization") + " C=" + spec.get("width") + " lr×"
                + spec.get("lr_multiplier") + " seed " + spec.get("seed");
    }
}
