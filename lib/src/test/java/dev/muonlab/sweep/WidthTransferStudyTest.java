package dev.muonlab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The width-transfer study: its grid, stages, read-out rules and one real smoke sweep. */
class WidthTransferStudyTest {

    /** Round-off of exact parabola vertices and their means. */
    private static final double EXACT = 1e-12;
    /** The class comment's cost figures are rounded to a tenth of a thread-second here. */
    private static final double COST_ROUNDING = 0.1;

    @TempDir
    Path dir;

    @Test
    void theFullFirstStageIsEveryCellAtFiveMultipliersAndItsSpecTextIsPinned() {
        List<RunSpec> specs = new WidthTransferStudy().specs(SweepPreset.FULL);
        assertEquals(2 * 2 * 4 * 5, specs.size());
        assertEquals("study=width-transfer\nbatch=12\nblock=64\neval_batches=4\neval_every=40\nheads=4\nlayers=4\n"
                + "lr_multiplier=0.25\noptimizer=adamw\nparameterization=sp\nseed=1\nsteps=160\nwidth=32\n",
                specs.get(0).canonicalText());
        assertEquals(Set.of("sp", "mup:128"), Set.copyOf(specs.stream().map(s -> s.get("parameterization")).toList()));
    }

    /** The class comment's cost figure follows from the cost model: stage 1 and ≈ 0.5 extensions and 6 seed runs per cell. */
    @Test
    void theFullPresetsEstimatedCostIsTheOneTheClassCommentStates() {
        double stage1 = new WidthTransferStudy().specs(SweepPreset.FULL).stream().mapToDouble(WidthRun::threadSeconds).sum();
        double all = WidthTransferStudy.estimatedThreadSeconds(SweepPreset.FULL, 0.5);
        System.out.printf("width-transfer FULL: stage 1 %.0f thread-s, all %.0f thread-s (%.0f min on 2 threads)%n",
                stage1, all, all / 120);
        assertEquals(3631.7, stage1, COST_ROUNDING);
        assertEquals(8352.8, all, COST_ROUNDING);
    }

    @Test
    void theSeedStageTakesTheBestAndItsTwoNeighboursShiftedInwardAtAnEdge() {
        double[] tried = {2, 0.25, 1, 0.5, 4};
        assertEquals(List.of(0.5, 1.0, 2.0), WidthTransferStudy.neighbourhood(tried, 1));
        assertEquals(List.of(0.25, 0.5, 1.0), WidthTransferStudy.neighbourhood(tried, 0.25));
        assertEquals(List.of(1.0, 2.0, 4.0), WidthTransferStudy.neighbourhood(tried, 4));
    }

    /**
     * Made-up stage-1 results, loss = 2 + (log₂ m − v)²: v = 3 (beyond the grid's top) for AdamW under SP
     * at width 256, v = 0.2 everywhere else.
     */
    @Test
    void aCellWhoseBestIsAtTheGridsEdgeExtendsItWhileEveryOtherCellAddsSeedsAtItsBestAndNeighbours() {
        WidthTransferStudy study = new WidthTransferStudy();
        RunStore store = new RunStore(dir, w -> { });
        List<RunSpec> first = study.specs(SweepPreset.FULL);
        for (RunSpec s : first) {
            double x = Math.log(s.getDouble("lr_multiplier")) / Math.log(2);
            boolean edgy = s.get("optimizer").equals("adamw") && s.get("parameterization").equals("sp") && s.getInt("width") == 256;
            double v = edgy ? 3 : 0.2;
            store.save(s, new RunResult(java.util.Map.of("final_val_loss", 2 + (x - v) * (x - v), "diverged", 0.0), null));
        }
        List<RunSpec> next = study.nextStage(SweepPreset.FULL, Sweep.results(first, store));
        assertEquals(1 + 15 * 3 * 3, next.size());
        List<RunSpec> extension = next.stream().filter(s -> s.getInt("width") == 256 && s.get("optimizer").equals("adamw")
                && s.get("parameterization").equals("sp")).toList();
        assertEquals(1, extension.size());
        assertEquals(8.0, extension.get(0).getDouble("lr_multiplier"));
        assertEquals(1, extension.get(0).getInt("seed"));
        List<RunSpec> cell = next.stream().filter(s -> s.getInt("width") == 64 && s.get("optimizer").equals("muon")
                && s.get("parameterization").equals("mup:128")).toList();
        assertEquals(Set.of(0.5, 1.0, 2.0), Set.copyOf(cell.stream().map(s -> s.getDouble("lr_multiplier")).toList()));
        assertEquals(Set.of(1L, 2L, 3L), Set.copyOf(cell.stream().map(s -> s.getLong("seed")).toList()));
    }

    @Test
    void theVerdictRulesReadTheDriftAgainstTwiceItsStandardError() {
        assertEquals(Verdicts.Verdict.REPRODUCED, WidthTransferAnalysis.stable(0.2, 0.1, false));        // 0.4 < 0.5
        assertEquals(Verdicts.Verdict.INCONCLUSIVE, WidthTransferAnalysis.stable(0.3, 0.15, false));    // 0.6 straddles
        assertEquals(Verdicts.Verdict.NOT_REPRODUCED, WidthTransferAnalysis.stable(-1.0, 0.2, false));  // 0.6 >= 0.5
        assertEquals(Verdicts.Verdict.INCONCLUSIVE, WidthTransferAnalysis.stable(0.0, 0.0, true));      // at an edge
        assertEquals(Verdicts.Verdict.REPRODUCED, WidthTransferAnalysis.drifts(-1.2, 0.2, false));      // 0.8 >= 0.75
        assertEquals(Verdicts.Verdict.INCONCLUSIVE, WidthTransferAnalysis.drifts(0.8, 0.2, false));
        assertEquals(Verdicts.Verdict.NOT_REPRODUCED, WidthTransferAnalysis.drifts(0.1, 0.1, false));   // 0.3 < 0.5
        assertEquals(Verdicts.Verdict.INCONCLUSIVE, WidthTransferAnalysis.drifts(-2, Double.NaN, false));
    }

    /** Seed 1 on the whole grid, seeds 2 and 3 on three points, each an exact parabola in log₂ m. */
    @Test
    void aCellsOptimumIsTheMeanOfItsSeedsParabolaVerticesAndTheDriftErrorCombinesBothEnds() {
        Table t = Table.create("r", DoubleColumn.create("lr_multiplier"), DoubleColumn.create("seed"),
                DoubleColumn.create("final_val_loss"), DoubleColumn.create("diverged"));
        double[] vertex = {0.3, 0.1, 0.2};          // each within half a step of 0: no seed's best at its window's edge
        for (int seed = 1; seed <= 3; seed++) {
            double[] grid = seed == 1 ? new double[] {-2, -1, 0, 1, 2} : new double[] {-1, 0, 1};
            for (double x : grid) {
                t.doubleColumn("lr_multiplier").append(Math.pow(2, x));
                t.doubleColumn("seed").append(seed);
                t.doubleColumn("final_val_loss").append(2 + 0.3 * (x - vertex[seed - 1]) * (x - vertex[seed - 1]));
                t.doubleColumn("diverged").append(0);
            }
        }
        WidthTransferAnalysis.Cell c = WidthTransferAnalysis.optimum(t);
        assertEquals(0.2, c.optimum(), EXACT);
        assertEquals(0.1, c.sd(), EXACT);
        assertEquals(3, c.seeds());
        assertTrue(!c.atEdge());
        WidthTransferAnalysis.Cell other = new WidthTransferAnalysis.Cell(-0.6, 0.4, 2, false, 2.1);
        assertEquals(Math.sqrt(0.01 / 3 + 0.16 / 2), WidthTransferAnalysis.driftSe(c, other), EXACT);
    }

    @Test
    void theSmokeSweepRunsEveryStageOnRealTrainingAndGivesAVerdictPerArm() {
        WidthTransferStudy study = new WidthTransferStudy();
        long t0 = System.nanoTime();
        Sweep.Outcome out = Sweep.run(study, SweepPreset.SMOKE, new RunStore(dir, w -> { }), new LocalExecutor(2),
                (d, t, m) -> { });
        Table r = out.results();
        assertEquals(out.executed(), r.rowCount());
        for (String o : List.of("adamw", "muon")) {
            for (String p : List.of("sp", "mup:32")) {
                for (int w : List.of(16, 32)) {
                    Table cell = WidthTransferAnalysis.cell(r, o, p, w);
                    assertTrue(cell.where(cell.doubleColumn("seed").isEqualTo(1)).rowCount() >= 3, o + p + w);
                    assertEquals(3, cell.where(cell.doubleColumn("seed").isEqualTo(2)).rowCount(), o + p + w);
                }
            }
        }
        for (String o : List.of("adamw", "muon")) {                          // at the base width muP is SP, bit for bit
            Table sp = WidthTransferAnalysis.cell(r, o, "sp", 32).sortOn("seed", "lr_multiplier");
            Table mup = WidthTransferAnalysis.cell(r, o, "mup:32", 32).sortOn("seed", "lr_multiplier");
            assertEquals(sp.doubleColumn("lr_multiplier").asList(), mup.doubleColumn("lr_multiplier").asList(), o);
            assertEquals(sp.doubleColumn("final_val_loss").asList(), mup.doubleColumn("final_val_loss").asList(), o);
        }
        Table summary = study.summary(SweepPreset.SMOKE, r, null).orElseThrow();
        System.out.printf("width-transfer SMOKE: %d runs in %.1f s%n%s%n%s%n", r.rowCount(), (System.nanoTime() - t0) / 1e9,
                WidthTransferAnalysis.optima(r).printAll(), summary.printAll());
        assertEquals(4, summary.rowCount());
        StringColumn verdicts = summary.stringColumn("verdict");
        verdicts.forEach(v -> assertTrue(Set.of("reproduced", "not reproduced", "inconclusive").contains(v), v));
        Sweep.Outcome again = Sweep.run(study, SweepPreset.SMOKE, new RunStore(dir, w -> { }), new LocalExecutor(2),
                (d, t, m) -> { });
        assertEquals(0, again.executed());
        assertEquals(r.rowCount(), again.results().rowCount());
    }
}
