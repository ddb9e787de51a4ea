package dev.muonlab.sweep;

import dev.muonlab.gpt.Batch;
import dev.muonlab.train.Trainer;
import java.util.List;

/**
 * Extra columns of a study's curve, measured at each evaluation beside the validation loss (e.g.
 * {@link WeightRmsProbe}'s weight and logit RMS). Only the studies that ask for them get them, so the
 * curves of every other study keep {@link CurveRun}'s five columns and their stored results load as before.
 */
interface CurveProbe {

    /** No extra columns. */
    CurveProbe NONE = new CurveProbe() {
        @Override
        public List<String> columns() {
            return List.of();
        }

        @Override
        public double[] measure(Trainer trainer, List<Batch> validation) {
            return new double[0];
        }
    };

    /** @return the extra columns' names, in order */
    List<String> columns();

    /**
     * @param trainer    the run, between steps. Its model's cached forward state may be overwritten; its
     *                   parameters are not modified.
     * @param validation the fixed validation batches of the evaluation. Not modified.
     * @return one value per {@link #columns()} entry
     */
    double[] measure(Trainer trainer, List<Batch> validation);
}
