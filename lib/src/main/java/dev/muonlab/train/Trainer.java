package dev.muonlab.train;

import dev.muonlab.gpt.Batch;
import dev.muonlab.gpt.DataParallelGpt;
import dev.muonlab.gpt.DataSplit;
import dev.muonlab.gpt.Gpt;
import dev.muonlab.gpt.GptParameters;
import dev.muonlab.gpt.NativeThreads;
import dev.muonlab.gpt.StepSeeds;
import dev.muonlab.optim.TaskRunner;
import dev.muonlab.progress.ProgressListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The training loop of nanoGPT's {@code train.py}, one optimizer step per batch: sample batch k from
 * (seed, k), forward and backward, clip the global gradient norm, step the optimizer, evaluate on
 * fixed validation batches every {@code evalInterval} steps, checkpoint every
 * {@code checkpointInterval} steps and at the end.
 *
 * <p>Stops cleanly, keeping the log and writing a final checkpoint, when its thread is interrupted
 * (a notebook's interrupt) or {@link #requestStop()} is called (the command line's Ctrl-C hook).
 * A non-finite or exploding training loss stops the run as diverged, naming the step, keeping the
 * log and the last good checkpoint. Everything is ND4J code with no backend-specific call.
 */
public final class Trainer {

    /** Factory of the optimizer over the model's live parameters. */
    @FunctionalInterface
    public interface OptimizerFactory {
        StepOptimizer create(TrainConfig config, Map<String, INDArray> params);
    }

    private final TrainConfig config;
    private final DataSplit data;
    private final Gpt model;
    private final StepOptimizer optimizer;
    private final TrainLog log;
    private final Path outDir;
    private final List<Batch> validation = new ArrayList<>();
    private final StepWorkspace workspace = new StepWorkspace();
    private int step;
    private int savedStep = -1;                 // the step of the last checkpoint written or read, -1: none
    private double elapsedBefore;
    private Optional<RunEnvironment> savedEnvironment = Optional.empty();
    private DataParallelGpt parallel;
    private volatile boolean stopRequested;
    private double qkClipTau;                  // τ of QK-clip, NaN when off
    private double[][] lastMaxLogits;          // S[l][h] of the last step's forward pass

    private Trainer(TrainConfig config, DataSplit data, Gpt model, StepOptimizer optimizer, TrainLog log,
                    Path outDir, int step, double elapsedBefore) {
        this.config = config;
        this.data = data;
        this.model = model;
        this.optimizer = optimizer;
        this.log = log;
        this.outDir = outDir;
        this.step = step;
        this.elapsedBefore = elapsedBefore;
        this.parallel = new DataParallelGpt(model, 1);
        this.qkClipTau = config.optimizer() == OptimizerChoice.MUON_CLIP ? AttentionLogitClip.KIMI_TAU : Double.NaN;
        model.trackAttentionLogits(true);          // each layer's max logit goes into metrics.csv
        validation.addAll(ValidationSet.fixedBatches(data.validation(), config.model().batchSize(),
                config.model().blockSize(), config.evalBatches()));
    }

    /**
     * A new run from nanoGPT's initialization.
     *
     * @param outDir the run folder (created; {@code config.properties} written), or null to keep nothing on disk
     */
    public static Trainer create(TrainConfig config, DataSplit data, Path outDir, OptimizerFactory factory) {
        Gpt model = Gpt.create(config.model(), DataType.FLOAT, config.seed());
        StepOptimizer optimizer = factory.create(config, model.parameters().asMap());
        if (outDir != null) {
            RunFolder.writeConfig(outDir, config);
        }
        return new Trainer(config, data, model, optimizer, new TrainLog(config.model().nLayer()), outDir, 0, 0.0);
    }

    /** @return a new run with the optimizer of {@link Recipes} */
    public static Trainer create(TrainConfig config, DataSplit data, Path outDir) {
        return create(config, data, outDir, Recipes::optimizer);
    }

    /**
     * Continues the run saved in {@code outDir} from its checkpoint, bit-identically when the
     * arithmetic is the same as when it was saved ({@link RunEnvironment}); otherwise correctly, and
     * {@link #resumeWarnings()} says what differs.
     *
     * <p>Reads and checks every file it needs first ({@link RunFolder}: the sealed config and
     * environment, the checkpoint against its manifest and the model's shapes, the logs against
     * the checkpoint's copies), and writes nothing to the run folder until all of them pass; then
     * it saves a changed step count and finishes a checkpoint save that a crash interrupted.
     *
     * @param steps the new total number of steps, or 0 to keep the saved one
     * @throws RunFolderException naming the first missing or damaged file and what to do
     */
    public static Trainer resume(Path outDir, DataSplit data, int steps, OptimizerFactory factory) {
        TrainConfig saved = RunFolder.readConfig(outDir);
        TrainConfig config = steps > 0 && steps != saved.steps() ? saved.withSteps(steps) : saved;
        Optional<RunEnvironment> before = RunFolder.readEnvironment(outDir);
        Gpt model = Gpt.create(config.model(), DataType.FLOAT, config.seed());
        Map<String, INDArray> live = model.parameters().asMap();
        StepOptimizer optimizer = factory.create(config, live);
        Checkpoint cp = Checkpoint.load(outDir, live, config.seed(), optimizer);
        RunFolder.checkLogs(outDir, cp);
        cp.params().forEach((name, value) -> live.get(name).assign(value));
        RunFolder.settle(outDir, config, saved, cp);                    // everything verified: now write
        Trainer trainer = new Trainer(config, data, model, optimizer, cp.log(), outDir, cp.step(), cp.elapsed());
        trainer.savedEnvironment = before;
        trainer.savedStep = cp.step();
        return trainer;
    }

    /** @return {@link #resume(Path, DataSplit, int, OptimizerFactory)} with {@link Recipes} */
    public static Trainer resume(Path outDir, DataSplit data, int steps) {
        return resume(outDir, data, steps, Recipes::optimizer);
    }

    /**
     * @return for a resumed run, what differs in the arithmetic from the segment it continues (so it
     *         is not bit-identical), one sentence each; empty for a new run or a bit-identical resume
     */
    public List<String> resumeWarnings() {
        RunEnvironment now = RunEnvironment.current(parallel.workers());
        return savedEnvironment.map(now::differencesFrom).map(List::copyOf).orElse(List.of());
    }

    /**
     * Splits each training batch over {@code n} threads ({@link DataParallelGpt}), and spreads the
     * optimizer's per-parameter updates over them too (Muon's Newton-Schulz runs per matrix); 1, the
     * default, runs everything on the calling thread. On a multi-core CPU this is the fast way to use the cores at
     * GPT sizes this small: each worker's ops then run single-threaded, so for n &gt; 1 this also
     * sets ND4J's and OpenBLAS's own thread counts to 1 ({@link NativeThreads}, process-wide). The
     * numbers differ in the last bits from another worker count (sums in another order); each
     * {@link #run} records the count in the run folder ({@link RunEnvironment}).
     *
     * @param n worker threads, ≥ 1; 1 on a GPU backend
     * @return this trainer. Modifies: the worker count
     */
    public Trainer workers(int n) {
        if (n > 1 && !Nd4j.getEnvironment().isCPU()) {
            throw new IllegalArgumentException("worker threads split batches on the CPU backend only; use 1 on a GPU");
        }
        DataParallelGpt next = new DataParallelGpt(model, n);
        parallel.close();
        parallel = next;
        optimizer.runUpdatesWith(n == 1 ? TaskRunner.SEQUENTIAL : next::runAll);  // e.g. Muon's NS per matrix
        if (n > 1) {
            NativeThreads.set(1);
        }
        return this;
    }

    /**
     * @return the worker count to use by default: one per core on the CPU backend, 1 on a GPU (which
     *         {@link #workers(int)} requires there). Modifies nothing.
     */
    public static int defaultWorkers() {
        return Nd4j.getEnvironment().isCPU() ? Runtime.getRuntime().availableProcessors() : 1;
    }

    /** @return the worker threads each batch is split over */
    public int workers() {
        return parallel.workers();
    }

    /**
     * Trains until {@code config.steps()} steps are done, or a stop, or a divergence.
     *
     * @param progress receives (step, steps, "loss … · val … · … tok/s") after every step
     * @param observer called after every step on this thread
     */
    public TrainResult run(ProgressListener progress, TrainObserver observer) {
        Map<String, INDArray> params = model.parameters().asMap();
        Map<String, INDArray> grads = model.gradients();
        int B = config.model().batchSize();
        int T = config.model().blockSize();
        long runStart = System.nanoTime();
        double trainSeconds = 0;
        int stepsThisCall = 0;
        if (outDir != null) {
            try {
                RunEnvironment.current(parallel.workers()).write(outDir);  // this segment's arithmetic
            } catch (UncheckedIOException e) {
                throw RunFolder.writeFailed(outDir, RunEnvironment.FILE, step, savedStep, e);
            }
        }
        while (step < config.steps()) {
            if (stopRequested || Thread.currentThread().isInterrupted()) {
                return stop(runStart);
            }
            long t0 = System.nanoTime();
            long dropoutSeed = StepSeeds.mix(config.seed() ^ 0x5DEECE66DL, step);
            Batch batch = Batch.sampleAt(data.train(), B, T, config.seed(), step);
            double loss = parallel.lossAndGradients(batch, config.model().dropout() > 0, dropoutSeed);
            lastMaxLogits = parallel.attentionMaxLogits();
            if (!Double.isFinite(loss) || loss > config.divergenceLoss()) {
                return diverge(step + 1, "training loss " + loss + " at step " + (step + 1)
                        + (Double.isFinite(loss) ? " exceeds " + config.divergenceLoss() : " is not finite"), runStart);
            }
            double[] gradNorm = new double[1];
            double lr = optimizer.currentLr();
            boolean stats = (step + 1) % config.statsInterval() == 0 || step + 1 == config.steps();
            workspace.run(() -> {
                gradNorm[0] = GradientOps.clipGlobalNorm(grads, config.gradClip());
                if (!Double.isFinite(gradNorm[0])) {
                    return;
                }
                Map<String, INDArray> before = stats ? copies(params) : null;
                optimizer.step(grads);
                if (stats) {
                    recordParameterStats(before, params, step + 1);
                }
            });
            if (!Double.isFinite(gradNorm[0])) {
                return diverge(step + 1, "gradient norm " + gradNorm[0] + " at step " + (step + 1), runStart);
            }
            if (!Double.isNaN(qkClipTau) && lastMaxLogits != null) {
                AttentionLogitClip.apply(params, lastMaxLogits, qkClipTau);
            }
            step++;
            stepsThisCall++;
            double stepSeconds = (System.nanoTime() - t0) / 1e9;
            trainSeconds += stepSeconds;
            boolean evaluate = step % config.evalInterval() == 0 || step == config.steps();
            double valLoss = evaluate ? evaluate() : Double.NaN;
            double elapsed = elapsedBefore + (System.nanoTime() - runStart) / 1e9;
            log.addStep(step, loss, valLoss, lr, gradNorm[0], T * B / stepSeconds, elapsed,
                    AttentionLogitClip.perLayer(lastMaxLogits));
            observer.onStep(this, step, evaluate);
            double tokensPerSecond = stepsThisCall * (double) (B * T) / trainSeconds;
            // no ETA here: the progress display computes its own from (step, steps) and its clock
            progress.onProgress(step, config.steps(), String.format("loss %.4f%s · %,.0f tok/s", loss,
                    Double.isNaN(log.lastValLoss()) ? "" : String.format(" · val %.4f", log.lastValLoss()),
                    tokensPerSecond));
            boolean checkpoint = config.checkpointInterval() > 0 && step % config.checkpointInterval() == 0
                    && step < config.steps();
            if (outDir != null && (evaluate || checkpoint)) {
                persist(checkpoint, elapsed);      // the log first: it then always covers the checkpoint
            }
        }
        save(elapsedBefore + (System.nanoTime() - runStart) / 1e9);
        return new TrainResult(TrainResult.Status.COMPLETED, step,
                "completed " + step + " steps; val loss " + String.format("%.4f", log.lastValLoss()), outDir, log);
    }

    /** @return the mean loss over the fixed validation batches (no dropout; split over the workers), nats */
    public double evaluate() {
        return ValidationSet.meanLoss(parallel::loss, validation);
    }

    /** @return the mean loss over the whole validation split ({@link ValidationSet#fullPassLoss}), nats */
    public double evaluateFullPass() {
        return ValidationSet.fullPassLoss(parallel::loss, data.validation(), config.model().batchSize(),
                config.model().blockSize());
    }

    /**
     * Sets QK-clip's threshold (on by default at Kimi K2's τ = 100 for {@code muon-clip}, off
     * otherwise). Not saved in the run folder: a resumed run is back at its recipe's default.
     *
     * @param tau τ &gt; 0, or NaN for off
     * @return this trainer. Modifies: the threshold
     */
    public Trainer clipAttentionLogits(double tau) {
        if (!Double.isNaN(tau) && !(tau > 0)) {
            throw new IllegalArgumentException("qk-clip: tau must be positive (or NaN for off), got " + tau);
        }
        qkClipTau = tau;
        return this;
    }

    /** @return S[l][h], each head's largest attention logit in the last step's forward pass (a copy), or null */
    public double[][] lastAttentionMaxLogits() {
        return lastMaxLogits == null ? null : Arrays.stream(lastMaxLogits).map(double[]::clone).toArray(double[][]::new);
    }

    /** Asks the loop to stop after the current step, keeping log and checkpoint. Thread-safe. */
    public void requestStop() {
        stopRequested = true;
    }

    public TrainConfig config() {
        return config;
    }

    public Gpt model() {
        return model;
    }

    public TrainLog log() {
        return log;
    }

    /** @return steps done */
    public int step() {
        return step;
    }

    public Path outDir() {
        return outDir;
    }

    private TrainResult stop(long runStart) {
        boolean interrupted = Thread.interrupted();   // cleared so file channels can write; restored below
        try {
            save(elapsedBefore + (System.nanoTime() - runStart) / 1e9);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return new TrainResult(TrainResult.Status.INTERRUPTED, step, "stopped at step " + step
                + (outDir == null ? "" : "; log and checkpoint kept in " + outDir), outDir, log);
    }

    private TrainResult diverge(int atStep, String message, long runStart) {
        if (outDir != null) {
            persist(false, Double.NaN);
        }
        return new TrainResult(TrainResult.Status.DIVERGED, step, "diverged: " + message
                + "; stopped with " + step + " good steps" + (outDir == null ? "" : ", log kept in " + outDir),
                outDir, log);
    }

    private void save(double elapsed) {
        if (outDir != null) {
            persist(true, elapsed);
        }
    }

    /**
     * Writes the log and, when asked, a checkpoint.
     *
     * @throws RunFolderException when a write fails (a full disk), saying which checkpoint is intact
     */
    private void persist(boolean checkpoint, double elapsed) {
        try {
            log.save(outDir);
        } catch (UncheckedIOException e) {
            throw RunFolder.writeFailed(outDir, "the training log", step, savedStep, e);
        }
        if (checkpoint) {
            try {
                Checkpoint.save(outDir, step, config, elapsed, model.parameters().asMap(), optimizer, log);
                savedStep = step;
            } catch (IOException | UncheckedIOException e) {
                throw RunFolder.writeFailed(outDir, "the checkpoint of step " + step, step, savedStep, e);
            }
        }
    }

    private void recordParameterStats(Map<String, INDArray> before, Map<String, INDArray> after, int atStep) {
        for (Map.Entry<String, INDArray> e : after.entrySet()) {
            INDArray w = e.getValue();
            double updateRms = GradientOps.rms(w.sub(before.get(e.getKey())));
            log.addParameterStats(atStep, e.getKey(), Arrays.toString(w.shape()), optimizer.groupOf(e.getKey()),
                    updateRms, GradientOps.rms(w));
        }
    }

    private static Map<String, INDArray> copies(Map<String, INDArray> params) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        params.forEach((k, v) -> out.put(k, v.dup()));
        return out;
    }

    /**
     * @return the config saved in a run folder's {@code config.properties}, checked against its checksum
     * @throws RunFolderException when it is missing or damaged
     */
    public static TrainConfig readConfig(Path outDir) {
        return RunFolder.readConfig(outDir);
    }
}
