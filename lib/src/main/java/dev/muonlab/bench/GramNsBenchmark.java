package dev.muonlab.bench;

import dev.muonlab.ns.GramNewtonSchulz;
import dev.muonlab.ns.NewtonSchulzOrthogonalizer;
import dev.muonlab.ns.NsConfig;
import dev.muonlab.ns.Orthogonalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gram Newton-Schulz ({@link GramNewtonSchulz}, restart before step 2) against plain NS on the same
 * shapes, fp32, Keller's NS5: each on the host BLAS (plain NS: the syrk kernel Muon uses on the CPU;
 * Gram NS: {@code GramNsKernel}) and through ND4J ops (full GEMMs, the path other backends take). Interleaved rep by rep so load from
 * other processes hits all alike. Prints CSV {@code impl,rows,cols,median_ms,gflop_counted}.
 *
 * <p>Usage: {@code GramNsBenchmark [--reps R] [--nd4j-ops] 256x4096 512x4096 ...} (lib/src/bench/gramns/run.sh);
 * {@code --nd4j-ops} also times both through ND4J ops, after the host-BLAS reps.
 */
public final class GramNsBenchmark {

    private GramNsBenchmark() {
    }

    public static void main(String[] args) {
        int reps = 7;
        boolean nd4jOps = false;
        List<long[]> shapes = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--reps")) {
                reps = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--nd4j-ops")) {
                nd4jOps = true;
            } else {
                shapes.add(Arrays.stream(args[i].split("x")).mapToLong(Long::parseLong).toArray());
            }
        }
        if (shapes.isEmpty()) {
            shapes = List.of(new long[] {128, 2048}, new long[] {256, 4096}, new long[] {512, 2048}, new long[] {1024, 1024});
        }
        NsConfig c = NsConfig.keller();
        Orthogonalizer kernel = c.orthogonalizer();
        Orthogonalizer gram = GramNewtonSchulz.of(c);
        System.out.println("impl,rows,cols,median_ms,gflop_counted");
        for (long[] s : shapes) {
            INDArray G = Nd4j.randn(DataType.FLOAT, s[0], s[1]);
            double[][] t = new double[4][reps];
            for (int w = 0; w < 2; w++) {
                run(kernel, G, true);
                runGram(gram, G, true);
            }
            for (int r = 0; r < reps; r++) {
                t[0][r] = run(kernel, G, true);
                t[2][r] = runGram(gram, G, true);
            }
            for (int r = 0; nd4jOps && r < reps; r++) {          // after: their garbage must not land in the host timings
                t[1][r] = run(kernel, G, false);
                t[3][r] = runGram(gram, G, false);
            }
            double plainF = GramNewtonSchulz.plainFlops(s[0], s[1], c.schedule()) / 1e9;
            double gramF = GramNewtonSchulz.gramFlops(s[0], s[1], c.schedule(), GramNewtonSchulz.DEFAULT_RESTARTS) / 1e9;
            System.out.printf("ns5-syrk-kernel,%d,%d,%.2f,%.3f%n", s[0], s[1], median(t[0]), plainF);
            System.out.printf("gram-ns5-host-blas,%d,%d,%.2f,%.3f%n", s[0], s[1], median(t[2]), gramF);
            if (nd4jOps) {
                System.out.printf("ns5-nd4j-ops,%d,%d,%.2f,%.3f%n", s[0], s[1], median(t[1]), plainF);
                System.out.printf("gram-ns5-nd4j-ops,%d,%d,%.2f,%.3f%n", s[0], s[1], median(t[3]), gramF);
            }
            System.out.flush();
        }
    }

    private static double run(Orthogonalizer o, INDArray G, boolean hostBlas) {
        boolean before = NewtonSchulzOrthogonalizer.setHostBlasEnabled(hostBlas);
        try {
            long t0 = System.nanoTime();
            o.orthogonalize(G);
            return (System.nanoTime() - t0) / 1e6;
        } finally {
            NewtonSchulzOrthogonalizer.setHostBlasEnabled(before);
        }
    }

    private static double runGram(Orthogonalizer o, INDArray G, boolean hostBlas) {
        boolean before = GramNewtonSchulz.setHostBlasEnabled(hostBlas);
        try {
            long t0 = System.nanoTime();
            o.orthogonalize(G);
            return (System.nanoTime() - t0) / 1e6;
        } finally {
            GramNewtonSchulz.setHostBlasEnabled(before);
        }
    }

    private static double median(double[] t) {
        double[] s = t.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
    }
}
