package dev.muonlab.experiments.ns;

import dev.muonlab.data.FashionMnist;
import dev.muonlab.nn.Mlp;
import dev.muonlab.ns.ExactPolar;
import dev.muonlab.optim.Optimizer;
import dev.muonlab.schedule.LrSchedule;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.LongConsumer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Trains the MLP with one {@link MlpVariant} and reports points of its curves. Weight matrices go to
 * the variant's matrix optimizer, biases to SGD with momentum (one optimizer, two parameter groups).
 * Wall-clock counts optimizer and gradient time only, not evaluation, and starts after two untimed
 * warm-up steps on a copy of the parameters (so the first run does not pay JIT and BLAS start-up).
 */
public final class MlpTraining {

    private MlpTraining() {
    }

    /** Receives the curves as training goes. */
    public interface Recorder {
        /** Mean train loss of the last {@code logEvery} steps, after {@code step} steps and {@code seconds} of training. */
        void curve(int step, double epoch, double seconds, double trainLoss);

        /**
         * After each epoch (and at epoch 0, before training).
         *
         * @param meanNuclearNormW1 the mean over the epoch's steps of ‖∇W₁‖_* (NaN when not measured or at epoch 0)
         */
        void epoch(int epoch, double seconds, double trainLoss, double testLoss, double testAccuracy, double meanNuclearNormW1);
    }

    /**
     * @param config         the run. Not modified.
     * @param variant        the optimizer
     * @param train          training split (its first {@code trainSize} rows are used). Not modified.
     * @param test           test split (its first {@code testSize} rows are used). Not modified.
     * @param nuclearEvery   measure ‖∇W₁‖_* every this many steps (0: never)
     * @param recorder       receives the points
     * @param advance        receives finished steps
     */
    public static void train(NsStepsConfig config, MlpVariant variant, FashionMnist.Split train, FashionMnist.Split test,
                             int nuclearEvery, Recorder recorder, LongConsumer advance) {
        Mlp mlp = new Mlp(config.layerSizes());
        Map<String, INDArray> params = mlp.init(config.seed(), DataType.FLOAT);
        Optimizer optimizer = optimizer(config, variant, params);
        INDArray testX = test.images().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, config.testSize()),
                org.nd4j.linalg.indexing.NDArrayIndex.all());
        int[] testY = java.util.Arrays.copyOf(test.labels(), config.testSize());
        double[] eval = evaluate(mlp, params, testX, testY);
        recorder.epoch(0, 0, Double.NaN, eval[0], eval[1], Double.NaN);

        warmUp(config, variant, mlp, params, train);

        Random shuffle = new Random(config.seed() * 7919 + 1);
        int[] order = new int[config.trainSize()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        int steps = config.stepsPerEpoch();
        long nanos = 0;
        int step = 0;
        double windowLoss = 0;
        int window = 0;
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            shuffle(order, shuffle);
            double epochLoss = 0;
            double nuclearSum = 0;
            int nuclearCount = 0;
            for (int s = 0; s < steps; s++) {
                int[] rows = java.util.Arrays.copyOfRange(order, s * config.batchSize(), (s + 1) * config.batchSize());
                INDArray X = train.images().getRows(rows);                           // (B, 784)
                int[] y = new int[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    y[i] = train.labels()[rows[i]];
                }
                long t0 = System.nanoTime();
                Map<String, INDArray> grads = new HashMap<>();
                double loss = mlp.lossAndGradient(params, X, y, grads);
                optimizer.step(grads);
                nanos += System.nanoTime() - t0;
                if (nuclearEvery > 0 && s % nuclearEvery == 0) {
                    nuclearSum += ExactPolar.singularValues(grads.get("W1").castTo(DataType.DOUBLE)).sumNumber().doubleValue();
                    nuclearCount++;
                }
                step++;
                epochLoss += loss;
                windowLoss += loss;
                window++;
                if (window == config.logEvery()) {
                    recorder.curve(step, (double) step / steps, nanos / 1e9, windowLoss / window);
                    windowLoss = 0;
                    window = 0;
                }
                advance.accept(1);
                if (step % GC_EVERY == 0) {
                    System.gc();                                                  // untimed: see GC_EVERY
                }
            }
            eval = evaluate(mlp, params, testX, testY);
            recorder.epoch(epoch, nanos / 1e9, epochLoss / steps, eval[0], eval[1],
                    nuclearCount > 0 ? nuclearSum / nuclearCount : Double.NaN);
        }
    }

    /**
     * Steps between explicit garbage collections. ND4J frees an array's native buffer only when the
     * Java garbage collector finds the array unreachable, and the arrays' Java objects are small, so
     * the heap rarely fills: measured, the full notebook's kernel grew to 16.8 GB resident with two
     * runs in parallel. A collection every few steps (outside the timed part) keeps it near the
     * working set.
     */
    static final int GC_EVERY = Integer.getInteger("muonlab.gcEvery", 10);

    /**
     * The study's optimizer for one variant: the weight matrices W* get the variant's matrix
     * optimizer (SGD-M or Muon), the biases its vector optimizer, both at a constant rate.
     *
     * @param params the MLP's parameters by name. Not modified here; the optimizer updates them.
     */
    public static Optimizer optimizer(NsStepsConfig config, MlpVariant variant, Map<String, INDArray> params) {
        Map<String, INDArray> matrices = new LinkedHashMap<>();
        Map<String, INDArray> vectors = new LinkedHashMap<>();
        params.forEach((name, p) -> (name.startsWith("W") ? matrices : vectors).put(name, p));
        return Optimizer.builder()
                .group("matrices", variant.matrixConfig(config.lr(), config.momentum()), LrSchedule.constant(), matrices)
                .group("vectors", variant.vectorConfig(config.lr(), config.momentum()), LrSchedule.constant(), vectors)
                .build();
    }

    /** @return a new map with a copy of every parameter, in the same order. params: not modified. */
    public static Map<String, INDArray> copyOf(Map<String, INDArray> params) {
        Map<String, INDArray> copy = new LinkedHashMap<>();
        params.forEach((name, p) -> copy.put(name, p.dup()));
        return copy;
    }

    /** Untimed steps on a throwaway copy, so the first timed step of every run pays no JIT or library start-up. */
    private static final int WARM_UP_STEPS = 2;

    private static void warmUp(NsStepsConfig config, MlpVariant variant, Mlp mlp, Map<String, INDArray> params,
                               FashionMnist.Split train) {
        Map<String, INDArray> copy = copyOf(params);
        Optimizer optimizer = optimizer(config, variant, copy);
        int[] rows = new int[config.batchSize()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        INDArray X = train.images().getRows(rows);
        int[] y = java.util.Arrays.copyOf(train.labels(), rows.length);
        for (int s = 0; s < WARM_UP_STEPS; s++) {
            Map<String, INDArray> grads = new HashMap<>();
            mlp.lossAndGradient(copy, X, y, grads);
            optimizer.step(grads);
        }
    }

    /** @return {mean test loss, test accuracy} in chunks of 1,000 */
    static double[] evaluate(Mlp mlp, Map<String, INDArray> params, INDArray X, int[] y) {
        double lossSum = 0;
        int correct = 0;
        for (int start = 0; start < y.length; start += 1000) {
            int end = Math.min(y.length, start + 1000);
            INDArray chunk = X.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(start, end),
                    org.nd4j.linalg.indexing.NDArrayIndex.all());
            int[] labels = java.util.Arrays.copyOfRange(y, start, end);
            lossSum += mlp.lossAndGradient(params, chunk, labels, null) * labels.length;
            int[] predicted = mlp.predict(params, chunk);
            for (int i = 0; i < labels.length; i++) {
                correct += predicted[i] == labels[i] ? 1 : 0;
            }
        }
        return new double[]{lossSum / y.length, (double) correct / y.length};
    }

    private static void shuffle(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
