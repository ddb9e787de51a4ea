package dev.muonlab.experiments.ns;

import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * What {@link NsStepsStudy} returns.
 *
 * @param config the configuration
 * @param curves variant, step, epoch (fractional), seconds, trainLoss (mean over logEvery steps)
 * @param epochs variant, epoch, seconds, trainLoss (epoch mean; NaN at 0), testLoss, testAccuracy, nuclearNormW1
 * @param loaded true when read back from {@code data/results}
 */
public record NsStepsResult(NsStepsConfig config, Table curves, Table epochs, boolean loaded) {

    /** @return the tables by file name */
    public Map<String, Table> tables() {
        return Map.of("curves", curves, "epochs", epochs);
    }

    /**
     * @param variantLabel a variant's label
     * @return its mean train loss over the last epoch
     */
    public double finalTrainLoss(String variantLabel) {
        return lastEpochValue(variantLabel, "trainLoss");
    }

    /** @return the test accuracy after the last epoch */
    public double finalTestAccuracy(String variantLabel) {
        return lastEpochValue(variantLabel, "testAccuracy");
    }

    /** @return the training seconds of the whole run */
    public double totalSeconds(String variantLabel) {
        return lastEpochValue(variantLabel, "seconds");
    }

    private double lastEpochValue(String variantLabel, String column) {
        Table rows = epochs.where(epochs.stringColumn("variant").isEqualTo(variantLabel)
                .and(epochs.intColumn("epoch").isEqualTo(config.epochs())));
        if (rows.rowCount() != 1) {
            throw new IllegalArgumentException("no final epoch for " + variantLabel);
        }
        return rows.doubleColumn(column).getDouble(0);
    }
}
