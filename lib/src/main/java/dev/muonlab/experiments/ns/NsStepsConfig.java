package dev.muonlab.experiments.ns;

import java.util.List;

/**
 * The MLP training comparison of Kim &amp; Oh (arXiv 2601.19156, App. G: 784-512-256-10, batch 256,
 * lr 0.08, momentum 0.7) on Fashion-MNIST instead of MNIST, shortened to fit a CPU: the subset size
 * and the number of epochs are Muon Lab's choices (the paper trains 50 epochs).
 *
 * @param hidden     hidden widths, e.g. {512, 256}
 * @param trainSize  training examples used (the first ones of the 60,000)
 * @param testSize   test examples used for accuracy (of 10,000)
 * @param epochs     passes over the training subset
 * @param batchSize  examples per step
 * @param lr         η for every parameter
 * @param momentum   β for every parameter
 * @param seed       initialization and shuffling
 * @param variants   the optimizers
 * @param logEvery   steps between points of the train-loss curve (mean over those steps)
 */
public record NsStepsConfig(List<Integer> hidden, int trainSize, int testSize, int epochs, int batchSize, double lr,
                            double momentum, long seed, List<MlpVariant> variants, int logEvery) {

    public NsStepsConfig {
        hidden = List.copyOf(hidden);
        variants = List.copyOf(variants);
        if (trainSize < batchSize || testSize < 1 || epochs < 1 || batchSize < 1 || logEvery < 1) {
            throw new IllegalArgumentException("bad NsStepsConfig: train " + trainSize + ", test " + testSize
                    + ", epochs " + epochs + ", batch " + batchSize + ", logEvery " + logEvery);
        }
    }

    /** The paper's comparison: SGD-M, Muon-SVD, p₂ with q = 1, 2, 3, Keller's quintic ×5; 60,000 examples, 3 epochs. */
    public static NsStepsConfig paper() {
        return new NsStepsConfig(List.of(512, 256), 60_000, 10_000, 3, 256, 0.08, 0.7, 1,
                List.of(MlpVariant.sgdMomentum(), MlpVariant.muonSvd(), MlpVariant.taylor(2, 1), MlpVariant.taylor(2, 2),
                        MlpVariant.taylor(2, 3), MlpVariant.keller(5)), 10);
    }

    /** Kim &amp; Oh's κ ablation (App. H.1): q = 3 and κ = 1…5. */
    public static NsStepsConfig kappaAblation() {
        return paper().withVariants(List.of(MlpVariant.taylor(1, 3), MlpVariant.taylor(2, 3), MlpVariant.taylor(3, 3),
                MlpVariant.taylor(4, 3), MlpVariant.taylor(5, 3))).withEpochs(2);
    }

    /**
     * A run of seconds for tests and smoke mode: a narrower 784-128-64-10 MLP (so the SVD runs are
     * short), 4,096 examples, 1 epoch (16 steps), SGD-M, Muon-SVD, p₂ with q = 3.
     */
    public static NsStepsConfig smoke() {
        return new NsStepsConfig(List.of(128, 64), 4_096, 2_000, 1, 256, 0.08, 0.7, 1,
                List.of(MlpVariant.sgdMomentum(), MlpVariant.muonSvd(), MlpVariant.taylor(2, 3)), 2);
    }

    /** @return a copy with these variants */
    public NsStepsConfig withVariants(MlpVariant... v) { return withVariants(List.of(v)); }
    public NsStepsConfig withVariants(List<MlpVariant> v) { return new NsStepsConfig(hidden, trainSize, testSize, epochs, batchSize, lr, momentum, seed, v, logEvery); }
    public NsStepsConfig withEpochs(int v) { return new NsStepsConfig(hidden, trainSize, testSize, v, batchSize, lr, momentum, seed, variants, logEvery); }
    public NsStepsConfig withSizes(int train, int test) { return new NsStepsConfig(hidden, train, test, epochs, batchSize, lr, momentum, seed, variants, logEvery); }
    public NsStepsConfig withHidden(List<Integer> v) { return new NsStepsConfig(v, trainSize, testSize, epochs, batchSize, lr, momentum, seed, variants, logEvery); }

    /** @return the layer sizes 784, hidden..., 10 */
    public int[] layerSizes() {
        int[] sizes = new int[hidden.size() + 2];
        sizes[0] = 784;
        for (int i = 0; i < hidden.size(); i++) {
            sizes[i + 1] = hidden.get(i);
        }
        sizes[sizes.length - 1] = 10;
        return sizes;
    }

    /** @return optimizer steps per epoch (the last partial batch is dropped) */
    public int stepsPerEpoch() {
        return trainSize / batchSize;
    }

    /** @return the setup as a table (setting, value, source), for the notebook */
    public tech.tablesaw.api.Table setupTable() {
        String ko = "Kim & Oh App. G";
        String ours = "Muon Lab's choice";
        StringBuilder names = new StringBuilder();
        for (MlpVariant v : variants) {
            names.append(names.length() == 0 ? "" : ", ").append(v.label());
        }
        return new dev.muonlab.experiments.SetupTable()
                .row("network", java.util.Arrays.toString(layerSizes()) + ", ReLU, softmax cross-entropy", ko + " (784-512-256-10)")
                .row("data", "Fashion-MNIST, first " + trainSize + " train / " + testSize + " test images, pixels / 255", ours + " (paper: MNIST)")
                .row("batch, lr, momentum", batchSize + ", " + lr + ", " + momentum, ko)
                .row("epochs", epochs, ours + " (paper: 50)")
                .row("Muon", "M ← βM + G; X₀ = M/‖M‖_F; q NS steps; W ← W − ηO; on all weight matrices", ko + " Algorithm 1")
                .row("biases", "SGD with the same lr and momentum", ours)
                .row("NS arithmetic", "fp32; Muon-SVD: LAPACK sgesdd (fp32)", ours)
                .row("optimizers", names, ko + " (+ Keller's quintic)")
                .row("seed", seed, ours)
                .table();
    }
}
