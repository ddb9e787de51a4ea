package dev.muonlab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** A study's later stages ({@link Study#nextStage}): run after the first, resumable, refused when foreign. */
class SweepStagesTest {

    @TempDir
    Path dir;

    /** Stage 1: x = 1..4 at seed 7; stage 2: the x with the largest square at seeds 8 and 9, plus a repeat. */
    static class StagedStudy extends ArithmeticStudy {
        final List<Integer> stageCalls = new ArrayList<>();
        String foreign;

        StagedStudy() {
            super(4);
        }

        @Override
        public List<RunSpec> nextStage(SweepPreset preset, Table results) {
            stageCalls.add(results.rowCount());
            if (foreign != null) {
                return List.of(RunSpec.of(foreign, Map.of("x", 1)));
            }
            int best = (int) results.doubleColumn("x").max();
            List<RunSpec> next = new ArrayList<>();
            next.add(RunSpec.of("arithmetic", Map.of("x", best, "seed", 7, "kind", best % 2 == 0 ? "even" : "odd")));
            for (int seed : new int[] {8, 9}) {
                next.add(RunSpec.of("arithmetic", Map.of("x", best, "seed", seed, "kind", best % 2 == 0 ? "even" : "odd")));
            }
            return next;
        }
    }

    @Test
    void theSecondStageRunsOnTheFirstStagesResultsThenTheSweepStops() {
        StagedStudy study = new StagedStudy();
        Sweep.Outcome first = Sweep.run(study, SweepPreset.SMOKE, new RunStore(dir, w -> { }), new LocalExecutor(2),
                (d, t, m) -> { });
        assertEquals(6, first.executed());                 // 4, then x = 4 at seeds 8 and 9 (seed 7 was stored)
        assertEquals(6, first.results().rowCount());
        assertEquals(6, first.specs().size());
        assertEquals(List.of(4, 6), study.stageCalls);     // called after each stage, with every result so far
        assertEquals(List.of(16.0, 16.0), first.results().where(first.results().doubleColumn("seed").isGreaterThan(7))
                .doubleColumn("square").asList());

        StagedStudy again = new StagedStudy();
        Sweep.Outcome second = Sweep.run(again, SweepPreset.SMOKE, new RunStore(dir, w -> { }), new LocalExecutor(2),
                (d, t, m) -> { });
        assertEquals(0, second.executed());
        assertEquals(6, second.skipped());
        assertEquals(0, again.executions.get());
        assertEquals(first.results().toString(), second.results().toString());
    }

    @Test
    void aLaterStageListingAnotherStudysRunIsRefused() {
        StagedStudy study = new StagedStudy();
        study.foreign = "elsewhere";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sweep.run(study, SweepPreset.SMOKE,
                new RunStore(dir, w -> { }), new LocalExecutor(1), (d, t, m) -> { }));
        assertEquals("study arithmetic listed a run of study elsewhere", e.getMessage());
    }
}
