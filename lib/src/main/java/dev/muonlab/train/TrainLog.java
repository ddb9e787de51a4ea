package dev.muonlab.train;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import dev.muonlab.io.CorruptFileException;
import dev.muonlab.io.DurableFiles;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a training run records, as two Tablesaw tables that notebooks plot directly:
 * {@link #metrics()} one row per step (step, train_loss, val_loss — missing between evaluations,
 * lr, grad_norm, tokens_per_s, elapsed_s, then {@code max_logit_0 … max_logit_{L-1}}: each layer's
 * largest pre-softmax attention logit in the step's forward pass, what QK-clip watches — logs written
 * before these columns existed have none and stay readable) and {@link #parameterStats()} one row per parameter every
 * few steps (step, parameter, shape, optimizer, update_rms, weight_rms). Saved as
 * {@code metrics.csv} and {@code parameters.csv}. Thread-safe for one writer and readers that copy.
 */
public final class TrainLog {

    public static final String METRICS_CSV = "metrics.csv";
    public static final String PARAMETERS_CSV = "parameters.csv";

    private final Table metrics;
    private final Table stats;

    /** An empty log without attention-logit columns. */
    public TrainLog() {
        this(0);
    }

    /** @param layers the model's layers: one {@code max_logit_l} column each (0 for none) */
    public TrainLog(int layers) {
        this(metricsTable(layers),
                Table.create("parameters",
                        IntColumn.create("step"), StringColumn.create("parameter"), StringColumn.create("shape"),
                        StringColumn.create("optimizer"), DoubleColumn.create("update_rms"),
                        DoubleColumn.create("weight_rms")));
    }

    /** @return an empty metrics table with {@code layers} max-logit columns */
    static Table metricsTable(int layers) {
        Table t = Table.create("metrics",
                IntColumn.create("step"), DoubleColumn.create("train_loss"), DoubleColumn.create("val_loss"),
                DoubleColumn.create("lr"), DoubleColumn.create("grad_norm"),
                DoubleColumn.create("tokens_per_s"), DoubleColumn.create("elapsed_s"));
        for (int l = 0; l < layers; l++) {
            t.addColumns(DoubleColumn.create(maxLogitColumn(l)));
        }
        return t;
    }

    /** @return the name of layer {@code l}'s max-logit column */
    public static String maxLogitColumn(int l) {
        return "max_logit_" + l;
    }

    /** @return how many max-logit columns this log has (0 for a log written before they existed) */
    public synchronized int maxLogitLayers() {
        return metrics.columnCount() - 7;
    }

    TrainLog(Table metrics, Table stats) {
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
        addStep(step, trainLoss, valLoss, lr, gradNorm, tokensPerSecond, elapsedSeconds, null);
    }

    /**
     * Appends one step's row with each layer's largest attention logit.
     *
     * @param maxLogits one per layer, or null (missing values); ignored by a log without the columns
     */
    public synchronized void addStep(int step, double trainLoss, double valLoss, double lr, double gradNorm,
                                     double tokensPerSecond, double elapsedSeconds, double[] maxLogits) {
        int layers = maxLogitLayers();
        if (maxLogits != null && layers > 0 && maxLogits.length != layers) {
            throw new IllegalArgumentException("max logits for " + maxLogits.length + " layers, the log has " + layers);
        }
        for (int l = 0; l < layers; l++) {
            metrics.doubleColumn(maxLogitColumn(l)).append(maxLogits == null ? Double.NaN : maxLogits[l]);
        }
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
            return new TrainLog(TrainLogFiles.readMetrics(dir.resolve(METRICS_CSV)),
                    TrainLogFiles.readParameters(dir.resolve(PARAMETERS_CSV)));
        } catch (CorruptFileException e) {
            throw new IllegalStateException("cannot read the training log: " + e.getMessage(), e);
        }
    }

    private static byte[] csv(Table t) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        t.write().csv(out);
        return out.toByteArray();
    }
}
