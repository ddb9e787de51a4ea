package dev.muonlab.experiments;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Saves a study's result tables as CSV with the study's configuration beside them, and reloads them
 * only when the configuration matches, so a notebook rerun with unchanged parameters is instant and
 * a changed parameter recomputes.
 *
 * <p>Layout: {@code <studyDir>/<key>/config.txt} (the config record's {@code toString()}, which
 * records print completely and deterministically), {@code <name>.csv} and {@code <name>.types} (the
 * column types, so a reload gives the same types), where key is a short hash of the config text.
 * Files are written to a temporary folder first and moved into place, so a crash never leaves a
 * half-written result that would later be reloaded.
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
        for (Map.Entry<String, Table> e : tables.entrySet()) {
            e.getValue().write().csv(tmp.resolve(e.getKey() + ".csv").toFile());
            List<String> types = new ArrayList<>();
            for (ColumnType t : e.getValue().typeArray()) {
                types.add(t.name());
            }
            Files.write(tmp.resolve(e.getKey() + ".types"), types, StandardCharsets.UTF_8);
        }
        Files.writeString(tmp.resolve("config.txt"), describe(config), StandardCharsets.UTF_8);
        if (Files.exists(target)) {
            deleteRecursively(target);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    /**
     * @param studyDir the study's folder
     * @param config   the configuration that must match exactly. Not modified.
     * @param names    the tables to read
     * @return the tables, or empty when nothing was saved for this configuration (or a file is missing)
     */
    public static Optional<Map<String, Table>> load(Path studyDir, Object config, String... names) throws IOException {
        Path folder = folderFor(studyDir, config);
        Path configFile = folder.resolve("config.txt");
        if (!Files.isRegularFile(configFile)
                || !Files.readString(configFile, StandardCharsets.UTF_8).equals(describe(config))) {
            return Optional.empty();
        }
        Map<String, Table> tables = new LinkedHashMap<>();
        for (String name : names) {
            Path csv = folder.resolve(name + ".csv");
            Path typesFile = folder.resolve(name + ".types");
            if (!Files.isRegularFile(csv) || !Files.isRegularFile(typesFile)) {
                return Optional.empty();
            }
            List<String> typeNames = Files.readAllLines(typesFile, StandardCharsets.UTF_8);
            ColumnType[] types = typeNames.stream().filter(s -> !s.isBlank()).map(ResultStore::type)
                    .toArray(ColumnType[]::new);
            tables.put(name, Table.read().usingOptions(CsvReadOptions.builder(csv.toFile())
                    .columnTypes(types).tableName(name)));
        }
        return Optional.of(tables);
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

    private static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
