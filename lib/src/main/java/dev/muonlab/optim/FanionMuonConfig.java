package dev.muonlab.optim;

import dev.muonlab.ns.Orthogonalizer;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * F-Muon and S-Muon (Kravatskiy et al., "Fanions", arXiv 2512.09678): the update is a convex
 * combination of Muon's polar factor and a normalized-SGD (F) or sign (S) direction of the same
 * momentum M: U = α·polar(M) + (1 − α)·M/||M||_F (F) or + (1 − α)·sign(M) (S);
 * param ← param·(1 − lr·wd) − lr·U.
 *
 * <p>Derived, not copied: the formula follows from the v2 abstract ("convex combinations of the
 * updates of Fanions and Normalized SGD or SignSGD") and the fact that the LMO over a Minkowski sum
 * of balls is the sum of the LMOs; α = 0.5 is the value in the paper's plotting script. The
 * paper's exact per-shape scaling constants are not confirmed (references §6.2), so none are applied.
 *
 * @param kind           F (Frobenius) or S (sign)
 * @param alpha          weight of the polar factor, in [0, 1]
 * @param lr             learning rate, &gt;= 0
 * @param momentum       β in [0, 1), EMA form
 * @param nesterov       combine the Nesterov look-ahead instead of the buffer
 * @param orthogonalizer the polar factor (Newton-Schulz or exact)
 * @param weightDecay    decoupled decay, &gt;= 0
 */
public record FanionMuonConfig(Kind kind, double alpha, double lr, double momentum, boolean nesterov,
                               Orthogonalizer orthogonalizer, double weightDecay) implements OptimizerConfig {

    /** The second component of the combination. */
    public enum Kind {
        /** F-Muon: + (1 − α)·M/||M||_F. */
        F,
        /** S-Muon: + (1 − α)·sign(M). */
        S
    }

    /** α = 0.5, the value in the Fanions paper's plotting script (references §6.2). */
    public static final double DEFAULT_ALPHA = 0.5;

    public FanionMuonConfig {
        Checks.unitInterval(kind == null ? "fanion" : name(kind), "alpha", alpha);
        Checks.lr(name(kind), lr);
        Checks.beta(name(kind), "momentum", momentum);
        Checks.nonNegative(name(kind), "weight decay", weightDecay);
        if (orthogonalizer == null) {
            throw new IllegalArgumentException(name(kind) + ": an orthogonalizer is required");
        }
    }

    /** F-Muon with α = 0.5 and Keller's momentum (0.95, Nesterov). */
    public static FanionMuonConfig fMuon(double lr, Orthogonalizer orthogonalizer) {
        return new FanionMuonConfig(Kind.F, DEFAULT_ALPHA, lr, 0.95, true, orthogonalizer, 0.0);
    }

    /** S-Muon with α = 0.5 and Keller's momentum (0.95, Nesterov). */
    public static FanionMuonConfig sMuon(double lr, Orthogonalizer orthogonalizer) {
        return new FanionMuonConfig(Kind.S, DEFAULT_ALPHA, lr, 0.95, true, orthogonalizer, 0.0);
    }

    private static String name(Kind kind) {
        if (kind == null) {
            throw new IllegalArgumentException("fanion: kind (F or S) is required");
        }
        return kind == Kind.F ? "f-muon" : "s-muon";
    }

    @Override
    public String name() {
        return name(kind);
    }

    @Override
    public List<String> stateNames() {
        return List.of("momentum");
    }

    @Override
    public void checkParameter(String name, long[] shape) {
        Checks.matrixOnly(name(), "it", name, shape);
    }

    @Override
    public INDArray step(INDArray param, INDArray grad, Map<String, INDArray> state, double lr, long t) {
        INDArray D = MuonMath.momentumDirection(grad, state.get("momentum"), momentum, MomentumForm.EMA, nesterov);
        INDArray polar = MuonMath.scaledUpdate(D, orthogonalizer, UpdateScale.NONE);
        INDArray other = kind == Kind.F ? DirectionMath.frobeniusNormalized(D) : DirectionMath.sign(D);
        INDArray update = polar.muli(alpha).addi(other.muli(1 - alpha));
        MuonMath.applyStep(param, update, lr, weightDecay, WeightDecayMode.DECOUPLED, 1);
        return update;
    }
}
