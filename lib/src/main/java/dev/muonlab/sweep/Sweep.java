package dev.muonlab.sweep;

import dev.muonlab.progress.ProgressListener;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The sweep driver: lists a study's runs for a preset, skips those whose results are stored and
 * verify ({@link RunStore}), executes the rest ({@link SweepExecutor}), stores each result as it
 * arrives, and returns every run's result as one table. An interrupted sweep, started again,
 * executes only what is missing.
 */
public final class Sweep {

    private Sweep() {
    }

    /**
     * @param results  one row per run of the sweep that has a stored result: {@code run} (the spec's
     *                 hash), one column per parameter (numeric where every value is a number), one per metric
     * @param executed runs executed by this call
     * @param skipped  runs whose stored results were reused
     * @param specs    every run of the sweep, all stages, in order (for {@link #curves})
     */
    public record Outcome(Table results, int executed, int skipped, List<RunSpec> specs) {
    }

    /**
     * @param study    the study. Not modified.
     * @param preset   its size
     * @param store    where results are. Modified: each executed run's result is stored.
     * @param executor where runs execute
     * @param listener the overall progress line
     * @return the results of every run of the preset
     * @throws SweepFailure when a run throws (the finished ones are stored)
     */
    public static Outcome run(Study study, SweepPreset preset, RunStore store, SweepExecutor executor,
                              ProgressListener listener) {
        return run(study, preset, 1, store, executor, listener);
    }

    /**
     * {@link #run(Study, SweepPreset, RunStore, SweepExecutor, ProgressListener)} at
     * {@link Study#specs(SweepPreset, int)}'s scale K (K = 1: the committed size). Later stages
     * ({@link Study#nextStage}) follow the first, each run once its predecessor is stored.
     */
    public static Outcome run(Study study, SweepPreset preset, int scale, RunStore store, SweepExecutor executor,
                              ProgressListener listener) {
        List<RunSpec> all = new ArrayList<>(checkedSpecs(study, study.specs(preset, scale)));
        Set<String> listed = new HashSet<>();
        all.forEach(s -> listed.add(s.hash()));
        int executed = 0;
        List<RunSpec> stage = all;
        while (!stage.isEmpty()) {
            executed += runStage(study, stage, store, executor, listener);
            stage = nextStage(study, preset, all, listed, store);
        }
        return new Outcome(results(all, store), executed, all.size() - executed, List.copyOf(all));
    }

    /**
     * The stored results of a preset's runs, every stage, executing nothing: what a notebook shows of
     * committed results (a stage whose runs are missing adds no rows).
     *
     * @param study  the study. Not modified.
     * @param preset its size
     * @param store  where results are. Not modified.
     * @return the stored results, with executed = 0 and skipped = the runs found
     */
    public static Outcome load(Study study, SweepPreset preset, RunStore store) {
        List<RunSpec> all = new ArrayList<>(checkedSpecs(study, preset));
        Set<String> listed = new HashSet<>();
        all.forEach(s -> listed.add(s.hash()));
        while (!nextStage(study, preset, all, listed, store).isEmpty()) {
            // each call appends the next stage's new runs to all
        }
        Table results = results(all, store);
        return new Outcome(results, 0, results.rowCount(), List.copyOf(all));
    }

    /**
     * @param all    the runs listed so far. Modified: the next stage's new runs are appended.
     * @param listed their hashes. Modified likewise.
     * @return the next stage's runs not listed before (none: the sweep is complete)
     */
    private static List<RunSpec> nextStage(Study study, SweepPreset preset, List<RunSpec> all, Set<String> listed,
                                           RunStore store) {
        List<RunSpec> next = new ArrayList<>();
        for (RunSpec s : checked(study, study.nextStage(preset, results(all, store)))) {
            if (listed.add(s.hash())) {
                next.add(s);
            }
        }
        all.addAll(next);
        return next;
    }

    /** Executes the runs of {@code stage} that are not stored yet; @return how many it executed */
    private static int runStage(Study study, List<RunSpec> stage, RunStore store, SweepExecutor executor,
                                ProgressListener listener) {
        List<RunSpec> pending = new ArrayList<>();
        long units = 0;
        for (RunSpec s : stage) {
            if (!store.has(s)) {
                pending.add(s);
                units += study.cost(s);
            }
        }
        SweepProgress progress = new SweepProgress(listener, stage.size(), stage.size() - pending.size(), units);
        executor.execute(study, pending, progress, store::save);
        return pending.size();
    }

    /**
     * The stored results of {@code specs} as one table (runs without a stored result are left out).
     *
     * @param specs the runs. Not modified.
     * @param store where results are. Not modified.
     */
    public static Table results(List<RunSpec> specs, RunStore store) {
        List<RunSpec> found = new ArrayList<>();
        List<RunResult> results = new ArrayList<>();
        for (RunSpec s : specs) {
            Optional<RunResult> r = store.load(s);
            if (r.isPresent()) {
                found.add(s);
                results.add(r.get());
            }
        }
        Set<String> params = new LinkedHashSet<>();
        Set<String> metrics = new LinkedHashSet<>();
        found.forEach(s -> params.addAll(s.params().keySet()));
        results.forEach(r -> metrics.addAll(r.metrics().keySet()));
        Table t = Table.create(specs.isEmpty() ? "sweep" : specs.get(0).study());
        t.addColumns(StringColumn.create("run", found.stream().map(RunSpec::hash).toList()));
        for (String p : params) {
            List<String> values = found.stream().map(s -> s.params().get(p)).toList();
            t.addColumns(parameterColumn(p, values));
        }
        for (String m : metrics) {
            DoubleColumn c = DoubleColumn.create(params.contains(m) ? "result." + m : m);   // never two columns of one name
            results.forEach(r -> c.append(r.metrics().getOrDefault(m, Double.NaN)));
            t.addColumns(c);
        }
        return t;
    }

    /**
     * Every stored run's curve, stacked, with the run's hash in a first column {@code run}.
     *
     * @param specs the runs. Not modified.
     * @param store where results are. Not modified.
     */
    public static Table curves(List<RunSpec> specs, RunStore store) {
        Table all = null;
        for (RunSpec s : specs) {
            Optional<RunResult> r = store.load(s);
            if (r.isEmpty() || r.get().curve() == null) {
                continue;
            }
            Table c = r.get().curve().copy();
            c.insertColumn(0, StringColumn.create("run", java.util.Collections.nCopies(c.rowCount(), s.hash())));
            all = all == null ? c : all.append(c);
        }
        return all == null ? Table.create("curves", StringColumn.create("run")) : all.setName("curves");
    }

    /** @return the study's specs for {@code preset}, refused when two runs share a spec */
    static List<RunSpec> checkedSpecs(Study study, SweepPreset preset) {
        return checkedSpecs(study, study.specs(preset));
    }

    /** @return {@code specs}, refused when two runs share a spec or one belongs to another study */
    static List<RunSpec> checkedSpecs(Study study, List<RunSpec> specs) {
        checked(study, specs);
        Set<String> seen = new HashSet<>();
        for (RunSpec s : specs) {
            if (!seen.add(s.hash())) {
                throw new IllegalArgumentException("study " + study.name() + " lists the run " + s + " twice");
            }
        }
        return specs;
    }

    /** @return {@code specs}, refused when one of them belongs to another study */
    private static List<RunSpec> checked(Study study, List<RunSpec> specs) {
        for (RunSpec s : specs) {
            if (!s.study().equals(study.name())) {
                throw new IllegalArgumentException("study " + study.name() + " listed a run of study " + s.study());
            }
        }
        return specs;
    }

    private static Column<?> parameterColumn(String name, List<String> values) {
        boolean numeric = values.stream().allMatch(v -> v == null || isNumber(v));
        if (!numeric) {
            return StringColumn.create(name, values.stream().map(v -> v == null ? "" : v).toList());
        }
        DoubleColumn c = DoubleColumn.create(name);
        values.forEach(v -> c.append(v == null ? Double.NaN : Double.parseDouble(v)));
        return c;
    }

    private static boolean isNumber(String v) {
        try {
            Double.parseDouble(v);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
