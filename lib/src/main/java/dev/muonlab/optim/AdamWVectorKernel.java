package dev.muonlab.optim;

import static dev.muonlab.host.HostArrays.read;
import static dev.muonlab.host.HostArrays.scratch;
import static dev.muonlab.host.HostArrays.write;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One AdamW step of one fp32 parameter in a single pass (Vector API), for the CPU fast path of
 * {@link AdamWConfig#step}: the same operations in the same order as {@link AdamMath#direction}
 * followed by the decay and the update, each rounded to fp32 (no fused multiply-add), so it
 * computes what the ND4J ops compute, element by element. The ND4J version takes 15 ops per
 * parameter, each 15-30 µs of dispatch and a pass over memory; a GPT has ~30 parameters.
 *
 * <p>Loaded only when the JVM has {@code jdk.incubator.vector} ({@link dev.muonlab.host.HostArrays}).
 */
final class AdamWVectorKernel {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private AdamWVectorKernel() {
    }

    /**
     * param ← param·(1 − lr·wd) − lr·U with U AdamMath's direction after updating m and v.
     *
     * @param param parameter. Modified.
     * @param grad  gradient. Not modified.
     * @param m     first moment. Modified.
     * @param v     second moment. Modified.
     * @param t     1-based step index
     * @return U, a new array (the optimizer's direction, for its statistics)
     */
    static INDArray step(INDArray param, INDArray grad, INDArray m, INDArray v, double beta1, double beta2,
                         double eps, double lr, double weightDecay, long t) {
        int n = (int) param.length();
        float[] p = read(param, 0), g = read(grad, 1), mm = read(m, 2), vv = read(v, 3), u = scratch(4, n);
        double bc1 = 1 - Math.pow(beta1, t);
        double bc2 = 1 - Math.pow(beta2, t);
        update(p, g, mm, vv, u, n, new float[]{(float) (1 - beta1), (float) beta2, (float) (1 - beta2),
            (float) Math.sqrt(bc2), (float) eps, (float) bc1, (float) (1 - lr * weightDecay), (float) lr},
                weightDecay != 0);
        write(p, param);
        write(mm, m);
        write(vv, v);
        return write(u, Nd4j.createUninitialized(DataType.FLOAT, param.shape(), 'c'));
    }

    /**
     * The elementwise step on arrays. c = {1 − β1, β2, 1 − β2, √bc2, eps, bc1, 1 − lr·wd, lr}, each
     * already rounded to fp32 as ND4J rounds a scalar operand. p, m, v: modified; u: written.
     */
    private static void update(float[] p, float[] g, float[] m, float[] v, float[] u, int n, float[] c, boolean decay) {
        float oneMinusB1 = c[0], b2 = c[1], oneMinusB2 = c[2], sqrtBc2 = c[3], eps = c[4], bc1 = c[5];
        float keep = c[6], lr = c[7];
        int bound = S.loopBound(n);
        int i = 0;
        for (; i < bound; i += S.length()) {
            FloatVector vg = FloatVector.fromArray(S, g, i);
            FloatVector vm = FloatVector.fromArray(S, m, i);
            vm = vm.add(vg.sub(vm).mul(oneMinusB1));                       // m + (1 − β1)(g − m)
            FloatVector vv = FloatVector.fromArray(S, v, i).mul(b2).add(vg.mul(vg).mul(oneMinusB2));
            FloatVector denom = vv.sqrt().div(sqrtBc2).add(eps);
            FloatVector vu = vm.div(denom).div(bc1);
            FloatVector vp = FloatVector.fromArray(S, p, i);
            if (decay) {
                vp = vp.mul(keep);
            }
            vp.sub(vu.mul(lr)).intoArray(p, i);
            vm.intoArray(m, i);
            vv.intoArray(v, i);
            vu.intoArray(u, i);
        }
        for (; i < n; i++) {
            m[i] = m[i] + (g[i] - m[i]) * oneMinusB1;
            v[i] = v[i] * b2 + g[i] * g[i] * oneMinusB2;
            u[i] = m[i] / ((float) Math.sqrt(v[i]) / sqrtBc2 + eps) / bc1;
            p[i] = (decay ? p[i] * keep : p[i]) - u[i] * lr;
        }
    }
}
