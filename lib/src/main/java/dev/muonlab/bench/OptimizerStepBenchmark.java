package dev.muonlab.bench;

import dev.muonlab.ns.Orthogonalizer;
import dev.muonlab.optim.AdamWConfig;
import dev.muonlab.optim.MuonConfig;
import dev.muonlab.optim.Optimizer;
import dev.muonlab.optim.ParameterRouter;
import dev.muonlab.optim.Routing;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Times one optimizer step, Muon (hidden matrices, Keller's NS5 in float32, auxiliary AdamW for
 * the rest, as {@link ParameterRouter} routes them) against AdamW on every parameter, over two
 * parameter sets: the small char-level GPT (nanoGPT's CPU config: 4 layers, width 128, vocab 65,
 * context 64, tied head) and one width-768 transformer layer (GPT-2 small's). It also times the NS
 * calls alone and compares Muon's FLOP overhead with Keller Jordan's estimate T·m/B
 * (kellerjordan.github.io/posts/muon; references §0.2): for an (m, n) matrix, m ≤ n, one NS step
 * costs 4m²n + 2m³ FLOPs against 6mn FLOPs per token for its forward and backward pass.
 *
 * <p>Prints CSV {@code set,what,median_ms} and a summary. Usage:
 * {@code OptimizerStepBenchmark [--reps R] [--tokens B]} (B: tokens per batch, default 768 = 12×64).
 */
public final class OptimizerStepBenchmark {

    static final int NS_STEPS = 5;

    private OptimizerStepBenchmark() {
    }

    /** nanoGPT's names and (out, in) shapes for the small GPT: 4 layers, width 128, 65 symbols, context 64. */
    static Map<String, long[]> smallGpt() {
        Map<String, long[]> s = new LinkedHashMap<>();
        s.put("transformer.wte.weight", new long[] {65, 128});
        s.put("transformer.wpe.weight", new long[] {64, 128});
        for (int l = 0; l < 4; l++) {
            layer(s, "transformer.h." + l, 128);
        }
        s.put("transformer.ln_f.weight", new long[] {128});
        return s;
    }

    /** One GPT-2-small layer, width 768. */
    static Map<String, long[]> width768Layer() {
        Map<String, long[]> s = new LinkedHashMap<>();
        layer(s, "transformer.h.0", 768);
        return s;
    }

    static void layer(Map<String, long[]> s, String prefix, long d) {
        s.put(prefix + ".ln_1.weight", new long[] {d});
        s.put(prefix + ".attn.c_attn.weight", new long[] {3 * d, d});
        s.put(prefix + ".attn.c_proj.weight", new long[] {d, d});
        s.put(prefix + ".ln_2.weight", new long[] {d});
        s.put(prefix + ".mlp.c_fc.weight", new long[] {4 * d, d});
        s.put(prefix + ".mlp.c_proj.weight", new long[] {d, 4 * d});
    }

    static Map<String, INDArray> randn(Map<String, long[]> shapes, double scale) {
        Map<String, INDArray> m = new LinkedHashMap<>();
        shapes.forEach((k, v) -> m.put(k, Nd4j.randn(DataType.FLOAT, v).muli(scale)));
        return m;
    }

    public static void main(String[] args) {
        Map<String, String> options = BenchArgs.parse(args, "--reps", "--tokens");
        int reps = Integer.parseInt(options.getOrDefault("--reps", "11"));
        long tokens = Long.parseLong(options.getOrDefault("--tokens", "768"));
        Nd4j.getRandom().setSeed(0);
        System.out.printf("# %s, java %s, %d cores, reps %d%n", java.time.Instant.now(), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), reps);
        System.out.println("set,what,median_ms");
        run("small-gpt", smallGpt(), reps, tokens);
        run("width-768-layer", width768Layer(), reps, tokens);
    }

    static void run(String set, Map<String, long[]> shapes, int reps, long tokens) {
        Map<String, INDArray> grads = randn(shapes, 1.0);
        Map<String, INDArray> adamParams = randn(shapes, 0.02);
        Map<String, INDArray> muonParams = randn(shapes, 0.02);
        Optimizer adamw = Optimizer.of(AdamWConfig.kellerAux(), adamParams);
        MuonConfig muon = MuonConfig.keller().withWeightDecay(0.01);
        Routing routing = new ParameterRouter(muon, AdamWConfig.kellerAux()).route(muonParams);
        Optimizer muonAux = routing.toOptimizer();
        Map<String, INDArray> hidden = routing.paramsOf(ParameterRouter.Route.MUON);
        Map<String, INDArray> hiddenGrads = new LinkedHashMap<>();
        hidden.keySet().forEach(k -> hiddenGrads.put(k, grads.get(k)));
        Optimizer muonOnly = Optimizer.of(muon, randn(toShapes(hidden), 0.02));
        Orthogonalizer ns = muon.orthogonalizer();

        double[] t = interleavedMedianMs(reps,
                () -> adamw.step(grads),
                () -> muonAux.step(grads),
                () -> muonOnly.step(hiddenGrads),
                () -> hiddenGrads.values().forEach(ns::orthogonalize));
        double tAdamW = t[0];
        double tMuon = t[1];
        double tMuonOnly = t[2];
        double tNs = t[3];
        System.out.printf("%s,adamw_all_params,%.3f%n", set, tAdamW);
        System.out.printf("%s,muon_plus_aux_adamw,%.3f%n", set, tMuon);
        System.out.printf("%s,muon_hidden_only,%.3f%n", set, tMuonOnly);
        System.out.printf("%s,ns5_only,%.3f%n", set, tNs);

        double nsFlops = 0;
        double trainFlopsPerToken = 0;
        long maxSmallDim = 0;
        for (INDArray p : hidden.values()) {
            long m = Math.min(p.rows(), p.columns());
            long n = Math.max(p.rows(), p.columns());
            nsFlops += NS_STEPS * (4.0 * m * m * n + 2.0 * m * m * m);
            trainFlopsPerToken += 6.0 * m * n;
            maxSmallDim = Math.max(maxSmallDim, m);
        }
        double flopRatio = nsFlops / (trainFlopsPerToken * tokens);
        System.out.printf("# %s: %d params (%d on Muon); Muon+aux %.2f ms vs AdamW %.2f ms (ratio %.2f, extra %.2f ms/step);"
                        + " NS alone %.2f ms = %.2f GFLOP/s%n", set, count(shapes), count(toShapes(hidden)), tMuon, tAdamW,
                tMuon / tAdamW, tMuon - tAdamW, tNs, nsFlops / tNs / 1e6);
        System.out.printf("# %s: Keller's estimate T*m/B = %d*%d/%d = %.3f; exact NS FLOPs / hidden-matrix fwd+bwd FLOPs at B=%d"
                        + " tokens = %.3f (divide the measured extra ms by the training step's ms for the time share)%n",
                set, NS_STEPS, maxSmallDim, tokens, (double) NS_STEPS * maxSmallDim / tokens, tokens, flopRatio);
    }

    /**
     * Runs the tasks in turn, rep after rep (after two warm-up rounds), so that a change in the
     * machine's load hits all of them alike; returns each task's median wall time in ms.
     */
    static double[] interleavedMedianMs(int reps, Runnable... tasks) {
        double[][] t = new double[tasks.length][reps];
        for (int r = -2; r < reps; r++) {
            for (int k = 0; k < tasks.length; k++) {
                long t0 = System.nanoTime();
                tasks[k].run();
                if (r >= 0) {
                    t[k][r] = (System.nanoTime() - t0) / 1e6;
                }
            }
        }
        double[] medians = new double[tasks.length];
        for (int k = 0; k < tasks.length; k++) {
            Arrays.sort(t[k]);
            medians[k] = reps % 2 == 1 ? t[k][reps / 2] : 0.5 * (t[k][reps / 2 - 1] + t[k][reps / 2]);
        }
        return medians;
    }

    static Map<String, long[]> toShapes(Map<String, INDArray> params) {
        Map<String, long[]> s = new LinkedHashMap<>();
        params.forEach((k, v) -> s.put(k, v.shape()));
        return s;
    }

    static long count(Map<String, long[]> shapes) {
        return shapes.values().stream().mapToLong(s -> Arrays.stream(s).reduce(1, (a, b) -> a * b)).sum();
    }
}
