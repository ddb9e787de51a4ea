package dev.muonlab.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.muonlab.ns.ExactPolar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link Fp64BlasCheck} against what is known of OpenBLAS 0.3.19's kernels: its AVX-512 kernels
 * (SkylakeX, Cooperlake) get DTRMM/DTRSM/DSYMM wrong, the AVX2 ones (Haswell, Zen) get them right.
 * The test suite runs once with the launcher's choice (Haswell on an AVX-512 CPU) and, on an AVX-512
 * CPU, once more with {@code OPENBLAS_CORETYPE=SkylakeX} (kernel-ext/src/test/run-all-tests.sh), so
 * both verdicts are checked where the hardware allows.
 */
class Fp64BlasCheckTest {

    /** Orthonormal columns in fp64: ‖UᵀU − I‖_max of a 300×200 polar factor. */
    private static final double ORTHONORMAL = 1e-12;

    @Test
    void verdictMatchesTheCoreTypeInUse() throws IOException {
        Boolean expected = expectedSound();
        assumeTrue(expected != null, "OpenBLAS picks its own kernels on this Intel AVX-512 CPU: no fixed expectation");
        assertEquals(expected, Fp64BlasCheck.sound(), "worst probe error " + Fp64BlasCheck.probeWorstError()
                + " with OPENBLAS_CORETYPE=" + System.getenv("OPENBLAS_CORETYPE"));
    }

    @Test
    void fp64SvdIsRefusedWhenUnsoundAndRightOtherwise() {
        // 300 rows: past LAPACK's blocking cross-over, where the broken DTRMM is used
        INDArray G = Nd4j.create(gaussian(300 * 200, new Random(5)), new long[]{300, 200}, DataType.DOUBLE);
        if (Fp64BlasCheck.sound()) {
            INDArray P = ExactPolar.polar(G);
            double worst = P.transpose().mmul(P).subi(Nd4j.eye(200).castTo(DataType.DOUBLE))
                    .amaxNumber().doubleValue();
            assertTrue(worst < ORTHONORMAL, "PᵀP − I = " + worst);
        } else {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> ExactPolar.polar(G));
            assertTrue(e.getMessage().contains("OPENBLAS_CORETYPE=Haswell"), e.getMessage());
        }
    }

    @Test
    void fp32SvdIsNeverRefused() {
        INDArray G = Nd4j.create(gaussian(300 * 200, new Random(6)), new long[]{300, 200}, DataType.DOUBLE)
                .castTo(DataType.FLOAT);
        INDArray P = ExactPolar.polar(G, dev.muonlab.ns.Precision.FP32).castTo(DataType.DOUBLE);
        double worst = P.transpose().mmul(P).subi(Nd4j.eye(200).castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(worst < 1e-4, "PᵀP − I = " + worst);
    }

    /**
     * @return true where the AVX2 kernels run, false where the AVX-512 ones run, null where OpenBLAS
     *         chooses by itself on an Intel AVX-512 CPU (which of its tables it picks is its business)
     */
    private static Boolean expectedSound() throws IOException {
        String core = System.getenv("OPENBLAS_CORETYPE");
        Path cpuinfo = Path.of("/proc/cpuinfo");
        String info = Files.isReadable(cpuinfo) ? Files.readString(cpuinfo) : "";
        boolean avx512 = info.contains(" avx512f") && info.contains(" avx512vl");
        if (core == null) {
            return !(avx512 && info.contains("GenuineIntel")) ? Boolean.TRUE : null;
        }
        String c = core.toLowerCase(Locale.ROOT);
        return !(avx512 && (c.equals("skylakex") || c.equals("cooperlake")));
    }

    private static double[] gaussian(int n, Random random) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextGaussian();
        }
        return x;
    }
}
