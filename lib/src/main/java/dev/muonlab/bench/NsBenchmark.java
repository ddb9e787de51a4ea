package dev.muonlab.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.api.rng.Random;
import dev.muonlab.ns.NewtonSchulzOrthogonalizer;
import dev.muonlab.ns.NsConfig;

/**
 * Times Keller Jordan's NS5 in fp32 ({@link NsConfig#keller()}) on the given shapes, and the sgemm
 * of the BLAS ND4J bundles (OpenBLAS through bytedeco) on 1024×1024, as the peak reference. Prints
 * CSV lines {@code impl,what,rows,cols,median_ms} in the same format as ns_torch.py, so that
 * lib/src/bench/ns/run.sh can put the two side by side and compute ratios.
 *
 * <p>Usage: {@code NsBenchmark [--reps R] 1024x1024 4096x1024 ...}
 */
public final class NsBenchmark {

    private NsBenchmark() {
    }

    public static void main(String[] args) {
        int reps = 7;
        List<long[]> shapes = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--reps")) {
                reps = Integer.parseInt(args[++i]);
            } else {
                shapes.add(Arrays.stream(args[i].split("x")).mapToLong(Long::parseLong).toArray());
            }
        }
        System.out.printf("# nd4j %s, blas threads %d, openblas %s%n", Nd4j.getBackend().getClass().getSimpleName(),
                Nd4j.getBlasWrapper().lapack() == null ? -1 : threads(), System.getenv().getOrDefault("OPENBLAS_CORETYPE", "(auto core)"));
        System.out.printf("java,sgemm,1024,1024,%.3f%n", sgemmMs(1024, reps));
        Random rng = Nd4j.getRandomFactory().getNewRandomInstance(0);
        NewtonSchulzOrthogonalizer ns = NsConfig.keller().orthogonalizer();
        for (long[] s : shapes) {
            INDArray G = Nd4j.randn(DataType.FLOAT, s[0], s[1]);
            double ms = medianMs(() -> ns.orthogonalize(G), reps);
            System.out.printf("java,ns5,%d,%d,%.3f%n", s[0], s[1], ms);
            System.out.flush();
        }
    }

    private static int threads() {
        return Nd4j.factory().blas().getMaxThreads();
    }

    /** @return the median time of C = A·B on n×n fp32 with cblas_sgemm on ND4J buffers */
    static double sgemmMs(int n, int reps) {
        INDArray A = Nd4j.randn(DataType.FLOAT, n, n);
        INDArray B = Nd4j.randn(DataType.FLOAT, n, n);
        INDArray C = Nd4j.create(DataType.FLOAT, n, n);
        FloatPointer a = new FloatPointer(A.data().addressPointer());
        FloatPointer b = new FloatPointer(B.data().addressPointer());
        FloatPointer c = new FloatPointer(C.data().addressPointer());
        return medianMs(() -> openblas.cblas_sgemm(openblas.CblasRowMajor, openblas.CblasNoTrans, openblas.CblasNoTrans,
                n, n, n, 1f, a, n, b, n, 0f, c, n), reps);
    }

    /** @return the median wall time in ms of reps runs after two warm-up runs */
    static double medianMs(Runnable r, int reps) {
        for (int i = 0; i < 2; i++) {
            r.run();
        }
        double[] t = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            r.run();
            t[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(t);
        return reps % 2 == 1 ? t[reps / 2] : 0.5 * (t[reps / 2 - 1] + t[reps / 2]);
    }
}
