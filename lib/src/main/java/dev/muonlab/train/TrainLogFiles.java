package dev.muonlab.train;

import dev.muonlab.io.CorruptFileException;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reading a {@link TrainLog}'s two CSV files strictly: the exact header, every row parsed, and for
 * a checkpoint's copy the steps 1 to n in order; and checking a run folder's files against the
 * checkpoint's verified copies. Each failure is a {@link CorruptFileException} naming the file, so
 * a resume can say which file is wrong instead of Tablesaw's "Column elapsed_s is not present".
 */
final class TrainLogFiles {

    private TrainLogFiles() {
    }

    /**
     * Reads a checkpoint's copy of the log (already checked against its manifest) strictly.
     *
     * @param dir  the checkpoint folder. Not modified.
     * @param step the checkpoint's step: the metrics must hold steps 1 to {@code step}, in order
     */
    static TrainLog read(Path dir, int step) throws CorruptFileException {
        Table m = readMetrics(dir.resolve(TrainLog.METRICS_CSV));
        IntColumn steps = m.intColumn("step");
        for (int i = 0; i < m.rowCount(); i++) {
            if (steps.isMissing(i) || steps.getInt(i) != i + 1) {
                throw new CorruptFileException(dir.resolve(TrainLog.METRICS_CSV), "has step " + steps.getString(i)
                        + " in row " + (i + 1) + ", expected " + (i + 1));
            }
        }
        if (m.rowCount() != step) {
            throw new CorruptFileException(dir.resolve(TrainLog.METRICS_CSV), "holds " + m.rowCount()
                    + " steps, the checkpoint is of step " + step);
        }
        return new TrainLog(m, readParameters(dir.resolve(TrainLog.PARAMETERS_CSV)));
    }

    /**
     * Checks a run folder's {@code metrics.csv} or {@code parameters.csv} against the checkpoint's
     * verified copy: the copy's lines must begin the file (which may hold more steps, logged after
     * the checkpoint and discarded on resume). Catches a truncated, zeroed or bit-flipped file,
     * which parsing alone would take for a shorter or different log.
     *
     * @param file     the run folder's file. Not modified.
     * @param verified the checkpoint's copy. Not modified.
     */
    static void checkBegins(Path file, Path verified) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new CorruptFileException(file, "is missing");
        }
        List<String> have = lines(file);
        List<String> want = lines(verified);
        for (int i = 0; i < want.size(); i++) {
            if (i >= have.size()) {
                throw new CorruptFileException(file, "has " + have.size() + " lines where the checkpoint's copy has "
                        + want.size() + " (truncated)");
            }
            if (!have.get(i).equals(want.get(i))) {
                throw new CorruptFileException(file, "differs from the checkpoint's verified copy at line " + (i + 1)
                        + " (damaged)");
            }
        }
    }

    private static final String METRICS_HEADER = "step,train_loss,val_loss,lr,grad_norm,tokens_per_s,elapsed_s";
    private static final String PARAMETERS_HEADER = "step,parameter,shape,optimizer,update_rms,weight_rms";
    private static final ColumnType[] METRICS_TYPES = {ColumnType.INTEGER, ColumnType.DOUBLE, ColumnType.DOUBLE,
            ColumnType.DOUBLE, ColumnType.DOUBLE, ColumnType.DOUBLE, ColumnType.DOUBLE};
    private static final ColumnType[] PARAMETERS_TYPES = {ColumnType.INTEGER, ColumnType.STRING, ColumnType.STRING,
            ColumnType.STRING, ColumnType.DOUBLE, ColumnType.DOUBLE};

    /**
     * @return {@code metrics.csv} read strictly: its header (the base columns, then
     *         {@code max_logit_0 … max_logit_{L-1}} or none, as logs written before they existed), and
     *         every row parsed
     */
    static Table readMetrics(Path file) throws CorruptFileException {
        int layers = maxLogitLayers(file);
        ColumnType[] types = java.util.Arrays.copyOf(METRICS_TYPES, METRICS_TYPES.length + layers);
        java.util.Arrays.fill(types, METRICS_TYPES.length, types.length, ColumnType.DOUBLE);
        return readTable(file, types, metricsHeader(layers));
    }

    /** @return the metrics header with {@code layers} max-logit columns */
    static String metricsHeader(int layers) {
        StringBuilder h = new StringBuilder(METRICS_HEADER);
        for (int l = 0; l < layers; l++) {
            h.append(',').append(TrainLog.maxLogitColumn(l));
        }
        return h.toString();
    }

    /** @return the max-logit columns the file's header announces (checked exactly by the caller) */
    private static int maxLogitLayers(Path file) {
        try (java.io.BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = r.readLine();
            return first == null || !first.startsWith(METRICS_HEADER + ",") ? 0
                    : first.substring(METRICS_HEADER.length() + 1).split(",", -1).length;
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0;                                      // readTable reports the unreadable file
        }
    }

    /** @return {@code parameters.csv} read strictly */
    static Table readParameters(Path file) throws CorruptFileException {
        return readTable(file, PARAMETERS_TYPES, PARAMETERS_HEADER);
    }

    private static Table readTable(Path file, ColumnType[] types, String header) throws CorruptFileException {
        if (!Files.isRegularFile(file)) {
            throw new CorruptFileException(file, "is missing");
        }
        List<String> lines;
        try {
            lines = lines(file);
        } catch (IOException e) {
            throw new CorruptFileException(file, "cannot be read (" + e.getMessage() + ")");
        }
        if (lines.isEmpty() || !lines.get(0).equals(header)) {
            throw new CorruptFileException(file, "does not start with the header " + header);
        }
        String name = file.getFileName().toString().replace(".csv", "");
        if (lines.size() == 1) {                               // no rows yet: Tablesaw wants one to read
            return header.startsWith(METRICS_HEADER) ? TrainLog.metricsTable(types.length - METRICS_TYPES.length)
                    : new TrainLog().parameterStats();
        }
        try {
            Table t = Table.read().usingOptions(CsvReadOptions.builder(file.toFile()).tableName(name)
                    .columnTypes(types));
            if (t.rowCount() != lines.size() - 1) {
                throw new CorruptFileException(file, "has " + (lines.size() - 1) + " rows, of which "
                        + t.rowCount() + " parse");
            }
            return t;
        } catch (RuntimeException e) {
            throw new CorruptFileException(file, "is not a valid log (" + e.getMessage() + ")");
        }
    }

    private static List<String> lines(Path file) throws IOException {
        return List.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\n", -1)).stream()
                .filter(l -> !l.isEmpty()).toList();
    }
}
