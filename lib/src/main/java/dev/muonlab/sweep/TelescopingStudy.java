package dev.muonlab.sweep;

import dev.muonlab.gpt.GptConfig;
import dev.muonlab.scaling.Telescoping;
import dev.muonlab.scaling.TelescopingSearch;
import dev.muonlab.train.OptimizerChoice;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tech.tablesaw.api.Table;

/**
 * Telescoping hyper-parameter search (Essential AI, Shah et al. 2025, arXiv 2505.02222 §4.4,
 * Algorithm 1; references.md §4.4) run as a sweep, against the brute-force alternative. Keller's Muon
 * under muP with base width N₀ (so that muP equals SP at the base), k = 2 hyper-parameters: x = log₂
 * of the lr multiplier (mesh step 1 octave around the recipe's lrs) and y = log₂ λ (coupled weight
 * decay of every decayed group, {@link WidthRun}; mesh step 2 octaves around λ₀ = 0.1).
 *
 * <p>Algorithm 1 as run here: a full m × m grid at N₀ (stage 0); at each doubling n → 2n (stage s) a
 * grid of {@link Telescoping#stages}' points per hyper-parameter, m·4^(−s/k) rounded to the nearest
 * odd count so that its centre is the previous stage's best point (the lowest final validation loss,
 * diverged last; first in row-major order on ties), with the same mesh step (a sub-mesh of the base
 * mesh, {@link TelescopingSearch#axis}); up to the final width N_c. The comparison: the full m × m
 * grid at N_c, centred where the base grid was. Both are in stage 1 of the sweep; each doubling is a
 * later stage ({@link #nextStage}), since its centre depends on the previous optimum. A telescoping
 * point that the full grid also holds is the same spec and runs once; each search's cost counts it.
 * Algorithm 1's first step, choosing the mesh from a curvature estimate, is replaced by the fixed
 * steps above (the lr axis is {@link WidthTransferStudy}'s).
 *
 * <p>Sizes (baby-cpu's shape: 4 layers, 4 heads, T = 64, B = 12):
 * <ul>
 *   <li>SMOKE: 2 layers, 2 heads, T = 16, B = 4, widths 16 → 32, m = 3 (3×3, 1×1; full 3×3), 20 steps.</li>
 *   <li>DEFAULT: widths 32 → 64 → 128, m = 5 (5×5, 3×3, 1×1; full 5×5 at 128), 160 steps: 60 runs,
 *       ≈ 1,300 thread-seconds by {@link WidthRun#threadSeconds}, ≈ 11 minutes on 2 idle cores.</li>
 *   <li>FULL: widths 64 → 128 → 256, m = 5, 160 steps (122,880 tokens) evaluated every 40 on 4 × 16
 *       sequences: 25 + 9 + 1 telescoping runs and 25 full-grid runs at 256. Cost model: telescoping
 *       25·13 + 9·35 + 1·202 ≈ 850 thread-seconds, the full grid 25·202 ≈ 5,040 (Muon at 256 ≈ 3× AdamW's
 *       step, extrapolated): ≈ 50 minutes on 2 idle cores, evaluation included. Width 512 does not fit
 *       (one full-grid run there ≈ 20 thread-minutes).</li>
 * </ul>
 */
public final class TelescopingStudy implements WidthFamilyStudy {

    /** λ₀, the centre of the weight-decay axis (AdamW's 0.1 of nanoGPT's recipe). */
    static final double BASE_DECAY = 0.1;
    /** Mesh steps in log₂ units: 1 octave of lr, 2 octaves of λ (short runs feel λ weakly). */
    static final double[] SPACING = {1, 2};
    /** The base grid's centre in log₂ units: the recipe's lrs (multiplier 1) and λ₀. */
    static final double[] CENTRE = {0, 0};

    /**
     * A preset's size.
     *
     * @param m points per hyper-parameter of the full grids
     */
    record Size(GptConfig shape, int baseWidth, int finalWidth, int m, int steps, int evalEvery, int evalBatches) {
    }

    @Override
    public String name() {
        return "telescoping";
    }

    /** @return the preset's size (see the class comment) */
    static Size size(SweepPreset preset) {
        return switch (preset) {
            case SMOKE -> new Size(new GptConfig("smoke", 65, 2, 2, 32, 16, 4, 0.0, false, true), 16, 32, 3, 20, 10, 1);
            case DEFAULT -> new Size(GptConfig.babyCpu(), 32, 128, 5, 160, 40, 4);
            case FULL -> new Size(GptConfig.babyCpu(), 64, 256, 5, 160, 40, 4);
        };
    }

    /** @return Algorithm 1's stages for {@code s} (k = 2, cost ∝ width²; modifies nothing) */
    static List<Telescoping.Stage> stages(Size s) {
        return Telescoping.stages(s.baseWidth(), s.finalWidth(), CENTRE.length, s.m(), Telescoping.WIDTH_SQUARED);
    }

    /**
     * @param points points per hyper-parameter
     * @param centre the grid's centre in log₂ units (a mesh point). Not modified.
     * @return [hyper-parameter] → its values, ascending: {@link TelescopingSearch#axis} with {@link #SPACING}
     */
    static double[][] axes(int points, double[] centre) {
        double[][] a = new double[centre.length][];
        for (int i = 0; i < centre.length; i++) {
            a[i] = TelescopingSearch.axis(centre[i], SPACING[i], points);
        }
        return a;
    }

    /** @return the grid's runs at {@code width}, row-major (lr outer, λ inner); {@code axes} is not modified */
    List<RunSpec> grid(Size s, int width, double[][] axes) {
        List<RunSpec> specs = new ArrayList<>();
        for (double x : axes[0]) {
            for (double y : axes[1]) {
                specs.add(spec(s, width, x, y));
            }
        }
        return specs;
    }

    /** @return the run at log₂ multiplier {@code x} and log₂(λ/λ₀) {@code y}, seed 1 (modifies nothing) */
    RunSpec spec(Size s, int width, double x, double y) {
        Map<String, Object> p = WidthRun.params(s.shape(), width, "mup:" + s.baseWidth(), OptimizerChoice.MUON,
                Math.pow(2, x), 1, s.steps(), s.evalEvery(), s.evalBatches());
        p.put("weight_decay", BASE_DECAY * Math.pow(2, y));
        return RunSpec.of(name(), p);
    }

    /** Stage 1: the full grid at N₀ (Algorithm 1's stage 0) and the full grid at N_c (the comparison). */
    @Override
    public List<RunSpec> specs(SweepPreset preset) {
        Size s = size(preset);
        List<RunSpec> specs = new ArrayList<>(grid(s, s.baseWidth(), axes(s.m(), CENTRE)));
        specs.addAll(grid(s, s.finalWidth(), axes(s.m(), CENTRE)));
        return specs;
    }

    /** The telescoping stages' grids in order, as far as results allow ({@link #walk}). */
    @Override
    public List<RunSpec> nextStage(SweepPreset preset, Table results) {
        List<Walked> done = walk(size(preset), results);
        Walked last = done.isEmpty() ? null : done.get(done.size() - 1);
        return last == null || last.complete() ? List.of() : last.specs();
    }

    /**
     * One telescoping stage as far as the results go.
     *
     * @param stage    its counts and cost
     * @param axes     its grid, log₂ units
     * @param specs    its runs, row-major
     * @param complete every run has a result
     * @param best     the index in {@code specs} of the best run (−1 unless complete)
     */
    record Walked(Telescoping.Stage stage, double[][] axes, List<RunSpec> specs, boolean complete, int best) {
    }

    /**
     * Replays Algorithm 1 on stored results: stage 0 at the base centre, each later stage centred on the
     * previous stage's best point, stopping after the first stage with a missing result.
     *
     * @param results the sweep's results (the {@code run} column is the spec's hash). Not modified.
     * @return the stages reached, the last possibly incomplete; none when stage 0 is incomplete
     */
    List<Walked> walk(Size s, Table results) {
        Map<String, Integer> row = new HashMap<>();
        for (int i = 0; i < results.rowCount(); i++) {
            row.put(results.stringColumn("run").get(i), i);
        }
        List<Walked> out = new ArrayList<>();
        double[] centre = CENTRE.clone();
        for (Telescoping.Stage stage : stages(s)) {
            double[][] a = axes(stage.points(), centre);
            List<RunSpec> specs = grid(s, (int) stage.width(), a);
            int best = bestIndex(specs, results, row);
            if (best < 0 && stage.doublings() == 0) {
                return out;
            }
            out.add(new Walked(stage, a, specs, best >= 0, best));
            if (best < 0) {
                return out;
            }
            centre = new double[] {a[0][best / a[1].length], a[1][best % a[1].length]};
        }
        return out;
    }

    /** @return the index of the lowest score in {@code specs} (first on ties); −1 when one has no result. Modifies nothing. */
    static int bestIndex(List<RunSpec> specs, Table results, Map<String, Integer> row) {
        int best = -1;
        double bestScore = Double.POSITIVE_INFINITY;
        for (int j = 0; j < specs.size(); j++) {
            Integer i = row.get(specs.get(j).hash());
            if (i == null) {
                return -1;
            }
            double score = LrOptimum.score(results.doubleColumn("final_val_loss").get(i),
                    results.doubleColumn("diverged").get(i) > 0);
            if (best < 0 || score < bestScore) {
                best = j;
                bestScore = score;
            }
        }
        return best;
    }

    /** The searches' costs and optima and Eq. 4's fit ({@link TelescopingAnalysis#summary}). */
    @Override
    public Optional<Table> summary(SweepPreset preset, Table results, Table curves) {
        return Optional.of(TelescopingAnalysis.summary(this, size(preset), results));
    }

    @Override
    public String label(RunSpec spec) {
        return "muon " + spec.get("parameterization") + " C=" + spec.get("width") + " lr×" + spec.get("lr_multiplier")
                + " λ=" + spec.get("weight_decay");
    }
}
