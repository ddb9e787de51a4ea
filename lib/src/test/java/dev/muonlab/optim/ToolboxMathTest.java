package dev.muonlab.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.muonlab.ns.ExactPolar;
import dev.muonlab.ns.NsConfig;
import dev.muonlab.ns.Precision;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The toolbox's pure functions against hand-computed values: cautious decay, NorMuon's moment, PolarGrad's nuclear norm, QK-clip, momentum schedule. */
class ToolboxMathTest {

    static final double EXACT = 1e-12;

    @Test
    void cautiousDecayOnlyWhereUpdateAndWeightAgree() {
        INDArray W = Nd4j.createFromArray(1.0, -2.0, 3.0, 0.0);
        INDArray U = Nd4j.createFromArray(1.0, 1.0, -1.0, 5.0);
        MuonMath.cautiousDecay(W, U, 0.1, 0.5);                      // mask 1, 0, 0, 1 (0·5 = 0 counts as agreeing)
        assertArrayEquals(new double[] {0.95, -2.0, 3.0, 0.0}, W.toDoubleVector(), EXACT);
        INDArray W2 = Nd4j.createFromArray(1.0, -2.0, 3.0, 0.0);
        MuonMath.applyStep(W2, U, 0.1, 0.5, WeightDecayMode.CAUTIOUS, 7.0);   // s does not enter
        assertArrayEquals(new double[] {0.85, -2.1, 3.1, -0.5}, W2.toDoubleVector(), EXACT);
    }

    @Test
    void norMuonNormalizesEachRowAndKeepsTheFrobeniusNorm() {
        INDArray O = Nd4j.createFromArray(new double[][] {{3, 4}, {0.6, 0.8}});   // row mean squares 12.5, 0.5
        INDArray V = Nd4j.zeros(DataType.DOUBLE, 2, 2);
        INDArray out = NorMuonMath.perNeuron(O, V, 0.5);
        assertArrayEquals(new double[] {6.25, 6.25}, V.getRow(0).toDoubleVector(), EXACT);
        assertArrayEquals(new double[] {0.25, 0.25}, V.getRow(1).toDoubleVector(), EXACT);
        // O / (√v + 1e−8): rows (3, 4)/2.5 and (0.6, 0.8)/0.5 have equal norms 2 and 2; rescaled to ‖O‖_F
        double normO = Math.sqrt(25 + 1);
        double r = normO / Math.sqrt(8);                            // ‖Ô‖_F = √(4 + 4) (the 1e−8 is below round-off here)
        assertArrayEquals(new double[] {1.2 * r, 1.6 * r}, out.getRow(0).toDoubleVector(), 1e-7);
        assertArrayEquals(new double[] {1.2 * r, 1.6 * r}, out.getRow(1).toDoubleVector(), 1e-7);
        assertEquals(normO, out.norm2Number().doubleValue(), 1e-9);
    }

    @Test
    void adaMuonUpdateHasTheTargetRms() {
        INDArray U = Nd4j.createFromArray(new double[][] {{1, -2, 3}, {0.5, 0, 7}});
        assertEquals(0.2, NorMuonMath.rmsScaled(U, 0.2).norm2Number().doubleValue() / Math.sqrt(6), EXACT);
    }

    @Test
    void polarGradScalesByTheNuclearNorm() {
        INDArray D = dev.muonlab.ns.TestMatrices.withSpectrum(81, 4, 7, new double[] {3, 2, 0.5, 0.25});
        INDArray U = PolarGradConfig.nuclearScaledPolar(D, ExactPolar.orthogonalizer(), 1.0);
        INDArray expected = ExactPolar.polar(D).mul(5.75);
        assertEquals(0.0, dev.muonlab.ns.TestMatrices.maxAbsDiff(U, expected), 1e-10);
    }

    @Test
    void qkClipBringsEachOffendingHeadToTau() {
        int C = 4;
        int heads = 2;
        INDArray x = dev.muonlab.ns.TestMatrices.gaussian(91, 6, C, DataType.DOUBLE);           // 2 sequences × 3 tokens
        INDArray W = dev.muonlab.ns.TestMatrices.gaussian(92, 3 * C, C, DataType.DOUBLE).muli(3); // (3C, C)
        INDArray qkv = x.mmul(W.transpose());                                                    // (6, 3C)
        double[] s = QkClip.maxLogits(qkv, 2, heads);
        // brute force for head 1 of sequence 0 and 1
        double best = Double.NEGATIVE_INFINITY;
        for (int b = 0; b < 2; b++) {
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j <= i; j++) {
                    double dot = 0;
                    for (int d = 0; d < 2; d++) {
                        dot += qkv.getDouble(b * 3 + i, 2 + d) * qkv.getDouble(b * 3 + j, C + 2 + d);
                    }
                    best = Math.max(best, dot / Math.sqrt(2));
                }
            }
        }
        assertEquals(best, s[1], EXACT);
        assertArrayEquals(s, QkClip.maxLogits(qkv, 2, heads, 1.0 / Math.sqrt(2)), 0.0, "1/√d_h is the default scale");
        double[] halved = QkClip.maxLogits(qkv, 2, heads, 0.5 / Math.sqrt(2));        // e.g. muP's 1/d_h at 4× base
        assertEquals(best / 2, halved[1], EXACT);
        double tau = Math.min(s[0], s[1]) * 0.5;                      // both heads over τ
        double tau2 = (s[0] + s[1]) / 2;                              // only the larger one over τ
        INDArray W2 = W.dup();
        double[] gamma = QkClip.factors(s, tau2);
        assertEquals(1, QkClip.rescale(W2, null, gamma));
        double[] after = QkClip.maxLogits(x.mmul(W2.transpose()), 2, heads);
        int big = s[0] > s[1] ? 0 : 1;
        assertEquals(tau2, after[big], 1e-9);
        assertEquals(s[1 - big], after[1 - big], EXACT);
        assertEquals(0.0, dev.muonlab.ns.TestMatrices.maxAbsDiff(W2.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(2 * C, 3 * C),
                org.nd4j.linalg.indexing.NDArrayIndex.all()), W.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(2 * C, 3 * C),
                org.nd4j.linalg.indexing.NDArrayIndex.all())), 0, "v untouched");
        INDArray W3 = W.dup();
        assertEquals(2, QkClip.rescale(W3, Nd4j.zeros(DataType.DOUBLE, 3 * C), QkClip.factors(s, tau)));
        double[] after3 = QkClip.maxLogits(x.mmul(W3.transpose()), 2, heads);
        assertArrayEquals(new double[] {tau, tau}, after3, 1e-9);
        assertThrows(IllegalArgumentException.class, () -> QkClip.factors(s, 0));
    }

    @Test
    void momentumScheduleWarmsUpAndCoolsDown() {
        MomentumSchedule m = MomentumSchedule.moddedNanogpt(1000, 100);
        assertEquals(0.85, m.at(0), EXACT);
        assertEquals(0.90, m.at(150), EXACT);
        assertEquals(0.95, m.at(300), EXACT);
        assertEquals(0.95, m.at(899), EXACT);
        assertEquals(0.949, m.at(900), EXACT);                        // first of the last 100 steps
        assertEquals(0.85 + 0.1 * 49.0 / 100, m.at(950), EXACT);
        assertEquals(0.85, m.at(999), EXACT);
        assertThrows(IllegalArgumentException.class, () -> new MomentumSchedule(0.85, 0.95, 10, 10, 15));
    }

    @Test
    void scheduledMomentumEqualsMuonWithThatMomentumAtEachStep() {
        MomentumSchedule sched = new MomentumSchedule(0.5, 0.9, 2, 1, 4);
        MuonConfig base = MuonConfig.keller(NsConfig.keller().withPrecision(Precision.FP64).orthogonalizer());
        INDArray p1 = dev.muonlab.ns.TestMatrices.gaussian(93, 5, 7, DataType.DOUBLE);
        INDArray p2 = p1.dup();
        Map<String, INDArray> s1 = new LinkedHashMap<>(Map.of("momentum", Nd4j.zeros(DataType.DOUBLE, 5, 7)));
        Map<String, INDArray> s2 = new LinkedHashMap<>(Map.of("momentum", Nd4j.zeros(DataType.DOUBLE, 5, 7)));
        ScheduledMomentumConfig sc = ScheduledMomentumConfig.muon(base, sched);
        double[] betas = {0.5, 0.7, 0.9, 0.5};
        for (int t = 1; t <= 4; t++) {
            INDArray g = dev.muonlab.ns.TestMatrices.gaussian(100 + t, 5, 7, DataType.DOUBLE);
            sc.step(p1, g, s1, 0.02, t);
            base.withMomentum(betas[t - 1]).step(p2, g, s2, 0.02, t);
            assertEquals(0.0, dev.muonlab.ns.TestMatrices.maxAbsDiff(p1, p2), 0, "step " + t);
        }
    }
}
