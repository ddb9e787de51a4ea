package dev.muonlab.experiments;

import dev.muonlab.io.CorruptFileException;
import dev.muonlab.io.DurableFiles;
import dev.muonlab.io.FaultPoints;
import dev.muonlab.io.Manifest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Saves a study's result tables as CSV with the study's configuration beside them, and reloads them
 * only when the configuration matches and every file verifies, so a notebook rerun with unchanged
 * parameters is instant, a changed parameter recomputes, and a damaged cache recomputes with a
 * warning instead of being reused.
 *
 * <p>Layout: {@code <studyDir>/<key>/config.txt} (the config record's {@code toString()}, which
 * records print completely and deterministically), {@code <name>.csv} and {@code <name>.types} (the
 * column types, so a reload gives the same types), and {@code manifest.properties} (size and CRC32C
 * of each, {@link Manifest}), where key is a short hash of the config text. Files are written to a
 * temporary folder, the manifest last, read back against it, and only then moved into place, so a
 * crash never leaves a result that would later be reloaded half-written.
 */
public final class ResultStore {

    /** Bumped when the meaning of saved columns changes, to invalidate old results. */
    static final String FORMAT = "muonlab-results 1";

    private ResultStore() {
    }

    /** @return the folder of one configuration under {@code studyDir} */
    public static Path folderFor(Path studyDir, Object config) {
        return studyDir.resolve(key(describe(config)));
    }

    /**
     * @param studyDir e.g. {@code data/results/matrix-factorization}; created if needed
     * @param config   the configuration (a record). Not modified.
     * @param tables   name → table. Not modified.
     * @return the folder written
     */
    public static Path save(Path studyDir, Object config, Map<String, Table> tables) throws IOException {
        Path target = folderFor(studyDir, config);
        Files.createDirectories(studyDir);
        Path tmp = Files.createTempDirectory(studyDir, ".tmp-");
        try {
            for (Map.Entry<String, Table> e : tables.entrySet()) {
                ByteArrayOutputStream csv = new ByteArrayOutputStream();
                e.getValue().write().csv(csv);
                DurableFiles.write(tmp.resolve(e.getKey() + ".csv"), csv.toByteArray());
                StringBuilder types = new StringBuilder();
                for (ColumnType t : e.getValue().typeArray()) {
                    types.append(t.name()).append('\n');
                }
                DurableFiles.write(tmp.resolve(e.getKey() + ".types"), types.toString().getBytes(StandardCharsets.UTF_8));
            }
            DurableFiles.write(tmp.resolve("config.txt"), describe(config).getBytes(StandardCharsets.UTF_8));
            FaultPoints.reach("results:before-manifest");
            Manifest.write(tmp);
            Manifest.verify(tmp);                                      // on disk as written
        } catch (IOException | RuntimeException e) {
            DurableFiles.deleteTree(tmp);
            throw e;
        }
        DurableFiles.deleteTree(target);
        FaultPoints.reach("results:between-delete-and-move");
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    /**
     * {@link #load(Path, Object, Consumer, String...)} with warnings printed to stderr, where a
     * notebook shows them under the cell: a cache that does not verify is worth a line to whoever
     * waits for the recomputation.
     */
    public static Optional<Map<String, Table>> load(Path studyDir, Object config, String... names) throws IOException {
        return load(studyDir, config, w -> System.err.println("results: warning: " + w), names);
    }

    /**
     * @param studyDir the study's folder. Not modified.
     * @param config   the configuration that must match exactly. Not modified.
     * @param warnings receives one sentence when a saved result exists but cannot be used (a file
     *                 missing or damaged, another configuration, an unreadable table), which the
     *                 caller then recomputes
     * @param names    the tables to read
     * @return the tables, or empty when nothing usable was saved for this configuration
     */
    public static Optional<Map<String, Table>> load(Path studyDir, Object config, Consumer<String> warnings,
                                                    String... names) throws IOException {
        Path folder = folderFor(studyDir, config);
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        String recompute = ", so the result is recomputed";
        try {
            Manifest.verify(folder);
        } catch (CorruptFileException e) {
            warnings.accept("the cached result " + e.getMessage() + recompute);
            return Optional.empty();
        }
        Path configFile = folder.resolve("config.txt");
        if (!Files.readString(configFile, StandardCharsets.UTF_8).equals(describe(config))) {
            warnings.accept("the cached result in " + folder + " is of another configuration" + recompute);
            return Optional.empty();
        }
        Map<String, Table> tables = new LinkedHashMap<>();
        for (String name : names) {
            Path csv = folder.resolve(name + ".csv");
            Path typesFile = folder.resolve(name + ".types");
            if (!Files.isRegularFile(csv) || !Files.isRegularFile(typesFile)) {
                warnings.accept("the cached result in " + folder + " has no table " + name + recompute);
                return Optional.empty();
            }
            try {
                ColumnType[] types = Files.readAllLines(typesFile, StandardCharsets.UTF_8).stream()
                        .filter(t -> !t.isBlank()).map(ResultStore::type).toArray(ColumnType[]::new);
                tables.put(name, Table.read().usingOptions(CsvReadOptions.builder(csv.toFile())
                        .columnTypes(types).tableName(name)));
            } catch (RuntimeException e) {
                warnings.accept("the cached table " + csv + " cannot be read (" + e.getMessage() + ")" + recompute);
                return Optional.empty();
            }
        }
        return Optional.of(tables);
    }

    /**
     * Writes the manifest of a result folder saved before manifests were kept, so that it loads
     * again. Only for folders whose files are known to be good (e.g. committed to git).
     *
     * @param folder a result folder. Modified: {@code manifest.properties} written.
     */
    public static void writeManifest(Path folder) throws IOException {
        Manifest.write(folder);
    }

    static String describe(Object config) {
        return FORMAT + "\n" + config + "\n";
    }

    private static ColumnType type(String name) {
        for (ColumnType t : new ColumnType[]{ColumnType.STRING, ColumnType.DOUBLE, ColumnType.INTEGER,
                ColumnType.LONG, ColumnType.BOOLEAN, ColumnType.FLOAT}) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unsupported saved column type " + name);
    }

    private static String key(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 6; i++) {
                sb.append(String.format("%02x", hash[i]));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
