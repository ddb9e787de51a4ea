package dev.muonlab.optim;

import dev.muonlab.host.HostArrays;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * AdamW: Adam with decoupled weight decay, param ← param·(1 − lr·wd) − lr·U with U Adam's
 * bias-corrected direction (Loshchilov &amp; Hutter, arXiv 1711.05101; {@code torch.optim.AdamW}).
 * Takes parameters of any shape. On the CPU, fp32 takes one fused pass ({@link AdamWVectorKernel}),
 * element for element what the ND4J ops below compute.
 *
 * @param lr          learning rate, &gt;= 0
 * @param beta1       first-moment decay in [0, 1)
 * @param beta2       second-moment decay in [0, 1)
 * @param eps         added to sqrt(v̂), &gt;= 0
 * @param weightDecay decoupled decay, &gt;= 0
 */
public record AdamWConfig(double lr, double beta1, double beta2, double eps, double weightDecay)
        implements OptimizerConfig {

    public AdamWConfig {
        Checks.lr("adamw", lr);
        Checks.beta("adamw", "beta1", beta1);
        Checks.beta("adamw", "beta2", beta2);
        Checks.nonNegative("adamw", "eps", eps);
        Checks.nonNegative("adamw", "weight decay", weightDecay);
    }

    /** {@code torch.optim.AdamW} defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, wd 0.01. */
    public static AdamWConfig torch() {
        return new AdamWConfig(1e-3, 0.9, 0.999, 1e-8, 0.01);
    }

    /** Keller Jordan's auxiliary AdamW in his README example: lr 3e-4, betas (0.9, 0.95), eps 1e-10, wd 0.01. */
    public static AdamWConfig kellerAux() {
        return new AdamWConfig(3e-4, 0.9, 0.95, 1e-10, 0.01);
    }

    /** nanoGPT shakespeare_char: lr 1e-3, betas (0.9, 0.99), eps 1e-8, wd 0.1 (references §9). */
    public static AdamWConfig nanoGptShakespeare() {
        return new AdamWConfig(1e-3, 0.9, 0.99, 1e-8, 0.1);
    }

    /** Moonlight's AdamW side ({@code toy_train.py}): lr 1e-3, betas (0.9, 0.95), eps 1e-8, wd 0.1. */
    public static AdamWConfig moonlight() {
        return new AdamWConfig(1e-3, 0.9, 0.95, 1e-8, 0.1);
    }

    public AdamWConfig withLr(double v) { return new AdamWConfig(v, beta1, beta2, eps, weightDecay); }
    public AdamWConfig withBetas(double b1, double b2) { return new AdamWConfig(lr, b1, b2, eps, weightDecay); }
    public AdamWConfig withEps(double v) { return new AdamWConfig(lr, beta1, beta2, v, weightDecay); }
    public AdamWConfig withWeightDecay(double v) { return new AdamWConfig(lr, beta1, beta2, eps, v); }

    @Override
    public String name() {
        return "adamw";
    }

    @Override
    public List<String> stateNames() {
        return List.of("exp_avg", "exp_avg_sq");
    }

    @Override
    public INDArray step(INDArray param, INDArray grad, Map<String, INDArray> state, double lr, long t) {
        if (HostArrays.applies(param, grad, state.get("exp_avg"), state.get("exp_avg_sq"))) {
            return AdamWVectorKernel.step(param, grad, state.get("exp_avg"), state.get("exp_avg_sq"), beta1, beta2, eps,
                    lr, weightDecay, t);
        }
        INDArray update = AdamMath.direction(grad, state.get("exp_avg"), state.get("exp_avg_sq"), beta1, beta2, eps, t);
        if (weightDecay != 0) {
            Nd4j.exec(new ScalarMultiplication(param, null, param, 1 - lr * weightDecay));
        }
        INDArray step = Nd4j.createUninitialized(update.dataType(), update.shape(), update.ordering());
        Nd4j.exec(new ScalarMultiplication(update, null, step, lr));
        Nd4j.exec(new SubOp(param, step, param));        // param.subi(update.mul(lr)), as direct ops
        return update;
    }
}
