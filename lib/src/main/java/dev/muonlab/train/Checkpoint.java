package dev.muonlab.train;

import dev.muonlab.io.CorruptFileException;
import dev.muonlab.io.DurableFiles;
import dev.muonlab.io.FaultPoints;
import dev.muonlab.io.Manifest;
import dev.muonlab.io.Npy;
import dev.muonlab.io.SealedProperties;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run folder's checkpoint, {@code OUT/checkpoint/}:
 * <pre>
 *   params/NAME.npy          each parameter, exact bits (.npy, read back with the strict {@link Npy})
 *   optimizer/               the optimizer's state ({@link dev.muonlab.optim.OptimizerState})
 *   metrics.csv, parameters.csv   the log up to this step ({@link TrainLog}), the verified copy
 *   state.properties         step, seed, elapsed time, and the random-number state (sealed)
 *   config.properties        the run's config as of this step, a verified copy of the run folder's
 *   manifest.properties      size and CRC32C of every other file ({@link Manifest}), written last
 * </pre>
 * The random state is counter-based: batch k and the dropout masks of step k are drawn from
 * generators keyed by (seed, k) ({@link dev.muonlab.gpt.StepSeeds}), so (seed, step) is the whole
 * RNG state and resuming needs nothing else.
 *
 * <p>Why this order: a save writes {@code checkpoint.tmp/}, the manifest last, reads it back
 * against the manifest, and only then renames {@code checkpoint/} to {@code checkpoint.old/} and
 * {@code checkpoint.tmp/} to {@code checkpoint/}, deleting the old one last. A crash at any point
 * leaves one checkpoint that verifies: {@code checkpoint/}, or between the two renames the verified
 * {@code checkpoint.tmp/} (or, failing that, {@code checkpoint.old/}), which {@link #load} finds and
 * {@link #settle} moves back into place. A full disk fails the save before the renames, leaving the
 * last good checkpoint as it was.
 *
 * @param step    steps done
 * @param elapsed wall-clock seconds of training so far
 * @param params  parameter arrays by name
 * @param log     the training log up to {@code step}
 * @param folder  the folder it was read from: {@code checkpoint/}, or a leftover of an interrupted save
 */
public record Checkpoint(int step, double elapsed, Map<String, INDArray> params, TrainLog log, Path folder) {

    public static final String DIR = "checkpoint";
    static final String STATE = "state.properties";

    /**
     * @param outDir    the run folder. Modified: {@code checkpoint/} replaced once the new one verifies.
     * @param params    parameters. Not modified.
     * @param optimizer its state is saved. Not modified.
     * @param config    the run's config (its seed; a copy is kept). Not modified.
     * @param log       the log up to {@code step}. Not modified.
     * @throws IOException when a write fails (a full disk); {@code checkpoint/} is then as it was
     */
    public static void save(Path outDir, int step, TrainConfig config, double elapsed, Map<String, INDArray> params,
                            StepOptimizer optimizer, TrainLog log) throws IOException {
        Path tmp = outDir.resolve(DIR + ".tmp");
        Path fin = outDir.resolve(DIR);
        Path old = outDir.resolve(DIR + ".old");
        try {
            DurableFiles.deleteTree(tmp);
            Files.createDirectories(tmp.resolve("params"));
            for (Map.Entry<String, INDArray> e : params.entrySet()) {
                DurableFiles.write(tmp.resolve("params").resolve(e.getKey() + ".npy"), Npy.toBytes(e.getValue()));
            }
            optimizer.save(tmp.resolve("optimizer"));
            DurableFiles.write(tmp.resolve(TrainLog.METRICS_CSV), log.metricsCsv());
            DurableFiles.write(tmp.resolve(TrainLog.PARAMETERS_CSV), log.parametersCsv());
            Map<String, String> p = new LinkedHashMap<>();
            p.put("step", Integer.toString(step));
            p.put("seed", Long.toString(config.seed()));
            p.put("elapsed_s", Double.toString(elapsed));
            p.put("rng", "counter-based: batch and dropout generators keyed by (seed, step); state = step");
            DurableFiles.write(tmp.resolve(STATE), SealedProperties.bytes(p, "Muon Lab training checkpoint"));
            DurableFiles.write(tmp.resolve(RunFolder.CONFIG), SealedProperties.bytes(config.describe(),
                    "Muon Lab training run, as of this checkpoint"));
            Manifest.write(tmp);
            Manifest.verify(tmp);                                  // on disk as written, before the old one goes
        } catch (IOException | RuntimeException e) {
            try {
                DurableFiles.deleteTree(tmp);                      // give a full disk its space back
            } catch (IOException ignored) {
                // the next save deletes it
            }
            throw e;
        }
        DurableFiles.deleteTree(old);
        if (Files.exists(fin)) {
            Files.move(fin, old, StandardCopyOption.ATOMIC_MOVE);
        }
        FaultPoints.reach("checkpoint:between-renames");
        Files.move(tmp, fin, StandardCopyOption.ATOMIC_MOVE);
        FaultPoints.reach("checkpoint:before-deleting-old");
        DurableFiles.deleteTree(old);
    }

    /**
     * Reads and verifies the checkpoint: every file against the manifest, the state, every array's
     * shape and dtype against the model's, the optimizer state, the log. Writes nothing.
     *
     * @param outDir    the run folder. Not modified.
     * @param expected  the model's parameters by name, for their shapes and dtypes. Not modified.
     * @param seed      the run's seed, which the checkpoint must have
     * @param optimizer receives the saved state. Modified.
     * @throws RunFolderException naming the first file that is missing or wrong
     */
    public static Checkpoint load(Path outDir, Map<String, INDArray> expected, long seed, StepOptimizer optimizer) {
        Path dir = locate(outDir);
        String advice = adviceFor(outDir, dir);
        try {
            Manifest.verify(dir);
            Map<String, String> state = SealedProperties.read(dir.resolve(STATE));
            int step = parseInt(state, "step", dir.resolve(STATE));
            if (!Long.toString(seed).equals(state.get("seed"))) {
                throw new CorruptFileException(dir.resolve(STATE), "has seed " + state.get("seed")
                        + ", config.properties has " + seed);
            }
            double elapsed = parseDouble(state, "elapsed_s", dir.resolve(STATE));
            Map<String, INDArray> params = new LinkedHashMap<>();
            for (Map.Entry<String, INDArray> e : expected.entrySet()) {
                Path f = dir.resolve("params").resolve(e.getKey() + ".npy");
                if (!Files.isRegularFile(f)) {
                    throw new CorruptFileException(f, "is missing");
                }
                params.put(e.getKey(), readParameter(f, e.getValue()));
            }
            try {
                optimizer.load(dir.resolve("optimizer"));
            } catch (IllegalArgumentException mismatch) {
                throw new CorruptFileException(dir.resolve("optimizer"), "does not fit the model: " + mismatch.getMessage());
            }
            TrainLog log = TrainLogFiles.read(dir, step);
            return new Checkpoint(step, elapsed, params, log, dir);
        } catch (CorruptFileException e) {
            throw RunFolderException.cannotResume(outDir, e, advice);
        } catch (IOException e) {
            throw new RunFolderException("cannot resume " + outDir + ": reading " + RunFolderException.shown(outDir, dir)
                    + " failed (" + e.getMessage() + "); " + advice + ".");
        }
    }

    /**
     * Finishes what an interrupted save left: moves the checkpoint {@link #load} read back to
     * {@code checkpoint/} and deletes the leftovers. Call only after everything verified.
     *
     * @param outDir the run folder. Modified.
     */
    static void settle(Path outDir, Checkpoint cp) throws IOException {
        Path fin = outDir.resolve(DIR);
        if (!cp.folder().equals(fin)) {
            Files.move(cp.folder(), fin, StandardCopyOption.ATOMIC_MOVE);
        }
        DurableFiles.deleteTree(outDir.resolve(DIR + ".tmp"));
        DurableFiles.deleteTree(outDir.resolve(DIR + ".old"));
    }

    /** @return whether {@code outDir} holds a checkpoint (verified or not) */
    public static boolean exists(Path outDir) {
        return Files.isDirectory(outDir.resolve(DIR)) || Manifest.exists(outDir.resolve(DIR + ".tmp"))
                || Files.isDirectory(outDir.resolve(DIR + ".old"));
    }

    /** @return the folder holding the newest complete checkpoint: see the class comment */
    private static Path locate(Path outDir) {
        Path fin = outDir.resolve(DIR);
        Path tmp = outDir.resolve(DIR + ".tmp");
        Path old = outDir.resolve(DIR + ".old");
        if (Files.isDirectory(fin)) {
            return fin;
        }
        if (Manifest.exists(tmp)) {
            return tmp;                     // complete and verified before the renames began
        }
        if (Files.isDirectory(old)) {
            return old;
        }
        throw new RunFolderException("cannot resume " + outDir + ": it holds no checkpoint (" + DIR
                + "/ is missing), so the run stopped before its first checkpoint; start the run again without --resume.");
    }

    private static String adviceFor(Path outDir, Path dir) {
        Path old = outDir.resolve(DIR + ".old");
        if (!dir.equals(old) && Files.isDirectory(old)) {
            try {
                Manifest.verify(old);
                return "the previous checkpoint in " + DIR + ".old/ verifies: move " + DIR + "/ away and rename "
                        + DIR + ".old/ to " + DIR + "/ to resume from it, or start the run again with a new --out";
            } catch (IOException notGoodEither) {
                // fall through
            }
        }
        return "no other checkpoint is kept, so start the run again with a new --out (or restore the folder from a backup)";
    }

    private static INDArray readParameter(Path f, INDArray like) throws IOException {
        INDArray a;
        try {
            a = Npy.read(f);
        } catch (CorruptFileException e) {
            throw e;
        } catch (IOException e) {
            throw new CorruptFileException(f, "is not a valid .npy file (" + e.getMessage().replace(f + ": ", "") + ")");
        }
        if (a.dataType() != like.dataType() || !Arrays.equals(a.shape(), like.shape())) {
            throw new CorruptFileException(f, "holds " + a.dataType() + Arrays.toString(a.shape()) + ", the model has "
                    + like.dataType() + Arrays.toString(like.shape()));
        }
        return a;
    }

    private static int parseInt(Map<String, String> m, String key, Path file) throws CorruptFileException {
        try {
            int v = Integer.parseInt(m.getOrDefault(key, ""));
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new CorruptFileException(file, "has " + key + "=" + m.get(key) + ", not a step count");
        }
    }

    private static double parseDouble(Map<String, String> m, String key, Path file) throws CorruptFileException {
        try {
            double v = Double.parseDouble(m.getOrDefault(key, ""));
            if (!(v >= 0 && Double.isFinite(v))) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new CorruptFileException(file, "has " + key + "=" + m.get(key) + ", not a number of seconds");
        }
    }
}
