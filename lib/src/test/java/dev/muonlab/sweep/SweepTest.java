package dev.muonlab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class SweepTest {

    @TempDir
    Path dir;

    private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());

    private RunStore store() {
        return new RunStore(dir, warnings::add);
    }

    @Test
    void runsEverySpecOnceThenReusesTheStoredResults() {
        ArithmeticStudy study = new ArithmeticStudy(6);
        Sweep.Outcome first = Sweep.run(study, SweepPreset.SMOKE, store(), new LocalExecutor(2), (d, t, m) -> events.add(d + "/" + t + " " + m));
        assertEquals(6, first.executed());
        assertEquals(0, first.skipped());
        assertEquals(6, study.executions.get());
        assertEquals("60/60 all 6 runs done", events.get(events.size() - 1));
        assertTrue(events.stream().anyMatch(e -> e.contains("run 1 of 6")), events.toString());

        Sweep.Outcome second = Sweep.run(study, SweepPreset.SMOKE, store(), new LocalExecutor(2), (d, t, m) -> { });
        assertEquals(0, second.executed());
        assertEquals(6, second.skipped());
        assertEquals(6, study.executions.get());
        assertEquals(first.results().toString(), second.results().toString());
        assertEquals(List.of(), warnings);
    }

    @Test
    void theTableHoldsParametersAndMetricsInSpecOrder() {
        Table t = Sweep.run(new ArithmeticStudy(4), SweepPreset.SMOKE, store(), new LocalExecutor(3), (d, tot, m) -> { }).results();
        // parameters sorted by name, then the metrics (sorted by name once stored)
        assertEquals(List.of("run", "kind", "seed", "x", "shifted", "square"), t.columnNames());
        for (int i = 0; i < 4; i++) {
            double x = t.doubleColumn("x").getDouble(i);
            assertEquals(i + 1, x);
            assertEquals(x * x, t.doubleColumn("square").getDouble(i));
            assertEquals(x + 7, t.doubleColumn("shifted").getDouble(i));
            assertEquals(x % 2 == 0 ? "even" : "odd", t.stringColumn("kind").get(i));
        }
        Table curves = Sweep.curves(new ArithmeticStudy(4).specs(SweepPreset.SMOKE), store());
        assertEquals(12, curves.rowCount());
        assertEquals(3 * 4, curves.doubleColumn("y").getDouble(11));
    }

    @Test
    void theResultsDoNotDependOnTheThreadCount() {
        Table one = Sweep.run(new ArithmeticStudy(5), SweepPreset.SMOKE, new RunStore(dir.resolve("a"), warnings::add),
                new LocalExecutor(1), (d, t, m) -> { }).results();
        Table three = Sweep.run(new ArithmeticStudy(5), SweepPreset.SMOKE, new RunStore(dir.resolve("b"), warnings::add),
                new LocalExecutor(3), (d, t, m) -> { }).results();
        assertEquals(one.toString(), three.toString());
    }

    /** A run that throws stops the sweep with its name; what finished is kept, and the next start runs only the rest. */
    @Test
    void anInterruptedSweepContinuesWhereItStopped() {
        ArithmeticStudy study = new ArithmeticStudy(8);
        study.failOn.add(5);
        SweepFailure f = assertThrows(SweepFailure.class,
                () -> Sweep.run(study, SweepPreset.SMOKE, store(), new LocalExecutor(1), (d, t, m) -> { }));
        assertTrue(f.getMessage().contains("x=5") && f.getMessage().contains("told to fail"), f.getMessage());
        assertEquals(4, study.executions.get());                   // one thread: x = 1..4 ran, 6..8 never started
        study.failOn.clear();
        Sweep.Outcome rest = Sweep.run(study, SweepPreset.SMOKE, store(), new LocalExecutor(2), (d, t, m) -> { });
        assertEquals(4, rest.executed());
        assertEquals(4, rest.skipped());
        assertEquals(8, study.executions.get());
        assertEquals(8, rest.results().rowCount());
    }

    @Test
    void aStudyListingARunTwiceIsRefused() {
        Study twice = new ArithmeticStudy(2) {
            @Override
            public List<RunSpec> specs(SweepPreset preset) {
                return List.of(super.specs(preset).get(0), super.specs(preset).get(0));
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Sweep.run(twice, SweepPreset.SMOKE, store(), new LocalExecutor(1), (d, t, m) -> { }));
        assertTrue(e.getMessage().contains("twice"), e.getMessage());
    }
}
