package dev.muonlab.optim;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * SGD with heavy-ball or Nesterov momentum and coupled (L2) weight decay, as {@code torch.optim.SGD}
 * (dampening 0): d = g + wd·param; buf ← μ·buf + d; U = d + μ·buf (Nesterov) or buf; param ← param − lr·U.
 * With μ = 0 this is plain gradient descent ({@link #gd}). Sutskever et al., ICML 2013, for Nesterov.
 *
 * @param lr          learning rate, &gt;= 0
 * @param momentum    μ in [0, 1)
 * @param nesterov    use the Nesterov look-ahead (needs μ &gt; 0 to matter)
 * @param weightDecay L2 coefficient added to the gradient, &gt;= 0
 */
public record SgdConfig(double lr, double momentum, boolean nesterov, double weightDecay) implements OptimizerConfig {

    public SgdConfig {
        Checks.lr("sgd", lr);
        Checks.beta("sgd", "momentum", momentum);
        Checks.nonNegative("sgd", "weight decay", weightDecay);
    }

    /** Plain gradient descent: param ← param − lr·g. */
    public static SgdConfig gd(double lr) {
        return new SgdConfig(lr, 0.0, false, 0.0);
    }

    /** SGD with momentum μ (heavy ball, or Nesterov). */
    public static SgdConfig momentum(double lr, double momentum, boolean nesterov) {
        return new SgdConfig(lr, momentum, nesterov, 0.0);
    }

    public SgdConfig withLr(double v) { return new SgdConfig(v, momentum, nesterov, weightDecay); }
    public SgdConfig withWeightDecay(double v) { return new SgdConfig(lr, momentum, nesterov, v); }

    @Override
    public String name() {
        return momentum == 0 ? "gd" : "sgd";
    }

    @Override
    public List<String> stateNames() {
        return momentum == 0 ? List.of() : List.of("momentum");
    }

    @Override
    public INDArray step(INDArray param, INDArray grad, Map<String, INDArray> state, double lr, long t) {
        INDArray d = weightDecay == 0 ? grad.dup() : grad.add(param.mul(weightDecay));
        INDArray update = d;
        if (momentum != 0) {
            INDArray buf = state.get("momentum");
            buf.muli(momentum).addi(d);
            update = nesterov ? d.addi(buf.mul(momentum)) : buf.dup();
        }
        param.subi(update.mul(lr));
        return update;
    }
}
