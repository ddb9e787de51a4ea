package dev.muonlab.sweep;

import dev.muonlab.gpt.Batch;
import dev.muonlab.train.Trainer;
import java.util.List;
import tech.tablesaw.api.Table;

/**
 * The hidden matrices' measured update RMS per unit learning rate, the quantity Moonlight's rule sets
 * (arXiv 2502.16982 Eq. 4: RMS(ΔW)/η = r, "matching AdamW's typical 0.2-0.4", §2.2), read from the
 * trainer's per-parameter statistics (what notebook 05 charts as "Update RMS per parameter shape"):
 * the mean over the blocks' 2-D weights of RMS(W_after − W_before), divided by the step's logged lr
 * (the main group's: AdamW's under {@code adamw}, Muon's under the Muon recipes). The change includes
 * the decoupled decay η·λ·W, so for Moonlight's Muon it is ≈ √(r² + (λ·RMS(W))²), and Keller's NS5
 * leaves the polar factor's RMS within about ±30 % of exact. The run must record statistics at each
 * evaluation ({@code TrainConfig.withStatsInterval}); other evaluations give NaN.
 */
final class UpdateRmsProbe implements CurveProbe {

    static final String COLUMN = "hidden_update_rms_per_lr";

    @Override
    public List<String> columns() {
        return List.of(COLUMN);
    }

    /** Reads the trainer's log at its current step. Modifies nothing. */
    @Override
    public double[] measure(Trainer trainer, List<Batch> validation) {
        int step = trainer.step();
        Table stats = trainer.log().parameterStats();
        double sum = 0;
        int n = 0;
        for (int i = 0; i < stats.rowCount(); i++) {
            String name = stats.stringColumn("parameter").getString(i);
            if (stats.intColumn("step").getInt(i) == step && name.startsWith("transformer.h.") && name.endsWith(".weight")
                    && stats.stringColumn("shape").getString(i).contains(",")) {
                sum += stats.doubleColumn("update_rms").getDouble(i);
                n++;
            }
        }
        return new double[]{n == 0 ? Double.NaN : sum / n / lrAt(trainer.log().metrics(), step)};
    }

    /** @return the lr logged for {@code step}; NaN when absent */
    static double lrAt(Table metrics, int step) {
        for (int i = metrics.rowCount() - 1; i >= 0; i--) {
            if (metrics.intColumn("step").getInt(i) == step) {
                return metrics.doubleColumn("lr").getDouble(i);
            }
        }
        return Double.NaN;
    }
}
