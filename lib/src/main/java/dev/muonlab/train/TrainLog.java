package dev.muonlab.train;

import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

import dev.muonlab.io.CorruptFileException;
import dev.muonlab.io.DurableFiles;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a training run records, as two Tablesaw tables that notebooks plot directly:
 * {@link #metrics()} one row per step (step, train_loss, val_loss — missing between evaluations,
 * lr, grad_norm, tokens_per_s, elapsed_s) and {@link #parameterStats()} one row per parameter every
 * few steps (step, parameter, shape, optimizer, update_rms, weight_rms). Saved as
 * {@code metrics.csv} and {@code parameters.csv}. Thread-safe for one writer and readers that copy.
 */
public final class TrainLog {

    public static final String METRICS_CSV = "metrics.csv";
    public static final String PARAMETERS_CSV = "parameters.csv";

    private final Table metrics;
    private final Table stats;

    /** An empty log. */
    public TrainLog() {
        this(Table.create("metrics",
                        IntColumn.create("step"), DoubleColumn.create("train_loss"), DoubleColumn.create("val_loss"),
                        DoubleColumn.create("lr"), DoubleColumn.create("grad_norm"),
                        DoubleColumn.create("tokens_per_s"), DoubleColumn.create("elapsed_s")),
                Table.create("parameters",
                        IntColumn.create("step"), StringColumn.create("parameter"), StringColumn.create("shape"),
                        StringColumn.create("optimizer"), DoubleColumn.create("update_rms"),
                        DoubleColumn.create("weight_rms")));
    }

    private TrainLog(Table metrics, Table stats) {
        this.metrics = metrics;
        this.stats = stats;
    }

    /**
     * Appends one step's row; {@code valLoss} is NaN when the step was not evaluated.
     *
     * @param step 1-based step number (steps done after this update)
     */
    public synchronized void addStep(int step, double trainLoss, double valLoss, double lr, double gradNorm,
                                     double tokensPerSecond, double elapsedSeconds) {
        metrics.intColumn("step").append(step);
        metrics.doubleColumn("train_loss").append(trainLoss);
        metrics.doubleColumn("val_loss").append(valLoss);
        metrics.doubleColumn("lr").append(lr);
        metrics.doubleColumn("grad_norm").append(gradNorm);
        metrics.doubleColumn("tokens_per_s").append(tokensPerSecond);
        metrics.doubleColumn("elapsed_s").append(elapsedSeconds);
    }

    /**
     * @param step the last step to keep
     * @return a new log with the rows of steps ≤ {@code step} (what a checkpoint at that step had seen); this
     *         log is not modified
     */
    public synchronized TrainLog upTo(int step) {
        return new TrainLog(metrics.where(metrics.intColumn("step").isLessThanOrEqualTo(step)),
                stats.where(stats.intColumn("step").isLessThanOrEqualTo(step)));
    }

    /** Appends one parameter's update and weight RMS at {@code step}. */
    public synchronized void addParameterStats(int step, String parameter, String shape, String optimizer,
                                               double updateRms, double weightRms) {
        stats.intColumn("step").append(step);
        stats.stringColumn("parameter").append(parameter);
        stats.stringColumn("shape").append(shape);
        stats.stringColumn("optimizer").append(optimizer);
        stats.doubleColumn("update_rms").append(updateRms);
        stats.doubleColumn("weight_rms").append(weightRms);
    }

    /** @return a copy of the per-step table */
    public synchronized Table metrics() {
        return metrics.copy();
    }

    /** @return a copy of the per-parameter table */
    public synchronized Table parameterStats() {
        return stats.copy();
    }

    /** @return a copy of the rows with a validation loss (step, val_loss, elapsed_s, ...) */
    public synchronized Table evaluations() {
        return metrics.where(metrics.doubleColumn("val_loss").isNotMissing());
    }

    /** @return the number of steps logged */
    public synchronized int size() {
        return metrics.rowCount();
    }

    /** @return the last validation loss logged, or NaN */
    public synchronized double lastValLoss() {
        DoubleColumn v = metrics.doubleColumn("val_loss");
        for (int i = v.size() - 1; i >= 0; i--) {
            if (!v.isMissing(i)) {
                return v.getDouble(i);
            }
        }
        return Double.NaN;
    }

    /**
     * @return the first step whose validation loss is ≤ {@code target}, or -1 when none
     */
    public synchronized int firstStepReaching(double target) {
        for (int i = 0; i < metrics.rowCount(); i++) {
            double v = metrics.doubleColumn("val_loss").getDouble(i);
            if (!Double.isNaN(v) && v <= target) {
                return metrics.intColumn("step").getInt(i);
            }
        }
        return -1;
    }

    /** @return the elapsed seconds logged at {@code step}, or NaN */
    public synchronized double elapsedAt(int step) {
        for (int i = 0; i < metrics.rowCount(); i++) {
            if (metrics.intColumn("step").getInt(i) == step) {
                return metrics.doubleColumn("elapsed_s").getDouble(i);
            }
        }
        return Double.NaN;
    }

    /**
     * Writes both CSV files into {@code dir} (created if needed), each replaced atomically
     * ({@link DurableFiles#replace}), so a crash leaves the old or the new file, never half of one.
     *
     * @param dir the run folder. Modified.
     * @throws UncheckedIOException when a write fails (the files are then as they were)
     */
    public synchronized void save(Path dir) {
        try {
            Files.createDirectories(dir);
            DurableFiles.replace(dir.resolve(METRICS_CSV), metricsCsv());
            DurableFiles.replace(dir.resolve(PARAMETERS_CSV), parametersCsv());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the training log to " + dir, e);
        }
    }

    /** @return {@code metrics.csv}'s bytes; rows only ever append, so an older file is a prefix */
    public synchronized byte[] metricsCsv() {
        return csv(metrics);
    }

    /** @return {@code parameters.csv}'s bytes */
    public synchronized byte[] parametersCsv() {
        return csv(stats);
    }

    /** @return the log saved in {@code dir} by {@link #save} */
    public static TrainLog load(Path dir) {
        try {
            return new TrainLog(readTable(dir.resolve(METRICS_CSV), METRICS_TYPES, METRICS_HEADER),
                    readTable(dir.resolve(PARAMETERS_CSV), PARAMETERS_TYPES, PARAMETERS_HEADER));
        } catch (CorruptFileException e) {
            throw new IllegalStateException("cannot read the training log: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a checkpoint's copy of the log (already checked against its manifest) strictly.
     *
     * @param dir  the checkpoint folder. Not modified.
     * @param step the checkpoint's step: the metrics must hold steps 1 to {@code step}, in order
     */
    static TrainLog read(Path dir, int step) throws CorruptFileException {
        Table m = readTable(dir.resolve(METRICS_CSV), METRICS_TYPES, METRICS_HEADER);
        IntColumn steps = m.intColumn("step");
        for (int i = 0; i < m.rowCount(); i++) {
            if (steps.isMissing(i) || steps.getInt(i) != i + 1) {
                throw new CorruptFileException(dir.resolve(METRICS_CSV), "has step " + steps.getString(i)
                        + " in row " + (i + 1) + ", expected " + (i + 1));
            }
        }
        if (m.rowCount() != step) {
            throw new CorruptFileException(dir.resolve(METRICS_CSV), "holds " + m.rowCount()
                    + " steps, the checkpoint is of step " + step);
        }
        return new TrainLog(m, readTable(dir.resolve(PARAMETERS_CSV), PARAMETERS_TYPES, PARAMETERS_HEADER));
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
            TrainLog empty = new TrainLog();
            return header.equals(METRICS_HEADER) ? empty.metrics : empty.stats;
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

    private static byte[] csv(Table t) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        t.write().csv(out);
        return out.toByteArray();
    }
}
