package dev.muonlab.optim;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * SCALE, "Stochastic Column-normalized Last-layer momEntum" (Glentis, Li, Han, Hong,
 * arXiv 2506.16659; references §6.1): U = C(M), each output unit's slice divided by its RMS
 * ({@link DirectionMath#unitRmsNormalized}, which explains the axis for (out, in) storage);
 * M = EMA of gradients for the last layer (the output head) and M = g elsewhere;
 * param ← param·(1 − lr·wd) − lr·U. Put the head in a group with {@link #lastLayer} and the other
 * matrices in one with {@link #hidden}; 1-D parameters go to AdamW, as in the public implementation.
 *
 * @param lr          learning rate, &gt;= 0
 * @param momentum    β in [0, 1): 0.9 on the last layer, 0 elsewhere
 * @param weightDecay decoupled decay, &gt;= 0
 * @param inputAxis   1 for (out, in) weights, 0 for a (vocab, d) embedding table
 */
public record ScaleConfig(double lr, double momentum, double weightDecay, int inputAxis) implements OptimizerConfig {

    public ScaleConfig {
        Checks.lr("scale", lr);
        Checks.beta("scale", "momentum", momentum);
        Checks.nonNegative("scale", "weight decay", weightDecay);
        if (inputAxis != 0 && inputAxis != 1) {
            throw new IllegalArgumentException("scale: inputAxis must be 0 or 1, got " + inputAxis);
        }
    }

    /** Hidden (out, in) matrices: no momentum. */
    public static ScaleConfig hidden(double lr) {
        return new ScaleConfig(lr, 0.0, 0.0, 1);
    }

    /** The last layer (output head, stored (vocab, d) = (out, in)): momentum 0.9 as in the paper's script. */
    public static ScaleConfig lastLayer(double lr) {
        return new ScaleConfig(lr, 0.9, 0.0, 1);
    }

    /** An input embedding table stored (vocab, d): normalized over axis 0. */
    public static ScaleConfig embedding(double lr) {
        return new ScaleConfig(lr, 0.0, 0.0, 0);
    }

    @Override
    public String name() {
        return "scale";
    }

    @Override
    public List<String> stateNames() {
        return momentum == 0 ? List.of() : List.of("momentum");
    }

    @Override
    public void checkParameter(String name, long[] shape) {
        if (shape.length < 2) {
            throw new IllegalArgumentException("scale: parameter '" + name + "' has shape " + Checks.shape(shape)
                    + "; SCALE normalizes matrices: route 1-D parameters to AdamW");
        }
    }

    @Override
    public INDArray step(INDArray param, INDArray grad, Map<String, INDArray> state, double lr, long t) {
        INDArray M = momentum == 0 ? grad
                : MuonMath.momentumDirection(grad, state.get("momentum"), momentum, MomentumForm.EMA, false);
        INDArray update = DirectionMath.unitRmsNormalized(MuonMath.asMatrix(M), inputAxis).reshape('c', param.shape());
        MuonMath.applyStep(param, update, lr, weightDecay, WeightDecayMode.DECOUPLED, 1);
        return update;
    }
}
