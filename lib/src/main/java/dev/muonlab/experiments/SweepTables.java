package dev.muonlab.experiments;

import dev.muonlab.progress.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The empty tables of a κ sweep with the column layout {@link StudyResult} documents, and
 * thread-safe appends (runs finish on worker threads).
 */
public final class SweepTables {

    final Table curves = Table.create("curves", DoubleColumn.create("kappa"), StringColumn.create("method"),
            IntColumn.create("iteration"), DoubleColumn.create("metric"), DoubleColumn.create("loss"));
    final Table summary = Table.create("summary", DoubleColumn.create("kappa"), StringColumn.create("method"),
            IntColumn.create("itersToEps"), BooleanColumn.create("reached"), IntColumn.create("iterations"),
            DoubleColumn.create("finalMetric"), BooleanColumn.create("diverged"));
    final Table modes = Table.create("modes", DoubleColumn.create("kappa"), StringColumn.create("method"),
            IntColumn.create("iteration"), IntColumn.create("mode"), DoubleColumn.create("lambda"),
            DoubleColumn.create("progress"));

    /** One run's rows, collected on its own thread and appended at once. */
    public static final class RunRows {
        final SweepTables rows = new SweepTables();
        private final double kappa;
        private final String method;

        public RunRows(double kappa, Method method) {
            this.kappa = kappa;
            this.method = method.label();
        }

        public void curve(int iteration, double metric, double loss) {
            rows.curves.doubleColumn(0).append(kappa);
            rows.curves.stringColumn(1).append(method);
            rows.curves.intColumn(2).append(iteration);
            rows.curves.doubleColumn(3).append(metric);
            rows.curves.doubleColumn(4).append(loss);
        }

        public void mode(int iteration, int mode, double lambda, double progress) {
            rows.modes.doubleColumn(0).append(kappa);
            rows.modes.stringColumn(1).append(method);
            rows.modes.intColumn(2).append(iteration);
            rows.modes.intColumn(3).append(mode);
            rows.modes.doubleColumn(4).append(lambda);
            rows.modes.doubleColumn(5).append(progress);
        }

        public void outcome(IterativeRun.Outcome o) {
            rows.summary.doubleColumn(0).append(kappa);
            rows.summary.stringColumn(1).append(method);
            rows.summary.intColumn(2).append(o.itersToEps());
            rows.summary.booleanColumn(3).append(o.itersToEps() >= 0);
            rows.summary.intColumn(4).append(o.iterations());
            rows.summary.doubleColumn(5).append(o.finalMetric());
            rows.summary.booleanColumn(6).append(o.diverged());
        }
    }

    /** Appends one finished run. Thread-safe. */
    public synchronized void add(RunRows run) {
        curves.append(run.rows.curves);
        summary.append(run.rows.summary);
        modes.append(run.rows.modes);
    }

    /** @return a snapshot copy (for live charts while the sweep goes on) */
    public synchronized Table curvesSnapshot() {
        return curves.copy();
    }

    /** @return the result, tables sorted by κ, method and iteration for stable output */
    public synchronized <C> StudyResult<C> result(C config) {
        return new StudyResult<>(config, curves.sortOn("kappa", "method", "iteration"),
                summary.sortOn("kappa", "method"), modes.sortOn("kappa", "method", "iteration", "mode"), false);
    }

    /** One run of a κ sweep: a (κ, method) pair to rows, reporting its iterations through {@code advance}. */
    @FunctionalInterface
    public interface KappaRun {
        RunRows run(double kappa, Method method, int recordEvery, LongConsumer advance);
    }

    /**
     * Runs every (κ, method) pair in parallel on the available cores and gathers the tables: the loop the
     * matrix-factorization and in-context-regression studies share.
     *
     * @param config        the study's config, stored in the result. Not modified.
     * @param kappas        the condition numbers, in order
     * @param methods       the optimizers compared
     * @param maxIterations each run's budget (curves keep about 1000 points of it)
     * @param runOne        one run
     * @param progress      live progress (iterations done of all budgets)
     * @param onCurves      receives a snapshot of the curves table each time a run finishes (a live chart)
     * @return the result (computed, never read from disk)
     */
    public static <C> StudyResult<C> kappaSweep(C config, List<Double> kappas, List<Method> methods, int maxIterations,
                                                KappaRun runOne, ProgressListener progress, Consumer<Table> onCurves) {
        SweepTables tables = new SweepTables();
        List<SweepRunner.Task<RunRows>> tasks = new ArrayList<>();
        int recordEvery = Math.max(1, maxIterations / 1000);
        for (double kappa : kappas) {
            for (Method method : methods) {
                tasks.add(new SweepRunner.Task<>("κ=" + kappaLabel(kappa) + " " + method.label(), maxIterations,
                        advance -> runOne.run(kappa, method, recordEvery, advance)));
            }
        }
        SweepRunner.run(tasks, SweepRunner.defaultThreads(), progress, run -> {
            tables.add(run);
            onCurves.accept(tables.curvesSnapshot());
        });
        return tables.result(config);
    }

    /** @return κ without a trailing ".0" when whole (labels and file names) */
    public static String kappaLabel(double kappa) {
        return kappa == Math.rint(kappa) && Math.abs(kappa) < 1e15 ? Long.toString((long) kappa) : Double.toString(kappa);
    }
}
