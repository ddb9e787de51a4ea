package dev.muonlab.sweep;

import dev.muonlab.io.CorruptFileException;
import dev.muonlab.io.DurableFiles;
import dev.muonlab.io.FaultPoints;
import dev.muonlab.io.Manifest;
import dev.muonlab.io.SealedProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * The content-addressed store of sweep results: one folder per run spec,
 * {@code <root>/<study>/<spec hash>/}, holding
 * <ul>
 *   <li>{@code spec.properties}: the spec's parameters (sealed), so a folder says what it holds and a
 *       hash collision is caught;</li>
 *   <li>{@code metrics.properties}: the run's metrics (sealed; doubles as {@link Double#toString});</li>
 *   <li>{@code curve.csv} and {@code curve.types}: the curve, when the run has one;</li>
 *   <li>{@code manifest.properties}: size and CRC32C of each file, written last ({@link Manifest}).</li>
 * </ul>
 * A folder is written under a temporary name and renamed into place, so a crash leaves either no
 * result or a whole one. A result whose files do not verify is never reused: {@link #load} reports
 * why through the warning sink and answers "absent", and the sweep runs the spec again, whose
 * {@link #save} then replaces the damaged folder.
 *
 * <p>Thread-safe: runs save from worker threads, each into its own folder.
 */
public final class RunStore {

    static final String SPEC = "spec.properties";
    static final String METRICS = "metrics.properties";
    static final String CURVE = "curve.csv";
    static final String CURVE_TYPES = "curve.types";

    private final Path root;
    private final Consumer<String> warnings;

    /**
     * @param root     e.g. {@code data/results}; created on the first save
     * @param warnings receives one sentence per damaged result found (then recomputed)
     */
    public RunStore(Path root, Consumer<String> warnings) {
        this.root = root;
        this.warnings = warnings;
    }

    /** @return the results root */
    public Path root() {
        return root;
    }

    /** @return the folder of {@code spec}'s result (it may not exist) */
    public Path folder(RunSpec spec) {
        return root.resolve(spec.study()).resolve(spec.hash());
    }

    /** @return whether a result for {@code spec} exists and verifies (a damaged one is reported) */
    public boolean has(RunSpec spec) {
        return load(spec).isPresent();
    }

    /**
     * @param spec the run. Not modified.
     * @return its stored result, when present and whole; empty when absent, or damaged (reported to
     *         the warning sink with the file and what is wrong)
     */
    public Optional<RunResult> load(RunSpec spec) {
        Path dir = folder(spec);
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try {
            Manifest.verify(dir);
            Map<String, String> params = SealedProperties.read(dir.resolve(SPEC));
            if (!params.equals(withStudy(spec))) {
                throw new CorruptFileException(dir.resolve(SPEC), "describes another run: " + params);
            }
            Map<String, Double> metrics = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : SealedProperties.read(dir.resolve(METRICS)).entrySet()) {
                metrics.put(e.getKey(), parseMetric(dir.resolve(METRICS), e.getKey(), e.getValue()));
            }
            Table curve = Files.exists(dir.resolve(CURVE)) ? readCurve(dir) : null;
            return Optional.of(new RunResult(metrics, curve));
        } catch (CorruptFileException e) {
            warnings.accept("the stored result " + e.file() + " " + e.problem() + "; run " + spec.hash()
                    + " is computed again and its folder replaced");
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            warnings.accept("the stored result in " + dir + " cannot be read (" + e.getMessage()
                    + "); run " + spec.hash() + " is computed again and its folder replaced");
            return Optional.empty();
        }
    }

    /**
     * Stores {@code result} as {@code spec}'s, replacing a damaged folder of the same spec.
     *
     * @param spec   the run. Not modified.
     * @param result its result. Not modified.
     * @return the folder written. Modified: the store.
     */
    public Path save(RunSpec spec, RunResult result) {
        Path target = folder(spec);
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempDirectory(target.getParent(), ".tmp-" + spec.hash() + "-");
            SealedProperties.write(tmp.resolve(SPEC), withStudy(spec), "Muon Lab sweep run " + spec.hash());
            Map<String, String> metrics = new LinkedHashMap<>();
            result.metrics().forEach((k, v) -> metrics.put(k, Double.toString(v)));
            SealedProperties.write(tmp.resolve(METRICS), metrics, "metrics of run " + spec.hash());
            if (result.curve() != null) {
                writeCurve(tmp, result.curve());
            }
            Manifest.write(tmp);
            FaultPoints.reach("sweep:before-move");
            if (Files.exists(target)) {              // a damaged result of the same spec: replaced
                DurableFiles.deleteTree(target);
                FaultPoints.reach("sweep:between-delete-and-move");
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the result of run " + spec.hash() + " in " + target
                    + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, String> withStudy(RunSpec spec) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("study", spec.study());
        m.putAll(spec.params());
        return m;
    }

    private static double parseMetric(Path file, String key, String value) throws CorruptFileException {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new CorruptFileException(file, "holds a metric '" + key + "' that is not a number: '" + value + "'");
        }
    }

    private static void writeCurve(Path dir, Table curve) throws IOException {
        curve.write().csv(dir.resolve(CURVE).toFile());
        List<String> types = new ArrayList<>();
        for (ColumnType t : curve.typeArray()) {
            types.add(t.name());
        }
        Files.write(dir.resolve(CURVE_TYPES), types, StandardCharsets.UTF_8);
    }

    private static Table readCurve(Path dir) throws IOException {
        List<String> names = Files.readAllLines(dir.resolve(CURVE_TYPES), StandardCharsets.UTF_8);
        ColumnType[] types = new ColumnType[names.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = ColumnType.valueOf(names.get(i));
        }
        return Table.read().usingOptions(CsvReadOptions.builder(dir.resolve(CURVE).toFile())
                .columnTypes(types).tableName("curve"));
    }
}
