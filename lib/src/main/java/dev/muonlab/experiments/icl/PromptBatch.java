package dev.muonlab.experiments.icl;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A batch of B sampled regression prompts, reduced to what the linear-attention prediction uses.
 *
 * @param H  (B, d): per prompt, h = (1/N) Σ_i y_i x_i over its N in-context examples
 * @param Xq (B, d): the query inputs x_q
 * @param yq (B): the query targets y_q = wᵀ x_q
 */
public record PromptBatch(INDArray H, INDArray Xq, INDArray yq) {

    /**
     * Samples B prompts: w ~ N(0, I_d), x = C z with z ~ N(0, I_d) and C Cᵀ = Λ, y = wᵀ x.
     *
     * @param C      a square root of Λ (d, d), e.g. Q diag(√λ). Not modified.
     * @param n      examples per prompt N
     * @param b      prompts B
     * @param random the source of randomness. Modified (advanced).
     * @return a new batch
     */
    public static PromptBatch sample(INDArray C, int n, int b, Random random) {
        int d = (int) C.rows();
        double[] c = C.dup('c').data().asDouble();
        double[] h = new double[b * d];
        double[] xq = new double[b * d];
        double[] yq = new double[b];
        double[] w = new double[d];
        double[] z = new double[d];
        double[] x = new double[d];
        for (int p = 0; p < b; p++) {
            for (int i = 0; i < d; i++) {
                w[i] = random.nextGaussian();
            }
            for (int e = 0; e <= n; e++) {            // e == n is the query
                for (int i = 0; i < d; i++) {
                    z[i] = random.nextGaussian();
                }
                double y = 0;
                for (int i = 0; i < d; i++) {
                    double s = 0;
                    for (int j = 0; j < d; j++) {
                        s += c[i * d + j] * z[j];
                    }
                    x[i] = s;
                    y += w[i] * s;
                }
                if (e < n) {
                    for (int i = 0; i < d; i++) {
                        h[p * d + i] += y * x[i] / n;
                    }
                } else {
                    System.arraycopy(x, 0, xq, p * d, d);
                    yq[p] = y;
                }
            }
        }
        return new PromptBatch(Nd4j.create(h, new long[]{b, d}, DataType.DOUBLE),
                Nd4j.create(xq, new long[]{b, d}, DataType.DOUBLE),
                Nd4j.create(yq, new long[]{b}, DataType.DOUBLE));
    }
}
