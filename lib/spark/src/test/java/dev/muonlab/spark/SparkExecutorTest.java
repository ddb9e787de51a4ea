package dev.muonlab.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.muonlab.sweep.LocalExecutor;
import dev.muonlab.sweep.RunResult;
import dev.muonlab.sweep.RunSpec;
import dev.muonlab.sweep.RunStore;
import dev.muonlab.sweep.Studies;
import dev.muonlab.sweep.Study;
import dev.muonlab.sweep.Sweep;
import dev.muonlab.sweep.SweepExecutor;
import dev.muonlab.sweep.SweepFailure;
import dev.muonlab.sweep.SweepPreset;
import dev.muonlab.sweep.SweepProgress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A real sweep on Spark in local mode (local[2], two task slots in this JVM): the batch-size study's
 * four smoke runs (seconds each) give the same results as on the local executor, a sweep split
 * between the two executors resumes under either, and a failing run is named.
 */
class SparkExecutorTest {

    /** Wall-clock metrics and curve columns: they differ between any two runs, on any executor. */
    private static final List<String> CLOCK = List.of("seconds", "train_seconds", "step_seconds", "elapsed_s", "train_s");

    @TempDir
    static Path dir;

    private static JavaSparkContext spark;
    private static Study study;
    private static List<RunSpec> specs;
    private static RunStore local;
    private static final List<String> warnings = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void startSparkAndRunTheSweepLocally() {
        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("muonlab-spark-test")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1");
        spark = new JavaSparkContext(conf);
        study = Studies.byName("batch-size");
        specs = study.specs(SweepPreset.SMOKE);
        local = store("local");
        Sweep.Outcome out = Sweep.run(study, SweepPreset.SMOKE, local, new LocalExecutor(2), (d, t, m) -> { });
        assertEquals(4, out.executed());
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void sparkRunsTheSweepToTheLocalExecutorsResults() {
        RunStore onSpark = store("spark");
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        Sweep.Outcome out = Sweep.run(study, SweepPreset.SMOKE, onSpark, new SparkExecutor(spark),
                (d, t, m) -> events.add(m));
        assertEquals(4, out.executed());
        assertEquals(0, out.skipped());
        assertEquals("all 4 runs done", events.get(events.size() - 1));
        assertSameResults(local, onSpark);
        assertEquals(List.of(), warnings);
    }

    /** Half the runs stored by the local executor, the rest on Spark; then the other way round. */
    @Test
    void aSweepSplitBetweenLocalAndSparkResumesUnderEither() throws IOException {
        RunStore split = store("split");
        for (RunSpec s : specs.subList(0, 2)) {
            copyTree(local.folder(s), split.folder(s));
        }
        Recording onSpark = new Recording(new SparkExecutor(spark));
        Sweep.Outcome out = Sweep.run(study, SweepPreset.SMOKE, split, onSpark, (d, t, m) -> { });
        assertEquals(2, out.executed());
        assertEquals(2, out.skipped());
        assertEquals(specs.subList(2, 4), onSpark.asked, "Spark runs only what is missing");
        assertEquals(Set.copyOf(specs.subList(2, 4)), Set.copyOf(onSpark.handedBack), "in the order they finished");
        assertSameResults(local, split);

        for (RunSpec s : specs.subList(0, 2)) {                       // now the locally made half is missing
            deleteTree(split.folder(s));
        }
        Recording onThreads = new Recording(new LocalExecutor(2));
        out = Sweep.run(study, SweepPreset.SMOKE, split, onThreads, (d, t, m) -> { });
        assertEquals(specs.subList(0, 2), onThreads.asked, "the local executor reuses Spark's results");
        assertEquals(2, out.skipped());
        assertSameResults(local, split);
        assertEquals(List.of(), warnings);
    }

    @Test
    void aFailingRunIsNamedAndTheOthersAreStored() {
        Studies.register(FailingStudy.NAME, FailingStudy::new);
        RunStore store = store("failing");
        SweepFailure f = assertThrows(SweepFailure.class, () -> Sweep.run(new FailingStudy(), SweepPreset.SMOKE, store,
                new SparkExecutor(spark), (d, t, m) -> { }));
        assertTrue(f.getMessage().contains("x=3") && f.getMessage().contains("told to fail"), f.getMessage());
        List<RunSpec> all = new FailingStudy().specs(SweepPreset.SMOKE);
        assertEquals(List.of(true, true, false, true), all.stream().map(store::has).toList());
        assertEquals(4.0, store.load(all.get(1)).orElseThrow().metric("square"));
    }

    /** A stop request cancels the Spark job: runs in flight end early, and only finished runs are stored. */
    @Test
    void aStopRequestCancelsTheJob() {
        Studies.register(WaitingStudy.NAME, WaitingStudy::new);
        RunStore store = store("stopped");
        SparkExecutor executor = new SparkExecutor(spark);
        long start = System.nanoTime();
        Sweep.Outcome out = Sweep.run(new WaitingStudy(), SweepPreset.SMOKE, store, executor, (d, t, m) -> {
            if (m.contains("done")) {
                executor.requestStop();                          // on the first finished run (x = 1)
            }
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(seconds < WaitingStudy.PATIENCE_S, "the runs in flight saw the stop: " + seconds + " s");
        List<RunSpec> all = new WaitingStudy().specs(SweepPreset.SMOKE);
        assertEquals(List.of(true, false, false, false), all.stream().map(store::has).toList());
        assertEquals(1, out.results().rowCount());
    }

    /** Asserts equal result tables and curves, wall-clock columns left out, every value exactly. */
    private static void assertSameResults(RunStore expected, RunStore actual) {
        assertSameTable(Sweep.results(specs, expected), Sweep.results(specs, actual));
        assertSameTable(Sweep.curves(specs, expected), Sweep.curves(specs, actual));
    }

    private static void assertSameTable(Table expected, Table actual) {
        List<String> names = expected.columnNames().stream().filter(n -> !CLOCK.contains(n)).toList();
        assertEquals(names, actual.columnNames().stream().filter(n -> !CLOCK.contains(n)).toList());
        assertEquals(expected.rowCount(), actual.rowCount());
        assertTrue(expected.rowCount() > 0);
        for (String n : names) {
            Column<?> e = expected.column(n);
            assertEquals(e.asList(), actual.column(n).asList(), "column " + n);
        }
    }

    private static RunStore store(String name) {
        return new RunStore(dir.resolve(name), warnings::add);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Collections.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** An executor that records what it was asked to run and what it handed back. */
    private static final class Recording implements SweepExecutor {
        final SweepExecutor inner;
        final List<RunSpec> asked = new ArrayList<>();
        final List<RunSpec> handedBack = Collections.synchronizedList(new ArrayList<>());

        Recording(SweepExecutor inner) {
            this.inner = inner;
        }

        @Override
        public void execute(Study s, List<RunSpec> pending, SweepProgress progress, Results results) {
            asked.addAll(pending);
            inner.execute(s, pending, progress, (spec, r) -> {
                handedBack.add(spec);
                results.finished(spec, r);
            });
        }

        @Override
        public String describe() {
            return "recording " + inner.describe();
        }

        @Override
        public void requestStop() {
            inner.requestStop();
        }
    }

    /** Four runs: x = 1 ends at once, the others wait for the stop request (at most PATIENCE_S seconds). */
    static final class WaitingStudy implements Study {
        static final String NAME = "spark-test-waiting";
        static final double PATIENCE_S = 30;

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public List<RunSpec> specs(SweepPreset preset) {
            return Stream.of(1, 2, 3, 4).map(x -> RunSpec.of(NAME, java.util.Map.of("x", x))).toList();
        }

        @Override
        public RunResult run(RunSpec spec, dev.muonlab.sweep.RunContext context) {
            long end = System.nanoTime() + (long) (PATIENCE_S * 1e9);
            while (spec.getInt("x") > 1 && !context.stopRequested().getAsBoolean() && System.nanoTime() < end) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return new RunResult(java.util.Map.of("x", (double) spec.getInt("x")), null);
        }
    }

    /** Four runs x = 1..4 that square x; x = 3 throws. Found by name on Spark's side, as any study. */
    static final class FailingStudy implements Study {
        static final String NAME = "spark-test-failing";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public List<RunSpec> specs(SweepPreset preset) {
            return Stream.of(1, 2, 3, 4).map(x -> RunSpec.of(NAME, java.util.Map.of("x", x))).toList();
        }

        @Override
        public RunResult run(RunSpec spec, dev.muonlab.sweep.RunContext context) {
            int x = spec.getInt("x");
            if (x == 3) {
                throw new IllegalStateException("run x=3 told to fail");
            }
            return new RunResult(java.util.Map.of("square", (double) x * x), null);
        }
    }
}
