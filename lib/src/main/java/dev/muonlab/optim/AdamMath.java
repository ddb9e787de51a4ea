package dev.muonlab.optim;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarAdd;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarDivision;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.DivOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adam's moment updates and bias-corrected direction as pure functions (Kingma &amp; Ba,
 * arXiv 1412.6980, Algorithm 1; AdamW: Loshchilov &amp; Hutter, arXiv 1711.05101), evaluated as
 * {@code torch.optim.AdamW} does.
 *
 * <p>Each step is one ND4J op executed directly ({@code Nd4j.exec}) into one scratch array and the
 * result: the same ops in the same order as the {@code INDArray} convenience calls
 * ({@code m.addi(grad.sub(m).muli(1 − β1))}, ...), so bit-identical to them, without their
 * per-call overhead and their four temporaries (a GPT step runs this for ~50 small parameters).
 */
public final class AdamMath {

    private AdamMath() {
    }

    /**
     * m ← lerp(m, g, 1 − β1); v ← β2·v + (1 − β2)·g²; returns
     * U = (m / (1 − β1^t)) / (sqrt(v) / sqrt(1 − β2^t) + eps).
     *
     * @param grad g. Not modified.
     * @param m    first moment. Modified.
     * @param v    second moment. Modified.
     * @param t    1-based step index
     * @return a new array U
     */
    public static INDArray direction(INDArray grad, INDArray m, INDArray v, double beta1, double beta2,
                                     double eps, long t) {
        INDArray tmp = Nd4j.createUninitialized(grad.dataType(), grad.shape(), grad.ordering());
        Nd4j.exec(new SubOp(grad, m, tmp));                          // g − m
        Nd4j.exec(new ScalarMultiplication(tmp, null, tmp, 1 - beta1));
        Nd4j.exec(new AddOp(m, tmp, m));                             // m ← m + (1 − β1)(g − m)
        Nd4j.exec(new ScalarMultiplication(v, null, v, beta2));
        Nd4j.exec(new MulOp(grad, grad, tmp));                       // g²
        Nd4j.exec(new ScalarMultiplication(tmp, null, tmp, 1 - beta2));
        Nd4j.exec(new AddOp(v, tmp, v));                             // v ← β2·v + (1 − β2)·g²
        double bc1 = 1 - Math.pow(beta1, t);
        double bc2 = 1 - Math.pow(beta2, t);
        Nd4j.exec(new Sqrt(v, tmp));
        Nd4j.exec(new ScalarDivision(tmp, null, tmp, Math.sqrt(bc2)));
        Nd4j.exec(new ScalarAdd(tmp, null, tmp, eps));               // denominator sqrt(v)/sqrt(bc2) + eps
        INDArray update = Nd4j.createUninitialized(grad.dataType(), grad.shape(), grad.ordering());
        Nd4j.exec(new DivOp(m, tmp, update));                        // not a reverse division: ND4J's were ~100x slower here
        Nd4j.exec(new ScalarDivision(update, null, update, bc1));
        return update;
    }
}
