package dev.muonlab.optim;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The adaptive second moments applied after orthogonalization, as pure functions: NorMuon's per-neuron
 * one and AdaMuon's element-wise one.
 */
public final class NorMuonMath {

    /** The floor dion adds to √V and clamps the rescaling norm with. */
    public static final double EPS = 1e-8;

    private NorMuonMath() {
    }

    /**
     * NorMuon (Li et al., arXiv 2510.05491; microsoft/dion {@code normuon.py}
     * {@code normuon_normalization_stacked}; modded-nanogpt {@code NorMuonAndAdam}): with O the
     * orthogonalized update (rows = output neurons),
     * <pre>
     *   vᵢ ← vᵢ + (1 − β₂)(mean_j Oᵢⱼ² − vᵢ)            per row i (torch lerp)
     *   Ô = O / (√v + 1e−8)                            row-wise
     *   Ô ← Ô · ‖O‖_F / max(‖Ô‖_F, 1e−8)                back to O's Frobenius norm
     * </pre>
     * Why: equalizes the per-neuron update sizes that orthogonalization leaves uneven, without changing
     * the update's overall size (so Muon's lr and shape scale still apply). NVIDIA Emerging-Optimizers'
     * {@code normuon} and an older dion reduce along the longer side instead; this is dion's current
     * per-row form, one moment per output neuron of an (out, in) weight.
     *
     * @param O     (rows, cols) orthogonalized update. Not modified.
     * @param V     (rows, cols) buffer: every entry of row i holds vᵢ (kept parameter-shaped so that
     *              the optimizer's state contract holds). Modified.
     * @param beta2 β₂ in [0, 1)
     * @return a new (rows, cols) array Ô
     */
    public static INDArray perNeuron(INDArray O, INDArray V, double beta2) {
        double normO = O.norm2Number().doubleValue();
        INDArray rowMean = O.mul(O).mean(true, 1);                      // (rows, 1)
        V.addi(rowMean.broadcast(O.shape()).subi(V).muli(1 - beta2));  // every column alike
        INDArray denom = Transforms.sqrt(V, true).addi(EPS);            // (rows, cols)
        INDArray out = O.div(denom);
        double normOut = Math.max(out.norm2Number().doubleValue(), EPS);
        return out.muli(normO / normOut);
    }

    /**
     * AdaMuon's element-wise second moment (Si et al., arXiv 2507.11005, Alg. 1; NVIDIA Emerging-Optimizers
     * {@code adaptive_muon.py}, {@code moment2_method="adamuon"}):
     * V ← V + (1 − β₂)(O⊙O − V); Ô = O / (√V + ε).
     *
     * @param O (rows, cols). Not modified.
     * @param V (rows, cols). Modified.
     * @return a new array Ô
     */
    public static INDArray elementwise(INDArray O, INDArray V, double beta2, double eps) {
        V.addi(O.mul(O).subi(V).muli(1 - beta2));
        return O.div(Transforms.sqrt(V, true).addi(eps));
    }

    /**
     * @param U (rows, cols). Not modified.
     * @return a new array U·target·√(rows·cols)/‖U‖_F: RMS(U) = target (Moonlight's / AdaMuon's 0.2); zeros stay zeros
     */
    public static INDArray rmsScaled(INDArray U, double target) {
        double norm = U.norm2Number().doubleValue();
        return norm == 0 ? U.dup() : U.mul(target * Math.sqrt((double) U.length()) / norm);
    }
}
