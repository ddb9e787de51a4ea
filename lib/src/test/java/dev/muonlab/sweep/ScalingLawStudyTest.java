package dev.muonlab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.muonlab.scaling.ComputeFrontier;
import dev.muonlab.scaling.ComputeRatio;
import dev.muonlab.scaling.PowerLaw;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The scaling-law study: its read-out on curves drawn from known laws, its cost model, and a real smoke sweep. */
class ScalingLawStudyTest {

    /** Fits to exact power-law points: only rounding separates the fitted (a, b) from the drawn ones. */
    private static final double EXACT = 1e-9;
    private static final int LAYERS = 4;
    private static final int BLOCK = 64;
    private static final List<Integer> WIDTHS = List.of(32, 64, 128);
    private static final double[] TOKENS = {0, 8192, 16384, 32768, 65536, 131072};

    @TempDir
    Path dir;

    /** Results and curves of two seeds per (optimizer, width); each seed's loss is law(C) ± spread. */
    private static Table[] synthetic(PowerLaw adamw, PowerLaw muon, double spread) {
        Table results = Table.create("results", StringColumn.create("run"), StringColumn.create("optimizer"),
                DoubleColumn.create("width"), DoubleColumn.create("layers"), DoubleColumn.create("block"));
        Table curves = Table.create("curves", StringColumn.create("run"), DoubleColumn.create("tokens"), DoubleColumn.create("val_loss"));
        for (String o : List.of("adamw", "muon", "muon-moonlight")) {
            PowerLaw law = o.equals("adamw") ? adamw : muon;
            for (int w : WIDTHS) {
                for (int seed = 1; seed <= 2; seed++) {
                    String run = o + "-" + w + "-" + seed;
                    results.stringColumn("run").append(run);
                    results.stringColumn("optimizer").append(o);
                    results.doubleColumn("width").append(w);
                    results.doubleColumn("layers").append(LAYERS);
                    results.doubleColumn("block").append(BLOCK);
                    for (double t : TOKENS) {
                        double c = WidthRun.flopsPerToken(LAYERS, w, BLOCK, 65) * t;
                        curves.stringColumn("run").append(run);
                        curves.doubleColumn("tokens").append(t);
                        curves.doubleColumn("val_loss").append(t == 0 ? 4.2 : law.loss(c) + (seed == 1 ? spread : -spread));
                    }
                }
            }
        }
        return new Table[]{results, curves};
    }

    @Test
    void seedsAreAveragedAndTheLawsComeBackFromExactCurves() {
        PowerLaw adamw = PowerLaw.pure(30, -0.1);
        PowerLaw muon = PowerLaw.pure(27, -0.1);
        Table[] t = synthetic(adamw, muon, 0.05);   // ± 0.05 cancels in the seed mean
        List<ComputeFrontier.Point> points = ScalingLawAnalysis.points(t[0], t[1], "adamw");
        assertEquals(WIDTHS.size() * (TOKENS.length - 1), points.size(), "one point per (width, evaluation), token 0 left out");
        for (ComputeFrontier.Point p : points) {
            assertEquals(adamw.loss(p.compute()), p.loss(), EXACT);
        }
        PowerLaw fitted = ComputeRatio.fit(ComputeFrontier.of(points), ComputeRatio.Form.PURE);
        assertEquals(30, fitted.a(), 30 * 1e-6);
        assertEquals(-0.1, fitted.b(), EXACT);
    }

    @Test
    void aMuonLawThatNeedsHalfTheComputeIsReproducedWithMoonlightsRatioOutside() {
        // L = a·C^b: a_M·(C/2)^b = a_A·C^b when a_M = 2^b·a_A, so Muon reaches any loss with exactly half AdamW's compute
        PowerLaw adamw = PowerLaw.pure(30, -0.1);
        PowerLaw muon = PowerLaw.pure(30 * Math.pow(2, -0.1), -0.1);
        Table[] t = synthetic(adamw, muon, 0);
        List<Verdicts.Row> rows = ScalingLawAnalysis.verdicts(t[0], t[1]);
        assertEquals(2, rows.size());
        for (Verdicts.Row r : rows) {
            assertEquals(Verdicts.Verdict.REPRODUCED, r.verdict(), r.toString());
            assertTrue(r.ours().startsWith("0.50 [0.50, 0.50]"), r.ours());
            assertTrue(r.reason().contains("lies outside"), "0.52 is outside a zero-width interval at 0.50: " + r.reason());
        }
        Table[] worse = synthetic(PowerLaw.pure(27, -0.1), PowerLaw.pure(30, -0.1), 0);
        assertEquals(Verdicts.Verdict.NOT_REPRODUCED, ScalingLawAnalysis.verdicts(worse[0], worse[1]).get(0).verdict());
    }

    @Test
    void frontiersWithoutACommonLossRangeHaveNoSharedLoss() {
        List<ComputeFrontier.Point> a = List.of(new ComputeFrontier.Point(1, 3.0), new ComputeFrontier.Point(2, 2.8));
        List<ComputeFrontier.Point> b = List.of(new ComputeFrontier.Point(1, 2.5), new ComputeFrontier.Point(2, 2.2));
        assertTrue(Double.isNaN(ScalingLawAnalysis.sharedLoss(a, b)));
        List<ComputeFrontier.Point> c = List.of(new ComputeFrontier.Point(1, 2.9), new ComputeFrontier.Point(2, 2.4));
        assertEquals((2.9 + 2.8) / 2, ScalingLawAnalysis.sharedLoss(a, c), EXACT);
    }

    @Test
    void theFullPresetCostsWhatItsClassCommentSays() {
        List<RunSpec> full = new ScalingLawStudy().specs(SweepPreset.FULL);
        assertEquals(24, full.size());
        double seconds = full.stream().mapToDouble(WidthRun::threadSeconds).sum();
        assertEquals(3995, seconds, 5, "the Javadoc's 3,995 thread-seconds");
        for (RunSpec s : full) {
            assertTrue(WidthRun.tokens(s) < 1_003_854, "no run repeats a training character (Tiny Shakespeare: 1.0M)");
        }
    }

    @Test
    void theSmokeSweepTrainsEveryRunAndGivesAVerdictPerMuonRecipe() {
        ScalingLawStudy study = new ScalingLawStudy();
        RunStore store = new RunStore(dir, w -> { });
        Sweep.Outcome out = Sweep.run(study, SweepPreset.SMOKE, store, new LocalExecutor(2), (d, t, m) -> { });
        assertEquals(6, out.executed());
        Table curves = Sweep.curves(out.specs(), store);
        long muonEvaluations = 0;
        for (int i = 0; i < curves.rowCount(); i++) {
            String run = curves.stringColumn("run").get(i);
            boolean muon = out.results().where(out.results().stringColumn("run").isEqualTo(run)).stringColumn("optimizer").get(0).equals("muon");
            if (muon && curves.numberColumn("tokens").getDouble(i) > 0) {
                muonEvaluations++;
            }
        }
        assertTrue(muonEvaluations >= 2 * 4, "every 6 of 24 steps, both widths: " + muonEvaluations);
        assertEquals(muonEvaluations, ScalingLawAnalysis.points(out.results(), curves, "muon").size(),
                "one seed: one point per evaluation after token 0");
        Table summary = study.summary(SweepPreset.SMOKE, out.results(), curves).orElseThrow();
        assertEquals(2, summary.rowCount());
        Sweep.Outcome again = Sweep.run(study, SweepPreset.SMOKE, store, new LocalExecutor(2), (d, t, m) -> { });
        assertEquals(0, again.executed(), "a second sweep reuses every stored run");
    }
}
