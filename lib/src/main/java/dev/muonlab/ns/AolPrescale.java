package dev.muonlab.ns;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Turbo-Muon's AOL pre-scaling (Boissin et al., thib-s/flash-newton-schulz; modded-nanogpt record
 * 2025-11-11_TurboMuon; optax {@code preconditioning='aol'}): on the wide orientation X (m, n), m ≤ n,
 * <pre>
 *   A = X Xᵀ                      (m, m)
 *   dᵢ = (Σⱼ |Aᵢⱼ|)^−½            one scale per row of X (floored row sums)
 *   X₀ = D X,  D = diag(d)        (m, n)
 * </pre>
 * The AOL bound (Prach &amp; Lampert, "Almost-Orthogonal Layers", ECCV 2022, Thm. 1, applied to Xᵀ):
 * ‖D X‖_op ≤ 1, with equality-like tightness when X's rows are nearly orthogonal, so the small
 * singular values start larger than after Frobenius scaling and one NS step can be dropped (the
 * {@code aol} 4-step preset, {@link NsPresets}).
 *
 * <p>Why it is not the same polar factor: polar(D X) ≠ polar(X) unless D ∝ I; Turbo-Muon trains with
 * polar(D G), and so does this class. In the GPU code the scaling is fused into step 1 (A is reused, so
 * it costs no extra product); here it is applied before the iteration, which costs one extra Gram
 * product (m²n multiply-adds) per call.
 */
public final class AolPrescale {

    private AolPrescale() {
    }

    /**
     * @param G     (rows, cols), any orientation; not modified
     * @param floor the floor under each absolute row sum of A (positive; avoids 0^−½ for a zero row)
     * @return a new (rows, cols) array of G's data type: D·G for wide G (rows scaled), G·D for tall G
     *         (columns scaled), computed in double
     */
    public static INDArray apply(INDArray G, double floor) {
        boolean tall = G.rows() > G.columns();
        INDArray X = (tall ? G.transpose() : G).castTo(DataType.DOUBLE);        // (m, n), m ≤ n
        double[] d = scales(X, floor);                                          // (m)
        INDArray D = Nd4j.diag(Nd4j.createFromArray(d));                        // (m, m)
        INDArray X0 = D.mmul(X);                                                // (m, n)
        return (tall ? X0.transpose() : X0).dup('c').castTo(G.dataType());
    }

    /**
     * @param X (m, n) wide, double; not modified
     * @return dᵢ = (max(Σⱼ |(X Xᵀ)ᵢⱼ|, floor))^−½, i &lt; m
     */
    public static double[] scales(INDArray X, double floor) {
        INDArray A = X.mmul(X.transpose());                                     // (m, m)
        double[] rowSums = org.nd4j.linalg.ops.transforms.Transforms.abs(A, true).sum(1).toDoubleVector();
        double[] d = new double[rowSums.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = 1.0 / Math.sqrt(Math.max(rowSums[i], floor));
        }
        return d;
    }
}
