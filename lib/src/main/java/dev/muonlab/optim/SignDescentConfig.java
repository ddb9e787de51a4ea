package dev.muonlab.optim;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Sign descent: U = sign(M) with M the EMA of gradients (signSGD for β = 0, Signum for β &gt; 0;
 * Bernstein et al., arXiv 1802.04434); param ← param·(1 − lr·wd) − lr·U. Steepest descent under
 * the ℓ∞ norm: the element-wise cousin of Muon's spectral-norm step.
 *
 * @param lr          learning rate (per-entry step size), &gt;= 0
 * @param momentum    β in [0, 1); 0 for plain signSGD
 * @param weightDecay decoupled decay, &gt;= 0
 */
public record SignDescentConfig(double lr, double momentum, double weightDecay) implements OptimizerConfig {

    public SignDescentConfig {
        MomentumDirectionSteps.check("sign", lr, momentum, weightDecay);
    }

    /** signSGD: no momentum, no decay. */
    public static SignDescentConfig plain(double lr) {
        return new SignDescentConfig(lr, 0.0, 0.0);
    }

    @Override
    public String name() {
        return "sign";
    }

    @Override
    public List<String> stateNames() {
        return MomentumDirectionSteps.stateNames(momentum);
    }

    @Override
    public INDArray step(INDArray param, INDArray grad, Map<String, INDArray> state, double lr, long t) {
        return MomentumDirectionSteps.step(param, grad, state, momentum, lr, weightDecay, DirectionMath::sign);
    }
}
