package dev.muonlab.gpt;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.muonlab.host.HostArrays;

/**
 * GELU against Φ computed here from its definition in double precision: the Maclaurin series of erf
 * (A&amp;S 7.1.5) for |z| &lt; 1.5 and the continued fraction of erfc (A&amp;S 7.1.14) beyond.
 */
class GeluOpsTest {

    /** fp32: within 4 ulps relative, or 1e-12 absolute (the far left tail, x &lt; −6, where |GELU| &lt; 1e-8). */
    private static final double FLOAT_REL = 4 * Math.ulp(1f);
    private static final double FLOAT_ABS = 1e-12;
    private static final double DOUBLE_REL = 1e-11;
    /**
     * The fused kernel's bound, in units of ulp(1)·|value| plus, for x &lt; 0, ulp(x²/2)·|value|: the
     * rounding of the fp32 exponent −x²/2 that every fp32 evaluation of e^(−x²/2) inherits.
     */
    private static final double KERNEL_UNITS = 4;
    /** Below this the kernel's exp is clamped (e^−87, see Lanes.exp): an absolute error floor. */
    private static final double TINY = 1e-36;

    static double erfc(double z) {
        if (Math.abs(z) < 1.5) {
            double sum = 0;
            double term = z;
            for (int n = 0; n < 200 && Math.abs(term) > 1e-300; n++) {
                sum += term / (2 * n + 1);
                term *= -z * z / (n + 1);
            }
            return 1 - 2 / Math.sqrt(Math.PI) * sum;
        }
        if (z < 0) {
            return 2 - erfc(-z);
        }
        double f = z;                               // erfc(z) = e^{−z²}/√π · 1/(z + (1/2)/(z + 1/(z + (3/2)/(z + ...))))
        for (int k = 200; k >= 1; k--) {
            f = z + (k / 2.0) / f;
        }
        return Math.exp(-z * z) / Math.sqrt(Math.PI) / f;
    }

    static double exactCdf(double x) {
        return 0.5 * erfc(-x / Math.sqrt(2));
    }

    @Test
    void referenceErfcMatchesTabulatedValues() {
        // A&S Table 7.1 / standard values
        assertEquals(0.157299207050285, erfc(1), 1e-14);
        assertEquals(2.209049699858544e-5, erfc(3), 1e-18);
        assertEquals(1.537459794428035e-12, erfc(5), 1e-25);
        assertEquals(0.022750131948179, exactCdf(-2), 1e-14);
    }

    @Test
    void forwardAndDerivativeMatchTheExactFunctionInFloatAndDouble() {
        double[] xs = {-9, -6, -5, -3.5, -2, -1, -0.3, -1e-3, 0, 1e-3, 0.3, 1, 2, 3.5, 6};
        for (DataType type : new DataType[]{DataType.FLOAT, DataType.DOUBLE}) {
            double rel = type == DataType.FLOAT ? FLOAT_REL : DOUBLE_REL;
            double abs = type == DataType.FLOAT ? FLOAT_ABS : 1e-300;
            INDArray x = Nd4j.create(xs, new long[]{xs.length}, DataType.DOUBLE).castTo(type);
            GeluOps.Saved[] cdf = new GeluOps.Saved[1];
            INDArray y = GeluOps.forward(x, cdf);
            INDArray dx = GeluOps.backward(Nd4j.ones(type, xs.length), x, cdf[0]);
            for (int i = 0; i < xs.length; i++) {
                double v = x.getDouble(i);     // the input as stored (fp32-rounded for FLOAT)
                double gelu = v * exactCdf(v);
                double slope = exactCdf(v) + v * Math.exp(-0.5 * v * v) / Math.sqrt(2 * Math.PI);
                assertEquals(gelu, y.getDouble(i), rel * Math.abs(gelu) + abs, type + " GELU(" + v + ")");
                assertEquals(slope, dx.getDouble(i), rel * Math.abs(slope) + abs, type + " GELU'(" + v + ")");
            }
        }
    }

    @Test
    void fusedKernelMatchesTheExactFunctionOnADenseGrid() {
        assumeTrue(HostArrays.VECTOR_API, "needs --add-modules jdk.incubator.vector");
        int n = (1 << 16) + 5;                                      // vector loop and scalar tail
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = -16f + 24f * i / (n - 1);
        }
        float[] y = new float[n];
        float[] slope = new float[n];
        GeluKernel.forward(x, n, y, slope);
        double worstY = 0;
        double worstSlope = 0;
        for (int i = 0; i < n; i++) {
            double v = x[i];
            double cdf = exactCdf(v);
            double pdf = Math.exp(-0.5 * v * v) / Math.sqrt(2 * Math.PI);
            double unit = Math.ulp(1f) + (v < 0 ? Math.ulp((float) (0.5 * v * v)) : 0);
            double gelu = v * cdf;
            double termScale = cdf + Math.abs(v) * pdf;             // GELU' = Φ + xφ: its terms' size
            worstY = Math.max(worstY, Math.abs(y[i] - gelu) / Math.max(unit * Math.abs(gelu), TINY));
            worstSlope = Math.max(worstSlope, Math.abs(slope[i] - (cdf + v * pdf)) / Math.max(unit * termScale, TINY));
        }
        assertTrue(worstY <= KERNEL_UNITS, "GELU error " + worstY + " units");
        assertTrue(worstSlope <= KERNEL_UNITS, "GELU' error " + worstSlope + " units");
    }
}
