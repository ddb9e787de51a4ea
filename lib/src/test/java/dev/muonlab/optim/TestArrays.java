package dev.muonlab.optim;

import java.util.Arrays;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Seeded random arrays and exact comparisons for the optimizer tests. */
final class TestArrays {

    private TestArrays() {
    }

    /** @return a new array of i.i.d. N(0, 1) entries from {@code java.util.Random(seed)} */
    static INDArray randn(long seed, DataType type, long... shape) {
        Random r = new Random(seed);
        double[] data = new double[(int) Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
        for (int i = 0; i < data.length; i++) {
            data[i] = r.nextGaussian();
        }
        return Nd4j.create(data, shape, DataType.DOUBLE).castTo(type);
    }

    /** @return true when both arrays have the same type, shape and bits (ND4J's equals has a tolerance) */
    static boolean bitwiseEqual(INDArray a, INDArray b) {
        if (a.dataType() != b.dataType() || !Arrays.equals(a.shape(), b.shape())) {
            return false;
        }
        if (a.dataType() == DataType.DOUBLE) {
            return Arrays.equals(a.dup('c').data().asDouble(), b.dup('c').data().asDouble());
        }
        return Arrays.equals(a.dup('c').data().asFloat(), b.dup('c').data().asFloat());
    }

    static double rms(INDArray x) {
        return x.norm2Number().doubleValue() / Math.sqrt(x.length());
    }
}
