package dev.muonlab.optim;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adam with coupled (L2) weight decay, as {@code torch.optim.Adam}: g ← g + wd·param, then
 * Adam's direction U and param ← param − lr·U (Kingma &amp; Ba, arXiv 1412.6980).
 *
 * @param lr          learning rate, &gt;= 0
 * @param beta1       first-moment decay in [0, 1)
 * @param beta2       second-moment decay in [0, 1)
 * @param eps         added to sqrt(v̂), &gt;= 0
 * @param weightDecay L2 coefficient added to the gradient, &gt;= 0
 */
public record AdamConfig(double lr, double beta1, double beta2, double eps, double weightDecay)
        implements OptimizerConfig {

    public AdamConfig {
        Checks.lr("adam", lr);
        Checks.beta("adam", "beta1", beta1);
        Checks.beta("adam", "beta2", beta2);
        Checks.nonNegative("adam", "eps", eps);
        Checks.nonNegative("adam", "weight decay", weightDecay);
    }

    /** {@code torch.optim.Adam} defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, no decay. */
    public static AdamConfig torch() {
        return new AdamConfig(1e-3, 0.9, 0.999, 1e-8, 0.0);
    }

    public AdamConfig withLr(double v) { return new AdamConfig(v, beta1, beta2, eps, weightDecay); }

    @Override
    public String name() {
        return "adam";
    }

    @Override
    public List<String> stateNames() {
        return List.of("exp_avg", "exp_avg_sq");
    }

    @Override
    public INDArray step(INDArray param, INDArray grad, Map<String, INDArray> state, double lr, long t) {
        INDArray g = weightDecay == 0 ? grad : grad.add(param.mul(weightDecay));
        INDArray update = AdamMath.direction(g, state.get("exp_avg"), state.get("exp_avg_sq"), beta1, beta2, eps, t);
        param.subi(update.mul(lr));
        return update;
    }
}
