package dev.muonlab.ns;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Rounding to bfloat16 (1 sign, 8 exponent, 7 stored mantissa bits): the upper half of an IEEE
 * float32, rounded to nearest with ties to even, as PyTorch's {@code c10::BFloat16} constructor
 * does ({@code round_to_nearest_even} in c10/util/BFloat16.h). NaN stays NaN.
 */
public final class Bf16 {

    private Bf16() {
    }

    /** @return x rounded to the nearest bfloat16 value (ties to even), as a float */
    public static float round(float x) {
        int bits = Float.floatToRawIntBits(x);
        if ((bits & 0x7fffffff) > 0x7f800000) {
            return x; // NaN
        }
        int lsb = (bits >>> 16) & 1;
        bits += 0x7fff + lsb;
        return Float.intBitsToFloat(bits & 0xffff0000);
    }

    /** @return x rounded to float32 then to bfloat16: how PyTorch turns a Python float coefficient into bf16 */
    public static double round(double x) {
        return round((float) x);
    }

    /**
     * Rounds every element to bfloat16 in place.
     *
     * @param X a FLOAT array. Modified: each element replaced by its bfloat16 rounding.
     * @return X
     */
    public static INDArray roundi(INDArray X) {
        if (X.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("bfloat16 emulation works on FLOAT arrays, got " + X.dataType());
        }
        INDArray c = X.isView() || X.ordering() != 'c' ? X.dup('c') : X;
        float[] v = c.data().asFloat();
        for (int i = 0; i < v.length; i++) {
            v[i] = round(v[i]);
        }
        c.data().setData(v);
        if (c != X) {
            X.assign(c);
        }
        return X;
    }

    /** @return a new FLOAT array holding X's values rounded to bfloat16. X: not modified. */
    public static INDArray rounded(INDArray X) {
        return roundi(X.castTo(DataType.FLOAT).dup('c'));
    }
}
