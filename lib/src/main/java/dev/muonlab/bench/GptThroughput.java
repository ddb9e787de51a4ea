package dev.muonlab.bench;

import dev.muonlab.gpt.Batch;
import dev.muonlab.gpt.DataParallelGpt;
import dev.muonlab.gpt.DataSplit;
import dev.muonlab.gpt.Gpt;
import dev.muonlab.gpt.GptConfig;
import dev.muonlab.gpt.NativeThreads;
import dev.muonlab.train.GradientOps;
import dev.muonlab.train.OptimizerChoice;
import dev.muonlab.train.Recipes;
import dev.muonlab.train.StepOptimizer;
import dev.muonlab.train.StepWorkspace;
import dev.muonlab.train.TrainConfig;
import org.nd4j.linalg.api.buffer.DataType;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Throughput of full training steps (batch sampling, forward, backward, gradient clipping,
 * optimizer step) on a preset, the Java side of {@code ./muonlab bench gpt}; the PyTorch side is
 * {@code lib/src/bench/gpt/torch_gpt.py} with the same model, batch and thread count. The thread count
 * N comes from {@code OMP_NUM_THREADS}, set by {@code run.sh}: as {@code ./muonlab train --threads N},
 * each batch is split over N worker threads ({@link DataParallelGpt}), each op single-threaded.
 *
 * <p>Usage: {@code GptThroughput [preset] [steps] [optimizer] [warmup] [serve]} (warm-up steps, default
 * 5, are run and not timed: the JIT compiles the step's code during the first few seconds). Prints
 * {@code java tokens_per_s=… ms_per_step=… cpu_ms_per_step=… peak_rss_mb=…} and a per-phase split.
 * With {@code serve} it prints {@code ready} after the warm-up, then answers each line N on stdin
 * with one such line for N more steps, until end of input: {@code interleave.py} alternates it with
 * the PyTorch side block by block, so both see the same machine.
 */
public final class GptThroughput {

    private GptThroughput() {
    }

    public static void main(String[] args) throws IOException {
        GptConfig config = GptConfig.preset(args.length > 0 ? args[0] : "baby-cpu");
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        OptimizerChoice choice = OptimizerChoice.parse(args.length > 2 ? args[2] : "adamw");
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        boolean serve = args.length > 4 && args[4].equals("serve");
        Session session = new Session(config, choice);
        session.run(warmup);
        if (!serve) {
            System.out.println(session.run(steps));
            return;
        }
        // serve: one line "N" on stdin runs N timed steps and answers with one result line; EOF ends
        System.out.println("ready");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null && !line.isBlank(); line = in.readLine()) {
            System.out.println(session.run(Integer.parseInt(line.trim())));
            System.out.flush();
        }
    }

    /** A model, its optimizer and a step counter: successive {@link #run} calls continue training. */
    static final class Session {
        private final GptConfig config;
        private final OptimizerChoice choice;
        private final DataSplit split = DataSplit.tinyShakespeare();
        private final Gpt model;
        private final DataParallelGpt parallel;
        private final StepOptimizer opt;
        private final StepWorkspace workspace = new StepWorkspace();
        private final com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        private int step;

        Session(GptConfig config, OptimizerChoice choice) {
            this.config = config;
            this.choice = choice;
            this.model = Gpt.create(config, DataType.FLOAT, 1);
            String threads = System.getenv("OMP_NUM_THREADS");
            int workers = threads == null || threads.isBlank() ? 1 : Integer.parseInt(threads.trim());
            NativeThreads.set(1);
            this.parallel = new DataParallelGpt(model, workers);
            this.opt = Recipes.optimizer(TrainConfig.nanoGpt(config, choice, 2000, 1), model.parameters().asMap());
            if (workers > 1) {
                opt.runUpdatesWith(parallel::runAll);                  // as Trainer.workers
            }
        }

        /**
         * Runs n training steps (modifies the model, the optimizer state and the step counter).
         *
         * @return the result line: tokens/s, wall and CPU ms per step, peak RSS, per-phase ms
         */
        String run(int n) throws IOException {
            long[] phase = new long[3];
            double[] shards = new double[4];                       // DataParallelGpt.StepTimes, summed
            long wall0 = System.nanoTime();
            long cpu0 = os.getProcessCpuTime();
            for (int s = 0; s < n; s++, step++) {
                long t0 = System.nanoTime();
                Batch b = Batch.sampleAt(split.train(), config.batchSize(), config.blockSize(), 1, step);
                parallel.lossAndGradients(b, config.dropout() > 0, step);
                long t1 = System.nanoTime();
                DataParallelGpt.StepTimes st = parallel.lastStepTimes();
                shards[0] += st.shardsMs();
                shards[1] += st.slowestShardMs();
                shards[2] += st.meanShardMs();
                shards[3] += st.combineMs();
                long[] t2 = new long[1];
                workspace.run(() -> {
                    GradientOps.clipGlobalNorm(model.gradients(), 1.0);
                    t2[0] = System.nanoTime();
                    opt.step(model.gradients());
                });
                long t3 = System.nanoTime();
                phase[0] += t1 - t0;
                phase[1] += t2[0] - t1;
                phase[2] += t3 - t2[0];
            }
            int per = Math.max(1, n);
            double ms = (System.nanoTime() - wall0) / 1e6 / per;
            double cpuMs = (os.getProcessCpuTime() - cpu0) / 1e6 / per;
            return String.format(Locale.ROOT, "java tokens_per_s=%.1f ms_per_step=%.3f cpu_ms_per_step=%.3f "
                            + "peak_rss_mb=%.0f fwd_bwd_ms=%.2f clip_ms=%.2f optimizer_ms=%.2f optimizer=%s "
                            + "shards_ms=%.2f slowest_shard_ms=%.2f mean_shard_ms=%.2f combine_ms=%.2f",
                    config.tokensPerStep() / ms * 1000, ms, cpuMs, peakRssMb(), phase[0] / 1e6 / per,
                    phase[1] / 1e6 / per, phase[2] / 1e6 / per, choice, shards[0] / per, shards[1] / per,
                    shards[2] / per, shards[3] / per);
        }
    }

    /** @return this process's peak resident set (VmHWM), MiB; NaN where /proc is missing */
    static double peakRssMb() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return Double.NaN;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmHWM:")) {
                return Double.parseDouble(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }
}
