package dev.muonlab.optim;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Normalized SGD, per parameter: U = M/||M||_F with M the EMA of gradients (the identity for
 * β = 0); param ← param·(1 − lr·wd) − lr·U. Steepest descent under the Frobenius norm: every step
 * has length lr, whatever the gradient's size (Muon's step has spectral norm lr·s instead).
 *
 * @param lr          learning rate (Frobenius length of each step), &gt;= 0
 * @param momentum    β in [0, 1)
 * @param weightDecay decoupled decay, &gt;= 0
 */
public record NormalizedSgdConfig(double lr, double momentum, double weightDecay) implements OptimizerConfig {

    public NormalizedSgdConfig {
        MomentumDirectionSteps.check("nsgd", lr, momentum, weightDecay);
    }

    /** Normalized gradient descent: no momentum, no decay. */
    public static NormalizedSgdConfig plain(double lr) {
        return new NormalizedSgdConfig(lr, 0.0, 0.0);
    }

    @Override
    public String name() {
        return "nsgd";
    }

    @Override
    public List<String> stateNames() {
        return MomentumDirectionSteps.stateNames(momentum);
    }

    @Override
    public INDArray step(INDArray param, INDArray grad, Map<String, INDArray> state, double lr, long t) {
        return MomentumDirectionSteps.step(param, grad, state, momentum, lr, weightDecay, DirectionMath::frobeniusNormalized);
    }
}
