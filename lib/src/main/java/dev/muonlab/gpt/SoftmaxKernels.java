package dev.muonlab.gpt;

import dev.muonlab.host.Lanes;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Fused fp32 softmax kernels of a GPT step: attention's causal softmax and its backward, and the
 * cross-entropy of the logits with its gradient.
 *
 * <p>Pure functions of their array arguments: every method writes only the arrays it names as
 * outputs; row-major layouts. Written with the Vector API and {@link Lanes} (the same bits on every
 * JIT tier); loaded only when the JVM has {@code jdk.incubator.vector} (see {@link HostKernels}).
 */
final class SoftmaxKernels {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private SoftmaxKernels() {
    }

    /**
     * Causal softmax of each row of scores s (rows × T, rows a multiple of T): row r attends to
     * columns 0..(r mod T), as adding nanoGPT's −∞ mask above the diagonal and taking the softmax;
     * the masked columns become 0. s: modified in place.
     *
     * <p>The last, partly valid vector of a row runs under a lane mask: a scalar tail there cost
     * up to 15 scalar {@code exp} calls per row (14 ns each on JDK 17).
     */
    static void causalSoftmaxRows(float[] s, int rows, int T) {
        float[] lanes = new float[S.length()];          // for Lanes.sum
        int L = S.length();
        for (int r = 0; r < rows; r++) {
            int o = r * T;
            int len = r % T + 1;
            int covered = Math.min((len + L - 1) / L * L, T / L * L);   // whole vectors that fit in the row
            FloatVector vmax = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
            for (int j = 0; j < covered; j += L) {
                VectorMask<Float> valid = S.indexInRange(j, len);
                vmax = vmax.lanewise(VectorOperators.MAX, FloatVector.fromArray(S, s, o + j), valid);
            }
            float max = vmax.reduceLanes(VectorOperators.MAX);
            for (int j = covered; j < len; j++) {
                max = Math.max(max, s[o + j]);
            }
            FloatVector bmax = FloatVector.broadcast(S, max);
            FloatVector acc = FloatVector.zero(S);
            for (int j = 0; j < covered; j += L) {
                VectorMask<Float> valid = S.indexInRange(j, len);
                FloatVector e = Lanes.exp(FloatVector.fromArray(S, s, o + j).sub(bmax))
                        .blend(0f, valid.not());
                e.intoArray(s, o + j);
                acc = acc.add(e);
            }
            acc.intoArray(lanes, 0);
            float sum = Lanes.sum(lanes);
            for (int j = covered; j < len; j++) {
                float e = (float) Math.exp(s[o + j] - max);
                s[o + j] = e;
                sum += e;
            }
            float inv = 1f / sum;
            int end = Math.max(covered, len);
            for (int j = 0; j < covered; j += L) {
                FloatVector.fromArray(S, s, o + j).mul(inv).intoArray(s, o + j);
            }
            for (int j = covered; j < len; j++) {
                s[o + j] *= inv;
            }
            java.util.Arrays.fill(s, o + end, o + T, 0f);
        }
    }

    /**
     * Softmax backward on each row: ds = att ⊙ (datt − Σ_j att_j·datt_j). att, datt (rows × T): not
     * modified; ds: written (may be datt itself).
     */
    static void softmaxBackwardRows(float[] att, float[] datt, int rows, int T, float[] ds) {
        float[] lanes = new float[S.length()];          // for Lanes.sum
        int bound = S.loopBound(T);
        for (int r = 0; r < rows; r++) {
            int o = r * T;
            FloatVector acc = FloatVector.zero(S);
            int j = 0;
            for (; j < bound; j += S.length()) {
                acc = FloatVector.fromArray(S, att, o + j).fma(FloatVector.fromArray(S, datt, o + j), acc);
            }
            acc.intoArray(lanes, 0);
            float dot = Lanes.sum(lanes);
            for (int t = j; t < T; t++) {
                dot += att[o + t] * datt[o + t];
            }
            FloatVector vdot = FloatVector.broadcast(S, dot);
            for (j = 0; j < bound; j += S.length()) {
                FloatVector a = FloatVector.fromArray(S, att, o + j);
                a.mul(FloatVector.fromArray(S, datt, o + j).sub(vdot)).intoArray(ds, o + j);
            }
            for (; j < T; j++) {
                ds[o + j] = att[o + j] * (datt[o + j] - dot);
            }
        }
    }

    /**
     * Mean cross-entropy of rows of logits against targets, with the log-sum-exp shifted by the row
     * maximum, and its gradient (softmax − onehot)/rows.
     *
     * @param logits (rows × V). Not modified.
     * @param grad   (rows × V). Written.
     * @return (1/rows)·Σ_r (log Σ_j exp(l_rj) − l_r,target_r), accumulated in fp64
     */
    static double crossEntropyRows(float[] logits, int rows, int V, int[] targets, float[] grad) {
        float[] lanes = new float[S.length()];          // for Lanes.sum
        int bound = S.loopBound(V);
        double total = 0;
        float invRows = 1f / rows;
        for (int r = 0; r < rows; r++) {
            int o = r * V;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < V; j++) {
                max = Math.max(max, logits[o + j]);
            }
            FloatVector vmax = FloatVector.broadcast(S, max);
            FloatVector acc = FloatVector.zero(S);
            int j = 0;
            for (; j < bound; j += S.length()) {
                FloatVector e = Lanes.exp(FloatVector.fromArray(S, logits, o + j).sub(vmax));
                e.intoArray(grad, o + j);
                acc = acc.add(e);
            }
            acc.intoArray(lanes, 0);
            double sum = Lanes.sum(lanes);
            for (; j < V; j++) {
                float e = (float) Math.exp(logits[o + j] - max);
                grad[o + j] = e;
                sum += e;
            }
            int t = targets[r];
            total += Math.log(sum) - (logits[o + t] - max);
            float scale = (float) (1.0 / sum) * invRows;
            for (j = 0; j < bound; j += S.length()) {
                FloatVector.fromArray(S, grad, o + j).mul(scale).intoArray(grad, o + j);
            }
            for (; j < V; j++) {
                grad[o + j] *= scale;
            }
            grad[o + t] -= invRows;
        }
        return total / rows;
    }
}
