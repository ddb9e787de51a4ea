package dev.muonlab.host;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Small fp32 reductions and scalings on Java arrays with the Vector API, for the fused CPU path
 * ({@link HostArrays}). Loaded only when the JVM has {@code jdk.incubator.vector}.
 */
public final class VectorMath {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Elements summed in fp32 lanes before the partial sum joins the fp64 total. */
    private static final int BLOCK = 4096;

    private VectorMath() {
    }

    /**
     * @return Σ x[i]² over i &lt; n: fp32 lanes within blocks of 4096 elements, the blocks summed in
     *         fp64 (relative error ~1e-7 for any n). x: not modified.
     */
    public static double sumOfSquares(float[] x, int n) {
        double total = 0;
        float[] lanes = new float[S.length()];
        for (int b0 = 0; b0 < n; b0 += BLOCK) {
            int end = Math.min(n, b0 + BLOCK);
            int bound = b0 + S.loopBound(end - b0);
            FloatVector acc = FloatVector.zero(S);
            int i = b0;
            for (; i < bound; i += S.length()) {
                FloatVector v = FloatVector.fromArray(S, x, i);
                acc = v.fma(v, acc);
            }
            acc.intoArray(lanes, 0);
            double block = Lanes.sum(lanes);
            for (; i < end; i++) {
                block += (double) x[i] * x[i];
            }
            total += block;
        }
        return total;
    }

    /**
     * @return whether x[0..n) holds no NaN and no ±∞: x·0 is 0 for every finite x and NaN otherwise,
     *         so the lanes' sum of x·0 is NaN exactly when one element is not finite (a plain sum
     *         can also overflow on finite values). x: not modified.
     */
    public static boolean allFinite(float[] x, int n) {
        int bound = S.loopBound(n);
        FloatVector acc = FloatVector.zero(S);
        int i = 0;
        for (; i < bound; i += S.length()) {
            acc = acc.add(FloatVector.fromArray(S, x, i).mul(0f));
        }
        float[] lanes = new float[S.length()];
        acc.intoArray(lanes, 0);
        double total = Lanes.sum(lanes);
        for (; i < n; i++) {
            total += x[i] * 0f;
        }
        return !Double.isNaN(total);
    }

    /** x[i] ← x[i]·factor (rounded to fp32) for i &lt; n. x: modified. */
    public static void scale(float[] x, int n, float factor) {
        int bound = S.loopBound(n);
        int i = 0;
        for (; i < bound; i += S.length()) {
            FloatVector.fromArray(S, x, i).mul(factor).intoArray(x, i);
        }
        for (; i < n; i++) {
            x[i] *= factor;
        }
    }

    /**
     * x[i] ← a·x[i] + b·y[i] for i &lt; n, each product rounded to fp32 and then the sum (no fused
     * multiply-add: the same bits as ND4J's {@code x.muli(a).addi(y.muli(b))}). x: modified; y: not.
     */
    public static void scaleAdd(float[] x, float a, float[] y, float b, int n) {
        int bound = S.loopBound(n);
        int i = 0;
        for (; i < bound; i += S.length()) {
            FloatVector.fromArray(S, x, i).mul(a).add(FloatVector.fromArray(S, y, i).mul(b)).intoArray(x, i);
        }
        for (; i < n; i++) {
            x[i] = a * x[i] + b * y[i];
        }
    }
}
