package dev.muonlab.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.muonlab.scaling.Telescoping;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The telescoping study: Algorithm 1's stages on a known objective, its read-out, and one real smoke sweep. */
class TelescopingStudyTest {

    /** Round-off of exact parabola vertices and a two-parameter line fit. */
    private static final double EXACT = 1e-9;

    @TempDir
    Path dir;

    /**
     * The objective of the stage test: loss = 2 + (x − a(n))² + 0.1·(y + 2)² in log₂ units, with
     * a(n) = 0.7 − 48/n (Eq. 4 with x∞ = 0.7, α = 48): a(64) = −0.05, a(128) = 0.325, a(256) = 0.5125.
     */
    private static double loss(RunSpec s) {
        double x = Math.log(s.getDouble("lr_multiplier")) / Math.log(2);
        double y = Math.log(s.getDouble("weight_decay") / TelescopingStudy.BASE_DECAY) / Math.log(2);
        double a = 0.7 - 48.0 / s.getInt("width");
        return 2 + (x - a) * (x - a) + 0.1 * (y + 2) * (y + 2);
    }

    /** Appends a result row per spec not yet in {@code t} (modified): the objective, 1 s each. */
    private static void store(Table t, List<RunSpec> specs) {
        for (RunSpec s : specs) {
            if (!t.stringColumn("run").contains(s.hash())) {
                t.stringColumn("run").append(s.hash());
                t.doubleColumn("final_val_loss").append(loss(s));
                t.doubleColumn("diverged").append(0);
                t.doubleColumn("seconds").append(1);
            }
        }
    }

    @Test
    void theStagesShrinkByFourToTheMinusOneOverKAroundThePreviousOptimumOnTheBaseMesh() {
        TelescopingStudy study = new TelescopingStudy();
        TelescopingStudy.Size size = TelescopingStudy.size(SweepPreset.FULL);
        List<Telescoping.Stage> stages = TelescopingStudy.stages(size);
        assertEquals(3, stages.size());
        for (Telescoping.Stage s : stages) {
            assertEquals(5 * Math.pow(4, -s.doublings() / 2.0), s.exactPoints(), EXACT);     // m·4^(−s/k), k = 2
            assertEquals(64L << s.doublings(), s.width());
        }
        assertEquals(List.of(5, 3, 1), stages.stream().map(Telescoping.Stage::points).toList());

        Table t = Table.create("r", StringColumn.create("run"), DoubleColumn.create("final_val_loss"),
                DoubleColumn.create("diverged"), DoubleColumn.create("seconds"));
        List<RunSpec> first = study.specs(SweepPreset.FULL);
        assertEquals(50, first.size());                                       // 5×5 at 64 and the full 5×5 at 256
        assertTrue(study.nextStage(SweepPreset.FULL, t).isEmpty(), "nothing before stage 0 is in");
        store(t, first);
        List<RunSpec> stage1 = study.nextStage(SweepPreset.FULL, t);
        assertEquals(9, stage1.size());
        // stage 0's best is (0, −2); stage 1: 3×3 at 128 with the base mesh steps (1 octave, 2 octaves) around it
        assertEquals(List.of(0.5, 0.5, 0.5, 1.0, 1.0, 1.0, 2.0, 2.0, 2.0),
                stage1.stream().map(s -> s.getDouble("lr_multiplier")).toList());
        assertEquals(List.of(0.00625, 0.025, 0.1), stage1.subList(0, 3).stream().map(s -> s.getDouble("weight_decay")).toList());
        stage1.forEach(s -> assertEquals(128, s.getInt("width")));
        store(t, stage1);
        List<TelescopingStudy.Walked> walked = study.walk(size, t);
        assertEquals(3, walked.size());
        List<RunSpec> stage2 = walked.get(2).specs();
        assertEquals(1, stage2.size());                                       // 1×1 at 256 on stage 1's best (0, −2)
        assertEquals(256, stage2.get(0).getInt("width"));
        assertEquals(1.0, stage2.get(0).getDouble("lr_multiplier"));
        assertEquals(0.025, stage2.get(0).getDouble("weight_decay"));
        assertTrue(first.contains(stage2.get(0)), "the 1×1 point is a point of the full grid: one run serves both");
        assertTrue(walked.get(2).complete(), "so it is in already");
        assertTrue(study.nextStage(SweepPreset.FULL, t).isEmpty(), "every stage is in");
        double[][] around = TelescopingStudy.axes(3, new double[] {2, -2});
        assertArrayEquals(new double[] {1, 2, 3}, around[0], EXACT);
        assertArrayEquals(new double[] {-4, -2, 0}, around[1], EXACT);

        Table summary = TelescopingAnalysis.summary(study, size, t);
        System.out.println(summary.printAll());
        assertEquals(List.of("telescoping s=0", "telescoping s=1", "telescoping s=2", "telescoping total", "full grid",
                "Eq. 4 fit, log2 lr", "Eq. 4 fit, log2 wd"), summary.stringColumn("search").asList());
        assertEquals(List.of(25, 9, 1, 35, 25), summary.intColumn("runs").asList().subList(0, 5));
        double d = 160.0 * 12 * 64;
        double n64 = 12.0 * 4 * 64 * 64;
        double telescopingFlops = 6 * d * (25 * n64 + 9 * 4 * n64 + 16 * n64);
        assertEquals(telescopingFlops, summary.doubleColumn("flops").get(3), telescopingFlops * EXACT);
        assertEquals(6 * d * 25 * 16 * n64, summary.doubleColumn("flops").get(4), telescopingFlops * EXACT);
        assertEquals(-0.05, summary.doubleColumn("log2_lr").get(0), EXACT);   // refined optima: exact parabolas
        assertEquals(0.325, summary.doubleColumn("log2_lr").get(1), EXACT);
        assertEquals(0.5125, summary.doubleColumn("log2_lr").get(4), EXACT);
        assertEquals(Math.log(0.025) / Math.log(2), summary.doubleColumn("log2_wd").get(4), EXACT);
        assertEquals(0.7, summary.doubleColumn("log2_lr").get(5), EXACT);      // Eq. 4's x∞ recovered
        assertTrue(summary.stringColumn("note").get(5).contains("x∞ = 0.700, α = 48.0"), summary.stringColumn("note").get(5));
        assertTrue(summary.stringColumn("note").get(5).contains("= 0.50 (Eq. 4: 0.5)"), summary.stringColumn("note").get(5));
        double gap = 0.5125 * 0.5125 - 0.4875 * 0.4875;                       // telescoping ends at x = 0, the full grid at 1
        assertTrue(summary.stringColumn("note").get(3).contains(Verdicts.fmt("%.4f nats above", gap)), summary.stringColumn("note").get(3));
    }

    @Test
    void loadingFromAnEmptyStoreListsTheFirstStageAndSummarizesNothing() {
        for (Study study : List.of(new TelescopingStudy(), new WidthTransferStudy())) {
            Sweep.Outcome none = Sweep.load(study, SweepPreset.FULL, new RunStore(dir, w -> { }));
            assertEquals(0, none.results().rowCount());
            assertEquals(study.specs(SweepPreset.FULL), none.specs());
            assertEquals(0, study.summary(SweepPreset.FULL, none.results(), null).orElseThrow().rowCount());
        }
    }

    @Test
    void theSmokeSweepRunsEveryStageOnRealTraining() {
        TelescopingStudy study = new TelescopingStudy();
        long t0 = System.nanoTime();
        Sweep.Outcome out = Sweep.run(study, SweepPreset.SMOKE, new RunStore(dir, w -> { }), new LocalExecutor(2),
                (d, t, m) -> { });
        Table summary = study.summary(SweepPreset.SMOKE, out.results(), null).orElseThrow();
        System.out.printf("telescoping SMOKE: %d runs in %.1f s%n%s%n", out.results().rowCount(),
                (System.nanoTime() - t0) / 1e9, summary.printAll());
        List<String> searches = new ArrayList<>(summary.stringColumn("search").asList());
        assertEquals(List.of("telescoping s=0", "telescoping s=1", "telescoping total", "full grid"), searches.subList(0, 4));
        assertEquals(out.executed(), out.results().rowCount());
        assertTrue(out.executed() == 18 || out.executed() == 19, "9 + 9, and the 1×1 unless the full grid holds it");
        assertTrue(summary.doubleColumn("seconds").get(2) > 0);
        assertTrue(summary.stringColumn("note").get(2).contains("of the full grid's FLOPs"), summary.stringColumn("note").get(2));
    }
}
