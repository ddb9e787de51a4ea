package dev.muonlab.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Moonlight's update RMS target as a field (arXiv 2502.16982 Eq. 4, Table 8's sweep): the measured RMS
 * of one step's weight change over lr is the target, for every target and shape.
 */
class MuonRmsTargetTest {

    /** float32 rounding of an exact polar factor's RMS (Lemma 1: 1/√max(A, B) for full rank). */
    static final double EXACT_POLAR_TOLERANCE = 1e-4;
    /** Keller's NS5 leaves singular values in ≈ [0.68, 1.13] (references §5), so the RMS is within ±30 %. */
    static final double NS5_RELATIVE_TOLERANCE = 0.30;

    /** @return the RMS of (P_before − P_after)/lr after one step from zero momentum, decay 0. Modifies nothing given. */
    private static double measuredUpdateRms(MuonConfig config, long rows, long cols, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray P = Nd4j.randn(DataType.FLOAT, rows, cols).muli(0.02);
        INDArray G = Nd4j.randn(DataType.FLOAT, rows, cols);
        INDArray before = P.dup();
        Map<String, INDArray> state = new HashMap<>();
        state.put("momentum", Nd4j.zeros(DataType.FLOAT, rows, cols));
        double lr = 1e-3;
        config.step(P, G, state, lr, 1);
        INDArray delta = before.subi(P).divi(lr);
        return delta.norm2Number().doubleValue() / Math.sqrt(delta.length());
    }

    @Test
    void theExactPolarUpdateHasTheTargetRmsForEveryShape() {
        for (double r : new double[]{0.05, 0.2, 0.8}) {
            MuonConfig c = MuonConfig.moonlight(MuonConfig.exactPolar()).withWeightDecay(0).withRmsTarget(r);
            for (long[] shape : new long[][]{{64, 256}, {256, 64}, {96, 96}}) {
                assertEquals(r, measuredUpdateRms(c, shape[0], shape[1], 7), r * EXACT_POLAR_TOLERANCE,
                        "target " + r + " at " + shape[0] + "x" + shape[1]);
            }
        }
    }

    @Test
    void keller5StepNewtonSchulzLandsNearTheTarget() {
        for (double r : new double[]{0.05, 0.8}) {
            MuonConfig c = MuonConfig.moonlight().withWeightDecay(0).withRmsTarget(r);
            double rms = measuredUpdateRms(c, 128, 512, 11);
            assertEquals(r, rms, r * NS5_RELATIVE_TOLERANCE, "target " + r);
        }
    }

    /** The default is Moonlight's 0.2 and the same arithmetic as before the field existed. */
    @Test
    void theDefaultIsMoonlightsPointTwoBitForBit() {
        MuonConfig plain = MuonConfig.moonlight().withWeightDecay(0);
        assertEquals(UpdateScale.MOONLIGHT_RMS, plain.rmsTarget());
        assertEquals(measuredUpdateRms(plain, 64, 32, 3), measuredUpdateRms(plain.withRmsTarget(0.2), 64, 32, 3), 0.0);
        assertEquals(UpdateScale.MATCH_RMS_ADAMW.factor(64, 16), UpdateScale.MATCH_RMS_ADAMW.factor(64, 16, 0.2), 0.0);
        assertEquals(plain.toString(), plain.withRmsTarget(0.2).toString(), "checkpoint info text unchanged");
        assertEquals(2 * measuredUpdateRms(plain, 64, 32, 3), measuredUpdateRms(plain.withRmsTarget(0.4), 64, 32, 3), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> plain.withRmsTarget(0));
        assertEquals(Math.sqrt(2), UpdateScale.ORIGINAL.factor(64, 32, 0.8), 0.0, "Keller's scale ignores the target");
    }
}
