package dev.muonlab.experiments.ns;

import dev.muonlab.MuonLabHome;
import dev.muonlab.data.FashionMnist;
import dev.muonlab.data.Whitening;
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
import org.nd4j.linalg.indexing.NDArrayIndex;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Kim &amp; Oh's rank experiment (arXiv 2601.19156, App. H.2): the mean nuclear norm of the first layer's
 * gradient ‖∇W₁‖_* over training versus the rank r of that gradient, on a log-log plot. There r is set
 * by the out-channels of the first conv; here by the width h of the MLP's first hidden layer
 * (∇W₁ is (h, 784), so r = min(h, 784) = h): Muon Lab's adaptation. Their slopes: SGD-M 0.292,
 * Muon-SVD 0.102, Muon NS q = 3 −0.106 (Theorem 3 vs Theorem 1: Muon removes a √r factor).
 *
 * <p>The pixels are ZCA-whitened ({@link Whitening}, fitted on the training subset) when
 * {@code whiteningEps > 0}: CifarNet's varied conv sees the output of a frozen whitening layer, and
 * measured here, on raw pixels (whose covariance is dominated by a few directions, so ∇W₁ has a low
 * effective rank whatever h is) every slope came out within ±0.05 of 0, while on whitened pixels
 * (ε = 0.01) SGD-M's slope was 0.25 against Muon-SVD's 0.05 and Muon NS's 0.13.
 *
 * @param base         training settings (variants and epochs are taken from here; hidden[0] is replaced)
 * @param widths       first-layer widths h (the ranks)
 * @param every        measure ‖∇W₁‖_* every this many steps
 * @param whiteningEps ε of the ZCA whitening of the inputs; 0 for raw pixels
 */
public record RankStudy(NsStepsConfig base, List<Integer> widths, int every, double whiteningEps) {

    public RankStudy {
        widths = List.copyOf(widths);
    }

    /**
     * The notebook's run: h ∈ {16, 32, 64, 128, 256}; SGD-M, Muon-SVD and Muon NS κ=2 q=3 as in Kim &amp; Oh's
     * Table 8; 8,192 whitened examples (ε = 0.01), 2 epochs (64 steps), ‖∇W₁‖_* of the mini-batch
     * gradient every 2nd step, averaged over training (their "epoch-averaged" norm). Sizes, epochs and
     * ε are Muon Lab's choice.
     */
    public static RankStudy paper() {
        return new RankStudy(NsStepsConfig.paper().withSizes(8_192, 1_000).withEpochs(2)
                .withVariants(List.of(MlpVariant.sgdMomentum(), MlpVariant.muonSvd(), MlpVariant.taylor(2, 3))),
                List.of(16, 32, 64, 128, 256), 2, 0.01);
    }

    /**
     * A few-second version: the 784-h-64-10 MLP, h ∈ {16, 64, 256}, 2,048 whitened examples, 2 epochs
     * (16 steps, every one measured), the same three optimizers. (With 4 steps the norms still reflect
     * the initialization: measured, all three slopes were 0.31-0.39.)
     */
    public static RankStudy smoke() {
        return new RankStudy(NsStepsConfig.smoke().withSizes(2_048, 500).withEpochs(2)
                .withVariants(List.of(MlpVariant.sgdMomentum(), MlpVariant.muonSvd(), MlpVariant.taylor(2, 3))),
                List.of(16, 64, 256), 1, 0.01);
    }

    /**
     * @param progress live progress in steps
     * @return variant, rank, nuclearNorm (mean over the measured steps)
     */
    public Table run(ProgressListener progress) {
        return run(SweepRunner.defaultThreads(), progress);
    }

    /**
     * @param threads  runs at a time (every width × variant is an independent run)
     * @param progress live progress in steps
     * @return variant, rank, nuclearNorm (mean over the measured steps), rows by width then variant
     */
    public Table run(int threads, ProgressListener progress) {
        FashionMnist.Split[] data = NsStepsStudy.load(base);
        if (whiteningEps > 0) {
            FashionMnist.Split train = data[0];
            Whitening w = Whitening.fit(train.images().get(NDArrayIndex.interval(0, base.trainSize()), NDArrayIndex.all()),
                    whiteningEps);
            data = new FashionMnist.Split[] {w.apply(train, base.trainSize()), w.apply(data[1], base.testSize())};
        }
        FashionMnist.Split[] inputs = data;
        List<SweepRunner.Task<Double>> tasks = new ArrayList<>();
        List<int[]> keys = new ArrayList<>();                          // {width, variant index}
        for (int h : widths) {
            List<Integer> hidden = new ArrayList<>(base.hidden());
            hidden.set(0, h);
            NsStepsConfig config = base.withHidden(hidden);
            for (int v = 0; v < base.variants().size(); v++) {
                MlpVariant variant = base.variants().get(v);
                keys.add(new int[] {h, v});
                tasks.add(new SweepRunner.Task<>("h=" + h + " " + variant.label(), (long) config.epochs() * config.stepsPerEpoch(),
                        advance -> {
                            double[] sum = {0};
                            int[] count = {0};
                            MlpTraining.train(config, variant, inputs[0], inputs[1], every, new MlpTraining.Recorder() {
                                @Override
                                public void curve(int step, double epoch, double seconds, double trainLoss) {
                                }

                                @Override
                                public void epoch(int epoch, double seconds, double trainLoss, double testLoss, double acc, double nuc) {
                                    if (epoch > 0) {
                                        sum[0] += nuc;
                                        count[0]++;
                                    }
                                }
                            }, advance);
                            return sum[0] / count[0];
                        }));
            }
        }
        List<Double> norms = NsStepsStudy.runInParallel(tasks, threads, progress);
        Table table = Table.create("rank", StringColumn.create("variant"), IntColumn.create("rank"),
                DoubleColumn.create("nuclearNorm"));
        for (int i = 0; i < keys.size(); i++) {
            table.stringColumn(0).append(base.variants().get(keys.get(i)[1]).label());
            table.intColumn(1).append(keys.get(i)[0]);
            table.doubleColumn(2).append(norms.get(i));
        }
        return table;
    }

    /** Reloads the saved table of this exact configuration, or computes and saves it. */
    public Table runOrLoad(ProgressListener progress) {
        Path dir = MuonLabHome.results("ns-rank");
        try {
            Optional<Map<String, Table>> saved = ResultStore.load(dir, this, "rank");
            if (saved.isPresent()) {
                return saved.get().get("rank");
            }
            Table table = run(progress);
            ResultStore.save(dir, this, Map.of("rank", table));
            return table;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write results in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * The least-squares slope of log ‖∇W₁‖_* against log r for one variant (Kim &amp; Oh Table 8).
     *
     * @param table        a table from {@link #run}. Not modified.
     * @param variantLabel the variant
     * @return the slope
     */
    public static double slope(Table table, String variantLabel) {
        Table rows = table.where(table.stringColumn("variant").isEqualTo(variantLabel));
        int n = rows.rowCount();
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (int i = 0; i < n; i++) {
            double x = Math.log(rows.intColumn("rank").getInt(i));
            double y = Math.log(rows.doubleColumn("nuclearNorm").getDouble(i));
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        return (n * sxy - sx * sy) / (n * sxx - sx * sx);
    }
}
