package dev.muonlab.experiments.ns;

import dev.muonlab.MuonLabHome;
import dev.muonlab.data.FashionMnist;
import dev.muonlab.experiments.ResultStore;
import dev.muonlab.experiments.SweepRunner;
import dev.muonlab.gpt.NativeThreads;
import dev.muonlab.progress.ProgressListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Convergence versus Newton-Schulz step count on a real task (Kim &amp; Oh, arXiv 2601.19156, §5 and
 * App. G/H): the 784-512-256-10 MLP on Fashion-MNIST trained by SGD-M, Muon-SVD and Muon with q NS
 * steps. The runs go in parallel, one per core, each with one native thread, so each run's wall-clock
 * is that of one core, alike for every optimizer, and the numbers do not depend on the core count.
 */
public final class NsStepsStudy {

    /** Folder name under {@code data/results}. */
    public static final String NAME = "ns-steps";

    private NsStepsStudy() {
    }

    /**
     * @param config   the comparison. Not modified.
     * @param progress live progress in optimizer steps
     * @param onEpochs receives a snapshot of the epochs table after every epoch of every run (live chart)
     * @return the result (computed)
     * @throws UncheckedIOException when Fashion-MNIST cannot be read (the message says how to install it)
     */
    public static NsStepsResult run(NsStepsConfig config, ProgressListener progress, Consumer<Table> onEpochs) {
        return run(config, 0, SweepRunner.defaultThreads(), progress, onEpochs);
    }

    /** @return {@link #run(NsStepsConfig, ProgressListener, Consumer)} without reports */
    public static NsStepsResult run(NsStepsConfig config) {
        return run(config, ProgressListener.NONE, t -> { });
    }

    /** Reloads the saved result of this exact configuration from {@code data/results/ns-steps}, or computes and saves it. */
    public static NsStepsResult runOrLoad(NsStepsConfig config, ProgressListener progress, Consumer<Table> onEpochs) {
        Path dir = MuonLabHome.results(NAME);
        try {
            Optional<Map<String, Table>> saved = ResultStore.load(dir, config, "curves", "epochs");
            if (saved.isPresent()) {
                return new NsStepsResult(config, saved.get().get("curves"), saved.get().get("epochs"), true);
            }
            NsStepsResult result = run(config, progress, onEpochs);
            ResultStore.save(dir, config, result.tables());
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write results in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param config       the comparison. Not modified.
     * @param nuclearEvery measure ‖∇W₁‖_* every this many steps (0: never)
     * @param threads      runs at a time (1: one after another); see {@link #runInParallel}
     * @param progress     live progress in optimizer steps (called from worker threads)
     * @param onEpochs     receives a snapshot of the epochs table of the runs so far after every epoch
     *                     (called from worker threads, one call at a time, snapshots in order)
     * @return the result, its rows in the order of {@code config.variants()} whatever the thread count
     */
    public static NsStepsResult run(NsStepsConfig config, int nuclearEvery, int threads, ProgressListener progress,
                                    Consumer<Table> onEpochs) {
        FashionMnist.Split[] data = load(config);
        Table live = emptyEpochs();
        List<MlpVariant> variants = config.variants();
        List<Integer> order = new ArrayList<>();                    // costliest first, so that it does not run alone at the end
        for (int i = 0; i < variants.size(); i++) {
            order.add(i);
        }
        order.sort(java.util.Comparator.comparingInt(i -> variants.get(i).kind() == MlpVariant.Kind.MUON_SVD ? 0 : 1));
        List<SweepRunner.Task<Table[]>> tasks = new ArrayList<>();
        long units = (long) config.epochs() * config.stepsPerEpoch();
        for (int i : order) {
            MlpVariant variant = variants.get(i);
            tasks.add(new SweepRunner.Task<>(variant.label(), units, advance -> {
                Table[] mine = {emptyCurves(), emptyEpochs()};
                MlpTraining.train(config, variant, data[0], data[1], nuclearEvery, new TableRecorder(variant.label(), mine[0], mine[1]) {
                    @Override
                    public void epoch(int epoch, double seconds, double trainLoss, double testLoss, double acc, double nuc) {
                        super.epoch(epoch, seconds, trainLoss, testLoss, acc, nuc);
                        synchronized (live) {
                            live.append(mine[1].inRange(mine[1].rowCount() - 1, mine[1].rowCount()));
                            onEpochs.accept(live.copy());
                        }
                    }
                }, advance);
                return mine;
            }));
        }
        List<Table[]> done = runInParallel(tasks, threads, progress);
        Table curves = emptyCurves();
        Table epochs = emptyEpochs();
        for (int i = 0; i < variants.size(); i++) {
            Table[] t = done.get(order.indexOf(i));
            curves.append(t[0]);
            epochs.append(t[1]);
        }
        return new NsStepsResult(config, curves, epochs, false);
    }

    /**
     * Runs independent training runs {@code threads} at a time (Issue 5: "independent runs of a sweep
     * run in parallel on the available cores"), every run with one ND4J op thread and one OpenBLAS
     * thread, restored afterwards. One thread per run because (a) OpenMP teams of parallel runs
     * contending for the same cores are slower than one thread per run, and (b) how BLAS and
     * reductions split work among threads changes float rounding (measured: the smoke losses differ in
     * the 9th digit between 1 and 2 native threads), so with a fixed thread count per run the
     * results are bit-identical whatever {@code threads} is (NsStepsStudyTest checks this).
     *
     * @param threads runs at a time, ≥ 1
     * @return the results in task order
     */
    static <T> List<T> runInParallel(List<SweepRunner.Task<T>> tasks, int threads, ProgressListener progress) {
        int workers = Math.max(1, Math.min(threads, tasks.size()));
        int previous = NativeThreads.set(1);
        try {
            return SweepRunner.run(tasks, workers, progress, r -> { });
        } finally {
            NativeThreads.set(previous);
        }
    }

    /** @return {train, test}, checked against the configuration's sizes */
    static FashionMnist.Split[] load(NsStepsConfig config) {
        FashionMnist.Split train;
        FashionMnist.Split test;
        try {
            train = FashionMnist.train();
            test = FashionMnist.test();
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        if (config.trainSize() > train.size() || config.testSize() > test.size()) {
            throw new IllegalArgumentException("Fashion-MNIST has " + train.size() + " training and " + test.size()
                    + " test examples; asked for " + config.trainSize() + " and " + config.testSize());
        }
        return new FashionMnist.Split[] {train, test};
    }

    static Table emptyCurves() {
        return Table.create("curves", StringColumn.create("variant"), IntColumn.create("step"),
                DoubleColumn.create("epoch"), DoubleColumn.create("seconds"), DoubleColumn.create("trainLoss"));
    }

    static Table emptyEpochs() {
        return Table.create("epochs", StringColumn.create("variant"), IntColumn.create("epoch"),
                DoubleColumn.create("seconds"), DoubleColumn.create("trainLoss"), DoubleColumn.create("testLoss"),
                DoubleColumn.create("testAccuracy"), DoubleColumn.create("nuclearNormW1"));
    }

    /** Appends one run's points to its own tables (one thread per recorder). */
    private static class TableRecorder implements MlpTraining.Recorder {
        private final String label;
        private final Table curves;
        private final Table epochs;

        TableRecorder(String label, Table curves, Table epochs) {
            this.label = label;
            this.curves = curves;
            this.epochs = epochs;
        }

        @Override
        public void curve(int step, double epoch, double seconds, double trainLoss) {
            curves.stringColumn(0).append(label);
            curves.intColumn(1).append(step);
            curves.doubleColumn(2).append(epoch);
            curves.doubleColumn(3).append(seconds);
            curves.doubleColumn(4).append(trainLoss);
        }

        @Override
        public void epoch(int epoch, double seconds, double trainLoss, double testLoss, double acc, double nuc) {
            epochs.stringColumn(0).append(label);
            epochs.intColumn(1).append(epoch);
            epochs.doubleColumn(2).append(seconds);
            epochs.doubleColumn(3).append(trainLoss);
            epochs.doubleColumn(4).append(testLoss);
            epochs.doubleColumn(5).append(acc);
            epochs.doubleColumn(6).append(nuc);
        }
    }
}
