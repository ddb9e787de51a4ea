package dev.muonlab.optim;

import dev.muonlab.ns.NsConfig;
import dev.muonlab.ns.Orthogonalizer;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * PolarGrad (Lau, Long, Su, arXiv 2505.21799; NVIDIA Emerging-Optimizers {@code polargrad.py} @21842b4):
 * the polar factor scaled by the nuclear norm, U = ‖D‖_*·polar(D)·c, which is steepest descent under
 * the spectral norm with the step's size set by the dual norm (Muon's LMO form drops the ‖D‖_*).
 * The nuclear norm is read off the polar factor: ‖D‖_* = Σσᵢ = ⟨polar(D), D⟩ = Σᵢⱼ Oᵢⱼ·Dᵢⱼ (exact for
 * the exact polar factor; EO computes the same sum with its NS output).
 * One step: D = EMA momentum direction; O = orthogonalize(D); U = c·⟨O, D⟩·O; P ← P·(1 − lr·wd) − lr·U.
 *
 * @param lr             learning rate, &gt;= 0 (EO default 3e-4)
 * @param momentum       β in [0, 1) (EO 0.95)
 * @param nesterov       EO default false
 * @param orthogonalizer the polar factor
 * @param extraScale     c &gt; 0 (EO's {@code extra_scale_factor}, default 1)
 * @param weightDecay    decoupled, &gt;= 0 (EO 0.01)
 */
public record PolarGradConfig(double lr, double momentum, boolean nesterov, Orthogonalizer orthogonalizer,
                              double extraScale, double weightDecay) implements OptimizerConfig {

    public PolarGradConfig {
        Checks.lr("polargrad", lr);
        Checks.beta("polargrad", "momentum", momentum);
        Checks.nonNegative("polargrad", "weight decay", weightDecay);
        if (orthogonalizer == null || !(extraScale > 0)) {
            throw new IllegalArgumentException("polargrad: an orthogonalizer and a positive extra scale are required");
        }
    }

    /** EO's defaults: lr 3e-4, β 0.95, no Nesterov, c = 1, wd 0.01, with Keller's NS5 in fp32. */
    public static PolarGradConfig defaults() {
        return new PolarGradConfig(3e-4, 0.95, false, NsConfig.keller().orthogonalizer(), 1.0, 0.01);
    }

    public PolarGradConfig withLr(double v) { return new PolarGradConfig(v, momentum, nesterov, orthogonalizer, extraScale, weightDecay); }
    public PolarGradConfig withMomentum(double v) { return new PolarGradConfig(lr, v, nesterov, orthogonalizer, extraScale, weightDecay); }
    public PolarGradConfig withNesterov(boolean v) { return new PolarGradConfig(lr, momentum, v, orthogonalizer, extraScale, weightDecay); }
    public PolarGradConfig withOrthogonalizer(Orthogonalizer v) { return new PolarGradConfig(lr, momentum, nesterov, v, extraScale, weightDecay); }
    public PolarGradConfig withWeightDecay(double v) { return new PolarGradConfig(lr, momentum, nesterov, orthogonalizer, extraScale, v); }

    /**
     * @param D (rows, cols) direction. Not modified.
     * @return a new array c·⟨O, D⟩·O, O = orthogonalize(D)
     */
    public static INDArray nuclearScaledPolar(INDArray D, Orthogonalizer orthogonalizer, double c) {
        INDArray O = orthogonalizer.orthogonalize(D).castTo(D.dataType());
        double nuclear = O.mul(D).sumNumber().doubleValue();
        return O.muli(nuclear * c);
    }

    @Override
    public String name() {
        return "polargrad";
    }

    @Override
    public List<String> stateNames() {
        return List.of("momentum");
    }

    @Override
    public void checkParameter(String name, long[] shape) {
        Checks.matrixOnly("polargrad", "PolarGrad", name, shape);
    }

    @Override
    public INDArray step(INDArray param, INDArray grad, Map<String, INDArray> state, double lr, long t) {
        INDArray D = MuonMath.momentumDirection(grad, state.get("momentum"), momentum, MomentumForm.EMA, nesterov);
        INDArray update = nuclearScaledPolar(MuonMath.asMatrix(D), orthogonalizer, extraScale).reshape('c', param.shape());
        MuonMath.applyStep(param, update, lr, weightDecay, WeightDecayMode.DECOUPLED, 1);
        return update;
    }
}
