package dev.muonlab.host;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector operations that give the same bits on every JIT tier, for the fused kernels.
 *
 * <p>Why: the Vector API runs a Java fallback until C2 compiles a kernel, then the intrinsic, and
 * two of its operations may differ between the two: {@code reduceLanes(ADD)} (order unspecified)
 * and {@code lanewise(EXP)} (the JDK's vector math library against {@code Math.exp}, both within
 * 1 ulp but not equal). A training run resumed from a checkpoint warms the JIT differently from
 * the uninterrupted run, so such kernels broke "resume is bit-identical" (caught by TrainerTest).
 * Everything here is built from exactly rounded lanewise operations in a fixed order.
 */
public final class Lanes {

    private static final float LOG2E = 1.44269504088896341f;
    /** ln 2 split in two: LN2_HI has 16 significant bits, so k·LN2_HI is exact for |k| ≤ 128. */
    private static final float LN2_HI = 0.693145751953125f;
    private static final float LN2_LO = 1.42860682030941723e-6f;
    /** 1.5·2²³: adding and subtracting it rounds a float of magnitude &lt; 2²² to the nearest integer. */
    private static final float ROUND = 12582912f;
    /** The bits of ROUND: the bits of ROUND + k are ROUND_BITS + k for |k| &lt; 2²². */
    private static final int ROUND_BITS = 0x4B400000;

    /** The species every kernel uses; the constants below must be built on it for C2 to intrinsify. */
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final FloatVector ONE = FloatVector.broadcast(S, 1f), C2 = FloatVector.broadcast(S, 0.5f),
            C3 = FloatVector.broadcast(S, 1f / 6), C4 = FloatVector.broadcast(S, 1f / 24),
            C5 = FloatVector.broadcast(S, 1f / 120);

    private Lanes() {
    }

    /**
     * The lanes of a vector, summed in lane order 0, 1, 2, ...: call as {@code acc.intoArray(lanes, 0);
     * Lanes.sum(lanes)}. Takes the stored lanes rather than the vector because a vector passed to a
     * method that C2 does not inline is boxed, one allocation per call: a former
     * {@code sum(FloatVector, float[])} allocated ~100 bytes per row of the attention softmax.
     *
     * @param lanes the lanes (length = the species' lane count). Not modified.
     * @return their sum, in fp32, left to right
     */
    public static float sum(float[] lanes) {
        float s = lanes[0];
        for (int i = 1; i < lanes.length; i++) {
            s += lanes[i];
        }
        return s;
    }

    /**
     * e^x per lane for x in [−87, 88] (inputs outside are clamped: e^−87 ≈ 1.6e-38, the smallest
     * normal float's order): x = k·ln 2 + r with k = round(x·log₂e), |r| ≤ ln 2/2 (Cody-Waite, ln 2
     * in two parts), e^r by its degree-7 Taylor polynomial (truncation &lt; 5e-9 relative), times 2^k
     * built in the exponent bits. Relative error a few ulps. x must be of FloatVector.SPECIES_PREFERRED.
     */
    public static FloatVector exp(FloatVector x) {
        FloatVector xc = x.max(-87f).min(88f);
        FloatVector shifted = xc.mul(LOG2E).add(ROUND);      // 1.5·2²³ + k, exactly: its low bits are k
        FloatVector k = shifted.sub(ROUND);
        FloatVector r = xc.sub(k.mul(LN2_HI)).sub(k.mul(LN2_LO));
        FloatVector p = r.mul(1f / 5040).add(1f / 720).fma(r, C5).fma(r, C4).fma(r, C3).fma(r, C2).fma(r, ONE).fma(r, ONE);
        // 2^k from the bits (not a float-to-int conversion, which JDK 17 does not compile to SIMD)
        IntVector exponent = shifted.reinterpretAsInts().sub(ROUND_BITS - 127).lanewise(VectorOperators.LSHL, 23);
        return p.mul(exponent.reinterpretAsFloats());
    }
}
