package dev.muonlab.optim;

import dev.muonlab.ns.Orthogonalizer;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Muon's update as pure functions (Keller Jordan, github.com/KellerJordan/Muon {@code muon.py},
 * {@code muon_update}; references §0.1): momentum, Nesterov direction, flattening to a matrix,
 * orthogonalization, shape scale. {@link MuonConfig} only wires these together.
 */
public final class MuonMath {

    private MuonMath() {
    }

    /**
     * Accumulates the momentum buffer and returns the direction to orthogonalize.
     * EMA: M ← M + (1−β)(G − M) (torch {@code lerp_}); direction lerp(G, M, β) = M − (1−β)(M − G)
     * with Nesterov, M without. SUM: M ← β·M + G; direction G + β·M with Nesterov, M without.
     *
     * @param grad     G. Not modified.
     * @param momentum M, same shape. Modified.
     * @param beta     β in [0, 1)
     * @return a new array: the direction (never aliases {@code momentum})
     */
    public static INDArray momentumDirection(INDArray grad, INDArray momentum, double beta,
                                             MomentumForm form, boolean nesterov) {
        if (form == MomentumForm.EMA) {
            momentum.addi(grad.sub(momentum).muli(1 - beta));
            // not rsubi: ND4J 1.0.0-M2.1's reverse ops took ~10 ms on small arrays here, sub ~0.1 ms
            return nesterov ? momentum.sub(momentum.sub(grad).muli(1 - beta)) : momentum.dup();
        }
        momentum.muli(beta).addi(grad);
        return nesterov ? grad.add(momentum.mul(beta)) : momentum.dup();
    }

    /**
     * Views a parameter-shaped array as Muon's matrix: 2-D unchanged; more than two dimensions
     * flattened to (first dim, product of the rest) as Keller Jordan does for conv filters.
     *
     * @param X an array of rank &gt;= 2. Not modified.
     * @return a (rows, cols) array sharing or copying X's data
     */
    public static INDArray asMatrix(INDArray X) {
        if (X.rank() == 2) {
            return X;
        }
        long rows = X.size(0);
        return X.reshape('c', rows, X.length() / rows);
    }

    /**
     * MuonAll's treatment of a vector v (Page, Joshi, Sonawane, arXiv 2511.06086; references §6.5):
     * orthogonalize diag(v) and read its diagonal back.
     *
     * @param v a 1-D direction of length d. Not modified.
     * @return a new 1-D array of length d
     */
    public static INDArray orthogonalizeDiagonal(INDArray v, Orthogonalizer orthogonalizer) {
        INDArray D = Nd4j.diag(v.reshape(v.length()));              // (d, d)
        INDArray O = orthogonalizer.orthogonalize(D);               // (d, d)
        return Nd4j.diag(O).reshape(v.shape()).castTo(v.dataType());
    }

    /**
     * The scaled update U = s·orthogonalize(direction) in the parameter's shape.
     *
     * @param direction the momentum direction, parameter-shaped. Not modified.
     * @return a new array of the parameter's shape
     */
    public static INDArray scaledUpdate(INDArray direction, Orthogonalizer orthogonalizer, UpdateScale scale) {
        return scaledUpdate(direction, orthogonalizer, scale, UpdateScale.MOONLIGHT_RMS);
    }

    /**
     * The scaled update U = s·orthogonalize(direction) with s = {@link UpdateScale#factor(long, long, double)}.
     *
     * @param direction the momentum direction, parameter-shaped. Not modified.
     * @param rmsTarget the RMS target of {@link UpdateScale#MATCH_RMS_ADAMW} (ignored by the other scales)
     * @return a new array of the parameter's shape
     */
    public static INDArray scaledUpdate(INDArray direction, Orthogonalizer orthogonalizer, UpdateScale scale,
                                        double rmsTarget) {
        if (direction.rank() == 1) {
            long d = direction.length();
            return orthogonalizeDiagonal(direction, orthogonalizer).muli(scale.factor(d, d, rmsTarget));
        }
        INDArray M = asMatrix(direction);                             // (rows, cols)
        INDArray O = orthogonalizer.orthogonalize(M);
        if (!Arrays.equals(O.shape(), M.shape())) {
            throw new IllegalStateException("orthogonalizer returned shape " + Arrays.toString(O.shape())
                    + " for input " + Arrays.toString(M.shape()));
        }
        O = O.castTo(direction.dataType()).muli(scale.factor(M.rows(), M.columns(), rmsTarget));
        return O.reshape('c', direction.shape());
    }

    /**
     * Applies weight decay and the step: param ← param·(1 − lr·wd·k) − lr·U, where k = 1 for
     * {@link WeightDecayMode#DECOUPLED} and k = s for {@link WeightDecayMode#COUPLED_TO_SCALED_STEP}.
     *
     * @param param  the parameter. Modified.
     * @param update U = s·O, parameter-shaped. Not modified.
     * @param s      the update scale that U contains (used by the coupled mode)
     */
    public static void applyStep(INDArray param, INDArray update, double lr, double weightDecay,
                                 WeightDecayMode mode, double s) {
        if (weightDecay != 0 && mode == WeightDecayMode.CAUTIOUS) {
            cautiousDecay(param, update, lr, weightDecay);
        } else if (weightDecay != 0) {
            double k = mode == WeightDecayMode.DECOUPLED ? 1 : s;
            param.muli(1 - lr * weightDecay * k);
        }
        param.subi(update.mul(lr));
    }

    /**
     * Cautious weight decay ({@link WeightDecayMode#CAUTIOUS}; arXiv 2510.12402, dion {@code cautious_wd}):
     * param ← param − lr·wd·mask⊙param with mask = 𝟙[param⊙U ≥ 0], the mask taken from the weights
     * before the step.
     *
     * @param param  W. Modified.
     * @param update U, W's shape. Not modified.
     */
    public static void cautiousDecay(INDArray param, INDArray update, double lr, double weightDecay) {
        INDArray agree = param.mul(update);                                     // W⊙U
        INDArray mask = org.nd4j.linalg.ops.transforms.Transforms.sign(agree, false).addi(1);   // {0, 1, 2}
        org.nd4j.linalg.ops.transforms.Transforms.min(mask, 1.0, false);          // {0, 1, 1}
        param.subi(param.mul(mask).muli(lr * weightDecay));
    }

    /** @return the update scale s of a parameter-shaped array (1-D through diag: rows = cols = d) */
    public static double scaleOf(long[] shape, UpdateScale scale) {
        return scaleOf(shape, scale, UpdateScale.MOONLIGHT_RMS);
    }

    /** @return the update scale s of a parameter-shaped array with {@code rmsTarget} for MATCH_RMS_ADAMW */
    public static double scaleOf(long[] shape, UpdateScale scale, double rmsTarget) {
        if (shape.length == 1) {
            return scale.factor(shape[0], shape[0], rmsTarget);
        }
        long rows = shape[0];
        long cols = 1;
        for (int i = 1; i < shape.length; i++) {
            cols *= shape[i];
        }
        return scale.factor(rows, cols, rmsTarget);
    }
}
