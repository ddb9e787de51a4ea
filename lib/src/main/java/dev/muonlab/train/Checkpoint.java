package dev.muonlab.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A run folder's checkpoint, {@code OUT/checkpoint/}: {@code params/NAME.npy} (exact bits),
 * {@code optimizer/} (the optimizer's own state format), {@code state.properties} (step, seed,
 * elapsed time, and the random-number state). The random state is counter-based: batch k and the
 * dropout masks of step k are drawn from generators keyed by (seed, k) (see {@link dev.muonlab.gpt.StepSeeds}), so
 * (seed, step) is the whole RNG state and resuming needs nothing else.
 *
 * <p>Written into {@code checkpoint.tmp} and then swapped in, so an interrupted save never leaves a
 * half-written checkpoint.
 *
 * @param step    steps done
 * @param elapsed wall-clock seconds of training so far
 * @param params  parameter arrays by name
 */
public record Checkpoint(int step, double elapsed, Map<String, INDArray> params) {

    public static final String DIR = "checkpoint";

    /**
     * @param outDir    the run folder. Modified: {@code checkpoint/} replaced.
     * @param params    parameters. Not modified.
     * @param optimizer its state is saved. Not modified.
     */
    public static void save(Path outDir, int step, long seed, double elapsed, Map<String, INDArray> params,
                            StepOptimizer optimizer) {
        Path tmp = outDir.resolve(DIR + ".tmp");
        Path fin = outDir.resolve(DIR);
        Path old = outDir.resolve(DIR + ".old");
        try {
            deleteTree(tmp);
            Files.createDirectories(tmp.resolve("params"));
            for (Map.Entry<String, INDArray> e : params.entrySet()) {
                Nd4j.writeAsNumpy(e.getValue(), tmp.resolve("params").resolve(e.getKey() + ".npy").toFile());
            }
            optimizer.save(tmp.resolve("optimizer"));
            Properties p = new Properties();
            p.setProperty("step", Integer.toString(step));
            p.setProperty("seed", Long.toString(seed));
            p.setProperty("elapsed_s", Double.toString(elapsed));
            p.setProperty("rng", "counter-based: batch and dropout generators keyed by (seed, step); state = step");
            try (Writer w = Files.newBufferedWriter(tmp.resolve("state.properties"), StandardCharsets.UTF_8)) {
                p.store(w, "Muon Lab training checkpoint");
            }
            deleteTree(old);
            if (Files.exists(fin)) {
                Files.move(fin, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(tmp, fin, StandardCopyOption.ATOMIC_MOVE);
            deleteTree(old);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint in " + outDir, e);
        }
    }

    /**
     * @param outDir    the run folder. Not modified.
     * @param names     the parameter names to read
     * @param optimizer receives the saved state. Modified.
     * @return the checkpoint
     */
    public static Checkpoint load(Path outDir, Iterable<String> names, StepOptimizer optimizer) {
        Path dir = outDir.resolve(DIR);
        Path stateFile = dir.resolve("state.properties");
        if (!Files.isRegularFile(stateFile)) {
            throw new IllegalStateException("no checkpoint to resume in " + outDir + " (" + stateFile + " is missing)");
        }
        try {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(stateFile, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            Map<String, INDArray> params = new LinkedHashMap<>();
            for (String name : names) {
                Path f = dir.resolve("params").resolve(name + ".npy");
                if (!Files.isRegularFile(f)) {
                    throw new IllegalStateException("checkpoint in " + dir + " lacks parameter " + name);
                }
                params.put(name, Nd4j.createFromNpyFile(f.toFile()));
            }
            optimizer.load(dir.resolve("optimizer"));
            return new Checkpoint(Integer.parseInt(p.getProperty("step")),
                    Double.parseDouble(p.getProperty("elapsed_s", "0")), params);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checkpoint in " + dir, e);
        }
    }

    /** @return whether {@code outDir} holds a checkpoint */
    public static boolean exists(Path outDir) {
        return Files.isRegularFile(outDir.resolve(DIR).resolve("state.properties"));
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
