package dev.muonlab.optim;

import dev.muonlab.ns.NsConfig;
import dev.muonlab.ns.Orthogonalizer;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * NorMuon: Muon with a per-neuron second moment after orthogonalization ({@link NorMuonMath#perNeuron};
 * Li et al., arXiv 2510.05491; microsoft/dion {@code normuon.py}; modded-nanogpt's current optimizer).
 * One step: D = momentum direction ({@link MuonMath#momentumDirection}, EMA); O = orthogonalize(D);
 * Ô = perNeuron(O, V, β₂); U = s·Ô with s the shape scale; weight decay per {@code decayMode};
 * P ← P − lr·U.
 *
 * @param lr             learning rate, &gt;= 0
 * @param momentum       β₁ in [0, 1)
 * @param nesterov       orthogonalize the Nesterov look-ahead
 * @param beta2          β₂ of the per-neuron moment, in [0, 1) (dion: 0.95)
 * @param orthogonalizer the polar factor
 * @param scale          the shape factor s
 * @param weightDecay    wd &gt;= 0
 * @param decayMode      DECOUPLED or CAUTIOUS (dion offers both)
 */
public record NorMuonConfig(double lr, double momentum, boolean nesterov, double beta2, Orthogonalizer orthogonalizer,
                            UpdateScale scale, double weightDecay, WeightDecayMode decayMode) implements OptimizerConfig {

    public NorMuonConfig {
        Checks.lr("normuon", lr);
        Checks.beta("normuon", "momentum", momentum);
        Checks.beta("normuon", "beta2", beta2);
        Checks.nonNegative("normuon", "weight decay", weightDecay);
        if (orthogonalizer == null || scale == null || decayMode == null) {
            throw new IllegalArgumentException("normuon: orthogonalizer, scale and decayMode are required");
        }
    }

    /** Keller's Muon settings (lr 0.02, β₁ 0.95 Nesterov, NS5 fp32, √max(1, rows/cols)) plus β₂ = 0.95 (dion's default). */
    public static NorMuonConfig defaults() {
        return new NorMuonConfig(0.02, 0.95, true, 0.95, NsConfig.keller().orthogonalizer(), UpdateScale.ORIGINAL,
                0.0, WeightDecayMode.DECOUPLED);
    }

    public NorMuonConfig withLr(double v) { return new NorMuonConfig(v, momentum, nesterov, beta2, orthogonalizer, scale, weightDecay, decayMode); }
    public NorMuonConfig withMomentum(double v) { return new NorMuonConfig(lr, v, nesterov, beta2, orthogonalizer, scale, weightDecay, decayMode); }
    public NorMuonConfig withNesterov(boolean v) { return new NorMuonConfig(lr, momentum, v, beta2, orthogonalizer, scale, weightDecay, decayMode); }
    public NorMuonConfig withBeta2(double v) { return new NorMuonConfig(lr, momentum, nesterov, v, orthogonalizer, scale, weightDecay, decayMode); }
    public NorMuonConfig withOrthogonalizer(Orthogonalizer v) { return new NorMuonConfig(lr, momentum, nesterov, beta2, v, scale, weightDecay, decayMode); }
    public NorMuonConfig withScale(UpdateScale v) { return new NorMuonConfig(lr, momentum, nesterov, beta2, orthogonalizer, v, weightDecay, decayMode); }
    public NorMuonConfig withWeightDecay(double v) { return new NorMuonConfig(lr, momentum, nesterov, beta2, orthogonalizer, scale, v, decayMode); }
    public NorMuonConfig withDecayMode(WeightDecayMode v) { return new NorMuonConfig(lr, momentum, nesterov, beta2, orthogonalizer, scale, weightDecay, v); }

    @Override
    public String name() {
        return "normuon";
    }

    @Override
    public List<String> stateNames() {
        return List.of("momentum", "second_moment");
    }

    @Override
    public void checkParameter(String name, long[] shape) {
        Checks.matrixOnly("normuon", "NorMuon", name, shape);
    }

    @Override
    public INDArray step(INDArray param, INDArray grad, Map<String, INDArray> state, double lr, long t) {
        INDArray D = MuonMath.momentumDirection(grad, state.get("momentum"), momentum, MomentumForm.EMA, nesterov);
        INDArray O = MuonMath.asMatrix(MuonMath.scaledUpdate(D, orthogonalizer, UpdateScale.NONE));   // (rows, cols)
        INDArray V = MuonMath.asMatrix(state.get("second_moment"));                                   // a view when 2-D
        INDArray normalized = NorMuonMath.perNeuron(O, V, beta2);
        if (state.get("second_moment").rank() != 2) {
            state.get("second_moment").assign(V.reshape('c', param.shape()));
        }
        double s = MuonMath.scaleOf(param.shape(), scale);
        INDArray update = normalized.muli(s).reshape('c', param.shape());
        MuonMath.applyStep(param, update, lr, weightDecay, decayMode, s);
        return update;
    }
}
