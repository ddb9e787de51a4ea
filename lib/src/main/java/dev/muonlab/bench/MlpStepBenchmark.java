package dev.muonlab.bench;

import dev.muonlab.data.FashionMnist;
import dev.muonlab.experiments.ns.MlpTraining;
import dev.muonlab.experiments.ns.MlpVariant;
import dev.muonlab.experiments.ns.NsStepsConfig;
import dev.muonlab.gpt.NativeThreads;
import dev.muonlab.nn.Mlp;
import dev.muonlab.ns.ExactPolar;
import dev.muonlab.optim.Optimizer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Where the time of notebook 04 goes: one training step of the Kim &amp; Oh MLP (784-512-256-10,
 * batch 256, real Fashion-MNIST batches) split into the gradient and the optimizer step, for every
 * variant of {@link NsStepsConfig#paper()} and {@link NsStepsConfig#kappaAblation()}; and the exact
 * polar factor of the largest weight (512×784) by LAPACK's QR-iteration SVD {@code dgesvd} (the
 * reference) against {@link ExactPolar#polar} as shipped. Medians of {@code --reps} steps after
 * warm-up; prints CSV {@code what,variant,median_ms}.
 *
 * <p>Usage: {@code MlpStepBenchmark [--reps R] [--threads N]} (see lib/src/bench/mlp/run.sh).
 */
public final class MlpStepBenchmark {

    private MlpStepBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = BenchArgs.parse(args, "--reps", "--threads");
        int reps = Integer.parseInt(options.getOrDefault("--reps", "15"));
        int threads = Integer.parseInt(options.getOrDefault("--threads", "0"));
        if (threads > 0) {
            NativeThreads.set(threads);
        }
        System.out.printf("# ND4J master threads %d, OpenBLAS threads %d%n", Nd4j.getEnvironment().maxMasterThreads(),
                Nd4j.factory().blas().getMaxThreads());
        NsStepsConfig config = NsStepsConfig.paper();
        FashionMnist.Split train = FashionMnist.train();
        Mlp mlp = new Mlp(config.layerSizes());
        int[] rows = new int[config.batchSize()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i * 7;
        }
        INDArray X = train.images().getRows(rows);                            // (B, 784)
        int[] y = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            y[i] = train.labels()[rows[i]];
        }
        Map<String, INDArray> params0 = mlp.init(config.seed(), DataType.FLOAT);
        Map<String, INDArray> g0 = new HashMap<>();
        mlp.lossAndGradient(params0, X, y, g0);
        System.out.printf("gradient,all,%.3f%n", NsBenchmark.medianMs(() -> mlp.lossAndGradient(params0, X, y, new HashMap<>()), reps));

        List<MlpVariant> variants = new ArrayList<>(config.variants());
        for (MlpVariant v : NsStepsConfig.kappaAblation().variants()) {
            if (!variants.contains(v)) {
                variants.add(v);
            }
        }
        for (MlpVariant v : variants) {
            Optimizer opt = MlpTraining.optimizer(config, v, MlpTraining.copyOf(params0));
            System.out.printf("optimizer,%s,%.3f%n", v.label(), NsBenchmark.medianMs(() -> opt.step(g0), reps));
            System.out.flush();
        }

        INDArray W1grad = g0.get("W1");                                        // (512, 784) float
        System.out.printf("polar512x784,dgesvd (reference),%.3f%n", NsBenchmark.medianMs(() -> dgesvdPolar(W1grad), reps));
        System.out.printf("polar512x784,ExactPolar.polar fp32 input,%.3f%n", NsBenchmark.medianMs(() -> ExactPolar.polar(W1grad), reps));
        System.out.printf("polar512x784,dgesdd,%.3f%n", NsBenchmark.medianMs(() -> gesddPolar(W1grad, DataType.DOUBLE), reps));
        System.out.printf("polar512x784,sgesdd,%.3f%n", NsBenchmark.medianMs(() -> gesddPolar(W1grad, DataType.FLOAT), reps));
        INDArray W1d = W1grad.castTo(DataType.DOUBLE);
        System.out.printf("polar512x784,ExactPolar.polar fp64 input,%.3f%n", NsBenchmark.medianMs(() -> ExactPolar.polar(W1d), reps));
        System.out.printf("singularValues512x784,ExactPolar.singularValues,%.3f%n",
                NsBenchmark.medianMs(() -> ExactPolar.singularValues(W1d), reps));
    }

    /** The polar factor by ?gesdd in the given precision (experiment). */
    static INDArray gesddPolar(INDArray G, DataType type) {
        int m = (int) G.rows();
        int n = (int) G.columns();
        int r = Math.min(m, n);
        INDArray a = G.castTo(type).dup('c');
        INDArray s = Nd4j.create(type, r);
        INDArray U = Nd4j.create(type, m, r);
        INDArray Vt = Nd4j.create(type, r, n);
        int info = type == DataType.DOUBLE
                ? openblas.LAPACKE_dgesdd(openblas.LAPACK_ROW_MAJOR, (byte) 'S', m, n,
                    new DoublePointer(a.data().addressPointer()), n, new DoublePointer(s.data().addressPointer()),
                    new DoublePointer(U.data().addressPointer()), r, new DoublePointer(Vt.data().addressPointer()), n)
                : openblas.LAPACKE_sgesdd(openblas.LAPACK_ROW_MAJOR, (byte) 'S', m, n,
                    new org.bytedeco.javacpp.FloatPointer(a.data().addressPointer()), n, new org.bytedeco.javacpp.FloatPointer(s.data().addressPointer()),
                    new org.bytedeco.javacpp.FloatPointer(U.data().addressPointer()), r, new org.bytedeco.javacpp.FloatPointer(Vt.data().addressPointer()), n);
        if (info != 0) {
            throw new ArithmeticException("gesdd info " + info);
        }
        return U.mmul(Vt).castTo(G.dataType());
    }

    /** The polar factor by dgesvd (jobu = jobvt = 'S') and one dgemm: what ExactPolar did before dgesdd. */
    static INDArray dgesvdPolar(INDArray G) {
        int m = (int) G.rows();
        int n = (int) G.columns();
        int r = Math.min(m, n);
        INDArray a = G.castTo(DataType.DOUBLE).dup('c');
        INDArray s = Nd4j.create(DataType.DOUBLE, r);
        INDArray U = Nd4j.create(DataType.DOUBLE, m, r);
        INDArray Vt = Nd4j.create(DataType.DOUBLE, r, n);
        try (DoublePointer superb = new DoublePointer(Math.max(1, r - 1))) {
            int info = openblas.LAPACKE_dgesvd(openblas.LAPACK_ROW_MAJOR, (byte) 'S', (byte) 'S', m, n,
                    new DoublePointer(a.data().addressPointer()), n, new DoublePointer(s.data().addressPointer()),
                    new DoublePointer(U.data().addressPointer()), r, new DoublePointer(Vt.data().addressPointer()), n, superb);
            if (info != 0) {
                throw new ArithmeticException("dgesvd info " + info);
            }
        }
        return U.mmul(Vt).castTo(G.dataType());
    }
}
