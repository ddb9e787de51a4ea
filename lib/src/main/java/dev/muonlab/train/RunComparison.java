package dev.muonlab.train;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.Map;

/**
 * Steps and wall-clock each run needs to reach a target validation loss (usually the baseline's
 * final one): the measure of Moonlight's "≈2× compute efficiency" (Liu et al. 2025, §3.3) and
 * Essential AI's token ratio R_L = T_A/T_M (Shah et al. 2025, Eq. 2), here in steps at a fixed batch.
 */
public final class RunComparison {

    private RunComparison() {
    }

    /**
     * @param runs     label → log, the baseline first. Not modified.
     * @param target   the validation loss to reach, nats
     * @return one row per run: run, final_val_loss, steps_to_target (missing when never reached),
     *         seconds_to_target, step_fraction (steps over the first run's steps to the target)
     */
    public static Table stepsToReach(Map<String, TrainLog> runs, double target) {
        StringColumn run = StringColumn.create("run");
        DoubleColumn finalLoss = DoubleColumn.create("final_val_loss");
        IntColumn steps = IntColumn.create("steps_to_target");
        DoubleColumn seconds = DoubleColumn.create("seconds_to_target");
        DoubleColumn fraction = DoubleColumn.create("step_fraction");
        int baseline = -1;
        for (Map.Entry<String, TrainLog> e : runs.entrySet()) {
            TrainLog log = e.getValue();
            int s = log.firstStepReaching(target);
            if (baseline < 0) {
                baseline = s;
            }
            run.append(e.getKey());
            finalLoss.append(log.lastValLoss());
            if (s < 0) {
                steps.appendMissing();
                seconds.appendMissing();
                fraction.appendMissing();
            } else {
                steps.append(s);
                seconds.append(log.elapsedAt(s));
                fraction.append(baseline > 0 ? (double) s / baseline : Double.NaN);
            }
        }
        return Table.create(String.format("steps to reach val loss %.4f", target), run, finalLoss, steps, seconds, fraction);
    }
}
