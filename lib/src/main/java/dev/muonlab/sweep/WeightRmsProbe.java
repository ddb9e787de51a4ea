package dev.muonlab.sweep;

import dev.muonlab.gpt.Batch;
import dev.muonlab.train.Trainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The weight and output scales of Moonlight's weight-decay argument (arXiv 2502.16982 §2.2, Fig. 2;
 * references.md §3.2 and §3.6's checklist item "weight RMS keeps growing without WD"): without decay
 * Muon's weights and layer outputs grow until bf16's range and the model's quality suffer.
 *
 * <p>Columns: {@code hidden_weight_rms}, the RMS of every hidden matrix's entries pooled (the blocks'
 * attention and MLP weights, which Muon trains); {@code logit_rms}, the RMS of the model's output
 * logits on the first fixed validation batch (the final layer's activation).
 */
final class WeightRmsProbe implements CurveProbe {

    static final List<String> COLUMNS = List.of("hidden_weight_rms", "logit_rms");

    @Override
    public List<String> columns() {
        return COLUMNS;
    }

    /** Measures both columns. Modifies: the model's cached forward state (one evaluation forward pass). */
    @Override
    public double[] measure(Trainer trainer, List<Batch> validation) {
        List<INDArray> hidden = new ArrayList<>();
        for (Map.Entry<String, INDArray> e : trainer.model().parameters().asMap().entrySet()) {
            if (isHiddenMatrix(e.getKey(), e.getValue())) {
                hidden.add(e.getValue());
            }
        }
        Batch b = validation.get(0);
        INDArray logits = trainer.model().logits(b.x(), b.B(), b.T(), false);     // (B·T, V)
        return new double[]{pooledRms(hidden), pooledRms(List.of(logits))};
    }

    /** @return whether a parameter is a block's matrix (what Muon recipes route to Muon) */
    static boolean isHiddenMatrix(String name, INDArray p) {
        return p.rank() == 2 && name.startsWith("transformer.h.") && name.endsWith(".weight");
    }

    /**
     * @param arrays the arrays, pooled as one vector. Not modified.
     * @return sqrt(Σ x² / Σ n) over every entry of every array; NaN when there are none
     */
    static double pooledRms(List<INDArray> arrays) {
        double sumSq = 0;
        long n = 0;
        for (INDArray a : arrays) {
            double norm = a.norm2Number().doubleValue();
            sumSq += norm * norm;
            n += a.length();
        }
        return n == 0 ? Double.NaN : Math.sqrt(sumSq / n);
    }
}
