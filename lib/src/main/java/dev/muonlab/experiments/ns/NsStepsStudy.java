package dev.muonlab.experiments.ns;

import dev.muonlab.MuonLabHome;
import dev.muonlab.data.FashionMnist;
import dev.muonlab.experiments.ResultStore;
import dev.muonlab.experiments.SweepRunner;
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
 * steps. Runs go one after another (not in parallel) so that their wall-clock times are comparable.
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
        return run(config, 0, progress, onEpochs);
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

    static NsStepsResult run(NsStepsConfig config, int nuclearEvery, ProgressListener progress, Consumer<Table> onEpochs) {
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
        Table curves = Table.create("curves", StringColumn.create("variant"), IntColumn.create("step"),
                DoubleColumn.create("epoch"), DoubleColumn.create("seconds"), DoubleColumn.create("trainLoss"));
        Table epochs = Table.create("epochs", StringColumn.create("variant"), IntColumn.create("epoch"),
                DoubleColumn.create("seconds"), DoubleColumn.create("trainLoss"), DoubleColumn.create("testLoss"),
                DoubleColumn.create("testAccuracy"), DoubleColumn.create("nuclearNormW1"));
        List<SweepRunner.Task<String>> tasks = new ArrayList<>();
        long units = (long) config.epochs() * config.stepsPerEpoch();
        for (MlpVariant variant : config.variants()) {
            tasks.add(new SweepRunner.Task<>(variant.label(), units, advance -> {
                MlpTraining.train(config, variant, train, test, nuclearEvery, new MlpTraining.Recorder() {
                    @Override
                    public void curve(int step, double epoch, double seconds, double trainLoss) {
                        synchronized (curves) {
                            curves.stringColumn(0).append(variant.label());
                            curves.intColumn(1).append(step);
                            curves.doubleColumn(2).append(epoch);
                            curves.doubleColumn(3).append(seconds);
                            curves.doubleColumn(4).append(trainLoss);
                        }
                    }

                    @Override
                    public void epoch(int epoch, double seconds, double trainLoss, double testLoss, double acc, double nuc) {
                        Table snapshot;
                        synchronized (curves) {
                            epochs.stringColumn(0).append(variant.label());
                            epochs.intColumn(1).append(epoch);
                            epochs.doubleColumn(2).append(seconds);
                            epochs.doubleColumn(3).append(trainLoss);
                            epochs.doubleColumn(4).append(testLoss);
                            epochs.doubleColumn(5).append(acc);
                            epochs.doubleColumn(6).append(nuc);
                            snapshot = epochs.copy();
                        }
                        onEpochs.accept(snapshot);
                    }
                }, advance);
                return variant.label();
            }));
        }
        SweepRunner.run(tasks, 1, progress, label -> { });
        return new NsStepsResult(config, curves, epochs, false);
    }
}
