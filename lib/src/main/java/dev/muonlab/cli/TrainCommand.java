package dev.muonlab.cli;

import dev.muonlab.gpt.DataSplit;
import dev.muonlab.gpt.GptConfig;
import dev.muonlab.gpt.Parameterization;
import dev.muonlab.gpt.NativeThreads;
import dev.muonlab.host.CudaSupport;
import dev.muonlab.train.Checkpoint;
import dev.muonlab.train.OptimizerChoice;
import dev.muonlab.train.Sampler;
import dev.muonlab.train.TrainConfig;
import dev.muonlab.train.TrainResult;
import dev.muonlab.train.Trainer;
import dev.muonlab.train.ValidationSet;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./muonlab train}: trains the char-level GPT on Tiny Shakespeare with AdamW, Muon or
 * Moonlight's Muon, writing the run folder (config.properties, metrics.csv, parameters.csv,
 * checkpoint/, samples.txt), with a terminal progress bar. Ctrl-C stops after the current step and
 * keeps the log and a final checkpoint; {@code --resume} continues it bit-identically, after
 * checking every file of the run folder ({@link Trainer#resume}): a missing or damaged file is
 * refused in one sentence on stderr (exit status 2) that names it and says what to do, and the
 * folder is left as it was. A write that fails during training (a full disk) stops the run the
 * same way, naming the last good checkpoint.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a char-level GPT on Tiny Shakespeare (Muon versus AdamW).")
public final class TrainCommand implements Callable<Integer> {

    @Option(names = "--config", defaultValue = "baby-cpu", description = "model preset: baby-cpu, shakespeare-char or tiny (a smoke test) (default ${DEFAULT-VALUE})")
    String config;

    @Option(names = "--parameterization", defaultValue = "sp", description = "sp (nanoGPT's), mup (base width 128, "
            + "baby-cpu's) or mup:<base width>: muP's init, output multiplier and lr factors (default ${DEFAULT-VALUE})")
    String parameterization;

    @Option(names = "--optimizer", defaultValue = "adamw", description = "adamw, muon, muon-moonlight, or a 2026 "
            + "toolbox recipe: normuon, muon-cautious-wd, adamuon, polargrad, muon-polar-express, muon-gram-ns, "
            + "spectral-descent, muon-split-heads, muon-momentum-schedule, muon-clip, scale (default ${DEFAULT-VALUE})")
    String optimizer;

    @Option(names = "--steps", defaultValue = "2000", description = "optimizer steps in all (default ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--out", required = true, description = "run folder, e.g. runs/adamw")
    Path out;

    @Option(names = "--resume", description = "continue the run in --out from its checkpoint (--steps may extend it)")
    boolean resume;

    @Option(names = "--seed", defaultValue = "1337", description = "seed of initialization, batches and dropout (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--backend", defaultValue = "cpu", description = "cpu or cuda: checks that ND4J loaded that backend (cuda needs the -Pcuda build)")
    String backend;

    @Option(names = "--eval-interval", description = "steps between validation evaluations (default: min(250, steps/10))")
    Integer evalInterval;

    @Option(names = "--eval-batches", defaultValue = "20", description = "fixed validation batches per evaluation (default ${DEFAULT-VALUE})")
    int evalBatches;

    @Option(names = "--checkpoint-interval", description = "steps between checkpoints; 0: only at the end (default 500 for runs of 1000+ steps)")
    Integer checkpointInterval;

    @Option(names = "--threads", description = "worker threads, each batch split over them and each op single-threaded "
            + "(default: one per core on the CPU, 1 on a GPU); 1 is often faster on a busy machine")
    Integer threads;

    @Option(names = "--final-eval", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "evaluate over the whole validation split at the end (default ${DEFAULT-VALUE}; --no-final-eval for smoke runs)")
    boolean finalEval;

    @Option(names = "--sample", defaultValue = "300", description = "characters to sample at the end, 0 for none (default ${DEFAULT-VALUE})")
    int sampleChars;

    @Override
    public Integer call() throws Exception {
        try {
            return train();
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("train: " + e.getMessage());
            return 2;
        }
    }

    private int train() throws Exception {
        BackendCheck.require(backend, CudaSupport.NVIDIA_SMI);
        boolean cpu = Nd4j.getEnvironment().isCPU();
        int workers = threads != null ? threads : Trainer.defaultWorkers();
        if (workers < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + workers);
        }
        if (cpu) {
            NativeThreads.set(1);                                  // the workers are the parallelism
        }
        DataSplit data = DataSplit.tinyShakespeare();
        Trainer trainer;
        if (resume) {
            trainer = Trainer.resume(out, data, steps).workers(workers);
            for (String difference : trainer.resumeWarnings()) {
                System.err.println("train: warning: " + difference + " since this run was saved, so it continues "
                        + "correctly but not bit-identically");
            }
        } else {
            if (Checkpoint.exists(out)) {
                System.err.println("train: " + out + " already holds a run; use --resume to continue it or another --out");
                return 2;
            }
            TrainConfig c = TrainConfig.nanoGpt(GptConfig.preset(config)
                    .withParameterization(Parameterization.parse(parameterization)), OptimizerChoice.parse(optimizer), steps, seed);
            if (evalInterval != null) {
                c = c.withEval(evalInterval, evalBatches);
            } else {
                c = c.withEval(c.evalInterval(), evalBatches);
            }
            if (checkpointInterval != null) {
                c = c.withCheckpointInterval(checkpointInterval);
            }
            trainer = Trainer.create(c, data, out).workers(workers);
        }
        System.out.println("train: " + trainer.config().model() + ", " + trainer.config().optimizer() + ", "
                + trainer.model().parameters().count() + " parameters, backend " + Nd4j.getBackend().getClass().getSimpleName()
                + ", " + trainer.workers() + " worker thread(s), from step " + trainer.step() + " to " + trainer.config().steps() + " -> " + out);
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            trainer.requestStop();
            try {
                finished.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "muonlab-train-ctrl-c");
        Runtime.getRuntime().addShutdownHook(hook);
        TerminalProgressBar bar = new TerminalProgressBar(System.err);
        TrainResult result;
        try {
            try {
                result = trainer.run(bar, (t, s, evaluated) -> { });
            } catch (RuntimeException e) {
                bar.finish();                                  // the error on a line of its own
                throw e;
            }
            if (result.status() != TrainResult.Status.COMPLETED) {
                bar.finish();
            }
            System.out.println("train: " + result.message());
            if (result.status() == TrainResult.Status.COMPLETED && finalEval) {
                writeFinalEvaluation(trainer, data);
            }
            if (result.status() == TrainResult.Status.COMPLETED && sampleChars > 0) {
                String text = Sampler.generate(trainer.model(), data.tokenizer(), "\n", sampleChars, 0.8, 20, seed);
                Files.writeString(out.resolve("samples.txt"), text);
                System.out.println("--- sample (temperature 0.8, top-k 20) ---" + text);
            }
        } finally {
            finished.countDown();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C: the hook is running and waits for us; nothing to remove
        }
        return switch (result.status()) {
            case COMPLETED -> 0;
            case INTERRUPTED -> 130;
            case DIVERGED -> 3;
        };
    }

    /**
     * Prints and saves ({@code final_eval.properties}) the final validation loss on the fixed batches
     * and over the whole validation split, the deterministic figure to compare implementations by.
     */
    static void writeFinalEvaluation(Trainer trainer, DataSplit data) throws java.io.IOException {
        double fixed = trainer.evaluate();
        double full = trainer.evaluateFullPass();
        int T = trainer.config().model().blockSize();
        System.out.printf("train: final validation loss %.4f on the %d fixed batches, %.4f over the whole split (%,d tokens)%n",
                fixed, trainer.config().evalBatches(), full, ValidationSet.fullPassTokens(data.validation().length, T));
        java.util.Properties p = new java.util.Properties();
        p.setProperty("step", Integer.toString(trainer.step()));
        p.setProperty("val_loss_fixed_batches", Double.toString(fixed));
        p.setProperty("eval_batches", Integer.toString(trainer.config().evalBatches()));
        p.setProperty("val_loss_full_pass", Double.toString(full));
        p.setProperty("full_pass_tokens", Long.toString(ValidationSet.fullPassTokens(data.validation().length, T)));
        try (var w = Files.newBufferedWriter(trainer.outDir().resolve("final_eval.properties"))) {
            p.store(w, "final validation losses (nats): fixed batches as in metrics.csv, and the whole split in windows of T");
        }
    }
}
