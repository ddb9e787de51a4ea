package dev.muonlab.sweep;

import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Essential AI's compute-time iso-loss curves (arXiv 2505.02222, Fig. 1-2: total time against number
 * of devices at fixed loss), <b>simulated</b>: we train on one CPU thread, so the devices are not
 * real. Following the issue, time = steps × measured step time / devices with devices ∝ B: one
 * simulated device per {@code smallestBatch} sequences, so devices = B / B_min; the measured step time
 * is the run's wall-clock seconds over its steps at that B (one thread, evaluation included, mean over
 * the seeds of multiplier 1). Perfect data parallelism is assumed (no communication cost).
 */
public final class IsoLoss {

    private IsoLoss() {
    }

    /** @return simulated devices at batch B: B / B_min (≥ 1 for B ≥ B_min) */
    public static double devices(double batch, double smallestBatch) {
        return batch / smallestBatch;
    }

    /**
     * @param steps       steps to the target loss
     * @param stepSeconds measured seconds of one step at this batch on one device (s)
     * @param devices     simulated devices sharing each step
     * @return simulated wall-clock to the target: steps × stepSeconds / devices (s)
     */
    public static double time(double steps, double stepSeconds, double devices) {
        return steps * stepSeconds / devices;
    }

    /**
     * @param best    {@link BatchSizeAnalysis#best}'s table (steps_mean per optimizer, batch, target). Not modified.
     * @param results the sweep's results (seconds, steps_done, lr_multiplier per run). Not modified.
     * @return optimizer, target, batch, devices, steps, step_seconds, time_s (simulated), one row per
     *         row of {@code best} whose target was reached
     */
    public static Table table(Table best, Table results) {
        double smallest = best.doubleColumn("batch").min();
        Table out = Table.create("iso_loss_simulated", StringColumn.create("optimizer"), DoubleColumn.create("target"),
                DoubleColumn.create("batch"), DoubleColumn.create("devices"), DoubleColumn.create("steps"),
                DoubleColumn.create("step_seconds"), DoubleColumn.create("time_s"));
        for (int i = 0; i < best.rowCount(); i++) {
            double steps = best.doubleColumn("steps_mean").getDouble(i);
            if (Double.isNaN(steps)) {
                continue;
            }
            String opt = best.stringColumn("optimizer").get(i);
            double batch = best.doubleColumn("batch").getDouble(i);
            double stepSeconds = stepSeconds(results, opt, batch, best.doubleColumn("lr_multiplier").getDouble(i));
            double devices = devices(batch, smallest);
            out.stringColumn("optimizer").append(opt);
            out.doubleColumn("target").append(best.doubleColumn("target").getDouble(i));
            out.doubleColumn("batch").append(batch);
            out.doubleColumn("devices").append(devices);
            out.doubleColumn("steps").append(steps);
            out.doubleColumn("step_seconds").append(stepSeconds);
            out.doubleColumn("time_s").append(time(steps, stepSeconds, devices));
        }
        return out;
    }

    /** @return the mean over matching runs of seconds / steps_done; NaN when none */
    static double stepSeconds(Table results, String optimizer, double batch, double multiplier) {
        List<Double> v = new ArrayList<>();
        for (int r = 0; r < results.rowCount(); r++) {
            if (results.stringColumn("optimizer").get(r).equals(optimizer) && results.doubleColumn("batch").getDouble(r) == batch
                    && results.doubleColumn("lr_multiplier").getDouble(r) == multiplier) {
                double steps = results.doubleColumn("steps_done").getDouble(r);
                if (steps > 0) {
                    v.add(results.doubleColumn("seconds").getDouble(r) / steps);
                }
            }
        }
        return v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}
