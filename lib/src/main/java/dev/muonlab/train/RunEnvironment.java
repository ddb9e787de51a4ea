package dev.muonlab.train;

import dev.muonlab.host.HostArrays;
import dev.muonlab.io.CorruptFileException;
import dev.muonlab.io.SealedProperties;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a run's numbers depend on besides its config: the ND4J backend, the OpenBLAS kernels and
 * whether the fused fp32 kernels run. Saved as {@code environment.properties} in the run folder,
 * sealed with its own checksum ({@link SealedProperties}).
 *
 * <p>Why: a resumed run is bit-identical only under the same arithmetic. The launcher gives
 * {@code ./muonlab train} OpenBLAS's AVX-512 kernels and the notebook kernel its AVX2 kernels (see
 * {@code openblas_coretype} in {@code ./muonlab}), and a JVM without the Vector API module runs the
 * ND4J ops instead of the fused kernels. Each of these rounds differently. A run started under one
 * and resumed under another continues correctly, but not bit-identically, and
 * {@link Trainer#resume} says so.
 *
 * @param backend      "cpu" or "cuda"
 * @param blasCoreType {@code OPENBLAS_CORETYPE} on the CPU ("auto" when unset: OpenBLAS chooses), "-" elsewhere
 * @param fusedKernels whether the fused fp32 CPU kernels are available ({@link HostArrays#VECTOR_API})
 * @param workers      threads each batch is split over ({@link dev.muonlab.gpt.DataParallelGpt}); the
 *                     sums over the batch are taken in another order for each count
 * @param java         the JVM's version, for the record only (it does not change the arithmetic)
 */
public record RunEnvironment(String backend, String blasCoreType, boolean fusedKernels, int workers, String java) {

    static final String FILE = "environment.properties";

    /** @return this JVM's environment, for a run whose batches are split over {@code workers} threads */
    public static RunEnvironment current(int workers) {
        boolean cpu = Nd4j.getEnvironment().isCPU();
        String core = System.getenv("OPENBLAS_CORETYPE");
        return new RunEnvironment(cpu ? "cpu" : "cuda", cpu ? (core == null || core.isEmpty() ? "auto" : core) : "-",
                cpu && HostArrays.VECTOR_API, workers, System.getProperty("java.version"));
    }

    /** Writes {@code environment.properties} into outDir (created if missing; replaced atomically, sealed). */
    void write(Path outDir) {
        Path f = outDir.resolve(FILE);
        try {
            Files.createDirectories(outDir);
            Map<String, String> p = new LinkedHashMap<>();
            p.put("backend", backend);
            p.put("openblas_coretype", blasCoreType);
            p.put("fused_kernels", Boolean.toString(fusedKernels));
            p.put("workers", Integer.toString(workers));
            p.put("java", java);
            SealedProperties.write(f, p, "Muon Lab: the arithmetic this run's last segment ran with");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + f, e);
        }
    }

    /** @return the environment saved in outDir, or empty when there is none; see {@link #readChecked} */
    static Optional<RunEnvironment> read(Path outDir) {
        try {
            return readChecked(outDir);
        } catch (CorruptFileException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * @return the environment saved in outDir, or empty when the file is missing
     * @throws CorruptFileException when the file is damaged (it carries its own checksum) or malformed
     */
    static Optional<RunEnvironment> readChecked(Path outDir) throws CorruptFileException {
        Path f = outDir.resolve(FILE);
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        Map<String, String> p;
        try {
            p = SealedProperties.read(f);
        } catch (CorruptFileException e) {
            throw e;
        } catch (IOException e) {
            throw new CorruptFileException(f, "cannot be read (" + e.getMessage() + ")");
        }
        try {
            return Optional.of(new RunEnvironment(p.getOrDefault("backend", "?"), p.getOrDefault("openblas_coretype", "?"),
                    Boolean.parseBoolean(p.getOrDefault("fused_kernels", "false")),
                    Integer.parseInt(p.getOrDefault("workers", "1")), p.getOrDefault("java", "?")));
        } catch (NumberFormatException e) {
            throw new CorruptFileException(f, "has workers=" + p.get("workers") + ", not a thread count");
        }
    }

    /**
     * @param saved the environment the run was saved under
     * @return one sentence per difference that changes the arithmetic; empty when a resume is bit-identical
     */
    List<String> differencesFrom(RunEnvironment saved) {
        List<String> out = new ArrayList<>();
        if (!backend.equals(saved.backend)) {
            out.add("the backend was " + saved.backend + " and is now " + backend);
        }
        if (!blasCoreType.equals(saved.blasCoreType)) {
            out.add("OpenBLAS's kernels were OPENBLAS_CORETYPE=" + saved.blasCoreType + " and are now "
                    + blasCoreType);
        }
        if (fusedKernels != saved.fusedKernels) {
            out.add(saved.fusedKernels ? "the fused fp32 kernels ran and now do not (add --add-modules jdk.incubator.vector)"
                    : "the fused fp32 kernels did not run and now do");
        }
        if (workers != saved.workers) {
            out.add("each batch was split over " + saved.workers + " worker thread(s) and is now split over " + workers);
        }
        return out;
    }
}
