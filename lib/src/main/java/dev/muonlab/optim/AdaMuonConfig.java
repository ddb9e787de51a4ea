package dev.muonlab.optim;

import dev.muonlab.ns.NsConfig;
import dev.muonlab.ns.Orthogonalizer;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * AdaMuon (Si et al., arXiv 2507.11005, Alg. 1; NVIDIA Emerging-Optimizers {@code adaptive_muon.py}
 * with {@code moment2_method="adamuon"}; studies-notes.md "The 2026 Muon toolbox"):
 * <pre>
 *   M ← M + (1 − β₁)(G − M)                 (Nesterov optional)
 *   O = orthogonalize(sign(M))              sign only when {@code sign} (the paper; EO orthogonalizes M)
 *   Ô = O / (√V + ε),  V ← V + (1 − β₂)(O⊙O − V)   ({@link NorMuonMath#elementwise})
 *   U = Ô · rms·√(rows·cols)/‖Ô‖_F          RMS(U) = rms, 0.2 to match AdamW (the paper; Moonlight)
 *   P ← P·(1 − lr·wd) − lr·U
 * </pre>
 * Warnings on record (studies-notes.md): AdaMuon issue #5 ("sometimes worse than Muon and Adam"), marin
 * PR #3300 (ranking reversed against a well-tuned Muon). Defaults where the paper is silent follow EO
 * (β₂ 0.95, ε 1e−8, no Nesterov).
 *
 * @param lr             learning rate, &gt;= 0 (shared with AdamW, as the RMS matches AdamW's)
 * @param momentum       β₁ in [0, 1)
 * @param nesterov       orthogonalize the Nesterov look-ahead
 * @param beta2          β₂ in [0, 1)
 * @param eps            ε &gt; 0
 * @param sign           take sign(M) before orthogonalizing (the paper) or M itself (EO)
 * @param rms            the target RMS of U, &gt; 0
 * @param orthogonalizer the polar factor
 * @param weightDecay    decoupled, &gt;= 0
 */
public record AdaMuonConfig(double lr, double momentum, boolean nesterov, double beta2, double eps, boolean sign,
                            double rms, Orthogonalizer orthogonalizer, double weightDecay) implements OptimizerConfig {

    public AdaMuonConfig {
        Checks.lr("adamuon", lr);
        Checks.beta("adamuon", "momentum", momentum);
        Checks.beta("adamuon", "beta2", beta2);
        Checks.nonNegative("adamuon", "weight decay", weightDecay);
        if (!(eps > 0) || !(rms > 0) || orthogonalizer == null) {
            throw new IllegalArgumentException("adamuon: eps and rms must be positive and an orthogonalizer given");
        }
    }

    /** The paper's form (sign, RMS 0.2) with EO's defaults: lr 1e-3, β₁ 0.95, β₂ 0.95, ε 1e−8, wd 0.1, NS5 fp32. */
    public static AdaMuonConfig defaults() {
        return new AdaMuonConfig(1e-3, 0.95, false, 0.95, 1e-8, true, 0.2, NsConfig.keller().orthogonalizer(), 0.1);
    }

    public AdaMuonConfig withLr(double v) { return new AdaMuonConfig(v, momentum, nesterov, beta2, eps, sign, rms, orthogonalizer, weightDecay); }
    public AdaMuonConfig withWeightDecay(double v) { return new AdaMuonConfig(lr, momentum, nesterov, beta2, eps, sign, rms, orthogonalizer, v); }
    public AdaMuonConfig withMomentum(double v) { return new AdaMuonConfig(lr, v, nesterov, beta2, eps, sign, rms, orthogonalizer, weightDecay); }
    public AdaMuonConfig withNesterov(boolean v) { return new AdaMuonConfig(lr, momentum, v, beta2, eps, sign, rms, orthogonalizer, weightDecay); }
    public AdaMuonConfig withSign(boolean v) { return new AdaMuonConfig(lr, momentum, nesterov, beta2, eps, v, rms, orthogonalizer, weightDecay); }
    public AdaMuonConfig withOrthogonalizer(Orthogonalizer v) { return new AdaMuonConfig(lr, momentum, nesterov, beta2, eps, sign, rms, v, weightDecay); }

    @Override
    public String name() {
        return "adamuon";
    }

    @Override
    public List<String> stateNames() {
        return List.of("momentum", "second_moment");
    }

    @Override
    public void checkParameter(String name, long[] shape) {
        Checks.matrixOnly("adamuon", "AdaMuon", name, shape);
    }

    @Override
    public INDArray step(INDArray param, INDArray grad, Map<String, INDArray> state, double lr, long t) {
        INDArray D = MuonMath.momentumDirection(grad, state.get("momentum"), momentum, MomentumForm.EMA, nesterov);
        INDArray O = MuonMath.scaledUpdate(sign ? DirectionMath.sign(D) : D, orthogonalizer, UpdateScale.NONE);
        INDArray normalized = NorMuonMath.elementwise(O, state.get("second_moment"), beta2, eps);   // param-shaped
        INDArray update = NorMuonMath.rmsScaled(normalized, rms);
        MuonMath.applyStep(param, update, lr, weightDecay, WeightDecayMode.DECOUPLED, 1);
        return update;
    }
}
