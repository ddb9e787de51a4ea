package dev.muonlab.gpt;

import dev.muonlab.host.Lanes;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Fused fp32 exact GELU and its derivative (see {@link GeluOps}): four ND4J ops otherwise, with
 * libm's scalar {@code erfcf}.
 *
 * <p>Pure functions of their array arguments: every method writes only the arrays it names as
 * outputs; row-major layouts. Written with the Vector API and {@link Lanes} (the same bits on every
 * JIT tier); loaded only when the JVM has {@code jdk.incubator.vector} (see {@link HostKernels}).
 */
final class GeluKernel {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final float INV_SQRT2 = (float) (1.0 / Math.sqrt(2.0));
    private static final float INV_SQRT_2PI = (float) (1.0 / Math.sqrt(2.0 * Math.PI));
    /**
     * Chebyshev fit of erfc on z ≥ 0 with fractional error below 1.2e-7 everywhere (Press et al.,
     * Numerical Recipes, 2nd ed., §6.2, {@code erfcc}): erfc(z) = t·exp(−z² + P(t)), t = 1/(1 + z/2),
     * P(t) = Σ c_i tⁱ with these c_0..c_9.
     */
    private static final float[] ERFC = {-1.26551223f, 1.00002368f, 0.37409196f, 0.09678418f, -0.18628806f,
        0.27886807f, -1.13520398f, 1.48851587f, -0.82215223f, 0.17087277f};

    /** Elements per chunk of {@link #gelu}: its two 4 KiB exponent buffers stay in L1. */
    private static final int CHUNK = 1024;
    private static final FloatVector ONE = FloatVector.broadcast(S, 1f);
    private static final FloatVector E0 = FloatVector.broadcast(S, ERFC[0]), E1 = FloatVector.broadcast(S, ERFC[1]),
            E2 = FloatVector.broadcast(S, ERFC[2]), E3 = FloatVector.broadcast(S, ERFC[3]),
            E4 = FloatVector.broadcast(S, ERFC[4]), E5 = FloatVector.broadcast(S, ERFC[5]),
            E6 = FloatVector.broadcast(S, ERFC[6]), E7 = FloatVector.broadcast(S, ERFC[7]),
            E8 = FloatVector.broadcast(S, ERFC[8]), E9 = FloatVector.broadcast(S, ERFC[9]);

    private GeluKernel() {
    }

    /**
     * Exact GELU y = x·Φ(x) (see {@link GeluOps}) and, when slope is not null, its derivative
     * GELU'(x) = Φ(x) + x·φ(x) for the backward pass, with Φ(x) = ½·erfc(−x/√2): ½E for x ≤ 0,
     * 1 − ½E for x &gt; 0, E = erfc(|x|/√2) = t·exp(−z² + P(t)), so the left tail keeps its relative
     * accuracy (no 1 − ... cancellation).
     *
     * <p>Works in chunks of {@link #CHUNK} elements, three loops each: the exponents, then
     * {@code exp} alone, then the products. One loop doing all of it ran 2.5-3× slower on JDK 17
     * (the long polynomial around the exponential spilled).
     *
     * @param x     (n) pre-activations. Not modified.
     * @param y     (n) written: GELU(x)
     * @param slope (n) written: GELU'(x); or null
     */
    static void forward(float[] x, int n, float[] y, float[] slope) {
        float[] erfcExp = new float[CHUNK];       // −z² + P(t), then its exp
        float[] gaussExp = new float[CHUNK];      // −x²/2, then its exp
        int vectorEnd = S.loopBound(n);
        for (int c0 = 0; c0 < vectorEnd; c0 += CHUNK) {
            int len = Math.min(CHUNK, vectorEnd - c0);
            for (int k = 0; k < len; k += S.length()) {
                FloatVector v = FloatVector.fromArray(S, x, c0 + k);
                FloatVector z = v.abs().mul(INV_SQRT2);
                FloatVector t = ONE.div(z.mul(0.5f).add(1f));
                FloatVector p = t.mul(E9).add(E8).fma(t, E7).fma(t, E6).fma(t, E5).fma(t, E4).fma(t, E3).fma(t, E2)
                        .fma(t, E1).fma(t, E0);
                z.mul(z).neg().add(p).intoArray(erfcExp, k);
                if (slope != null) {
                    v.mul(v).mul(-0.5f).intoArray(gaussExp, k);
                }
            }
            exp(erfcExp, len);
            if (slope != null) {
                exp(gaussExp, len);
            }
            for (int k = 0; k < len; k += S.length()) {
                FloatVector v = FloatVector.fromArray(S, x, c0 + k);
                FloatVector t = ONE.div(v.abs().mul(INV_SQRT2 * 0.5f).add(1f));
                FloatVector half = t.mul(FloatVector.fromArray(S, erfcExp, k)).mul(0.5f);
                FloatVector cdf = half.blend(ONE.sub(half), v.compare(VectorOperators.GT, 0f));
                v.mul(cdf).intoArray(y, c0 + k);
                if (slope != null) {
                    FloatVector pdf = FloatVector.fromArray(S, gaussExp, k).mul(INV_SQRT_2PI);
                    v.fma(pdf, cdf).intoArray(slope, c0 + k);
                }
            }
        }
        for (int i = vectorEnd; i < n; i++) {
            float cdf = cdf(x[i]);
            y[i] = x[i] * cdf;
            if (slope != null) {
                slope[i] = cdf + x[i] * (float) Math.exp(-0.5 * x[i] * x[i]) * INV_SQRT_2PI;
            }
        }
    }

    /** a[0..len) ← exp(a[0..len)), len a multiple of the lane count. a: modified. */
    private static void exp(float[] a, int len) {
        for (int k = 0; k < len; k += S.length()) {
            Lanes.exp(FloatVector.fromArray(S, a, k)).intoArray(a, k);
        }
    }

    private static float cdf(float x) {
        float z = Math.abs(x) * INV_SQRT2;
        float t = 1f / (1f + 0.5f * z);
        float p = ERFC[ERFC.length - 1];
        for (int c = ERFC.length - 2; c >= 0; c--) {
            p = p * t + ERFC[c];
        }
        float half = 0.5f * t * (float) Math.exp(-z * z + p);
        return x > 0 ? 1f - half : half;
    }
}
