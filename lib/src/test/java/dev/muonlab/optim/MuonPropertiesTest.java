package dev.muonlab.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.muonlab.ns.Orthogonalizer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Muon's properties from the papers: Moonlight's Lemma 1, momentum forms, weight decay, shapes. */
class MuonPropertiesTest {

    static final long[][] SHAPES = {{24, 24}, {16, 48}, {48, 16}, {40, 12}};

    static Map<String, INDArray> momentumState(INDArray like) {
        Map<String, INDArray> s = new HashMap<>();
        s.put("momentum", Nd4j.zerosLike(like));
        return s;
    }

    /**
     * Moonlight (arXiv 2502.16982) Lemma 1: the polar factor of a full-rank (A, B) matrix has RMS
     * 1/sqrt(max(A, B)); hence MATCH_RMS_ADAMW's update has RMS 0.2 for every shape.
     */
    @Test
    void lemmaOneAndMatchRmsAdamW() {
        Orthogonalizer polar = TestOrthogonalizers.exactPolar();
        int seed = 0;
        for (long[] shape : SHAPES) {
            INDArray G = TestArrays.randn(seed++, DataType.DOUBLE, shape);
            double expected = 1 / Math.sqrt(Math.max(shape[0], shape[1]));
            assertEquals(expected, TestArrays.rms(polar.orthogonalize(G)), 1e-6 * expected,
                    "RMS of polar factor, shape " + shape[0] + "x" + shape[1]);
            INDArray U = MuonMath.scaledUpdate(G, polar, UpdateScale.MATCH_RMS_ADAMW);
            assertEquals(0.2, TestArrays.rms(U), 1e-6, "MATCH_RMS_ADAMW update RMS, shape " + shape[0] + "x" + shape[1]);
        }
    }

    /** The optimizer's recorded update RMS is Moonlight's 0.2 with MATCH_RMS_ADAMW and the exact polar factor. */
    @Test
    void recordedUpdateRms() {
        Map<String, INDArray> params = new java.util.LinkedHashMap<>();
        params.put("a", TestArrays.randn(1, DataType.DOUBLE, 16, 48));
        params.put("b", TestArrays.randn(2, DataType.DOUBLE, 40, 12));
        Optimizer opt = Optimizer.builder().recordUpdateRms(true)
                .group("muon", MuonConfig.muonSvd().withScale(UpdateScale.MATCH_RMS_ADAMW), params).build();
        opt.step(Map.of("a", TestArrays.randn(3, DataType.DOUBLE, 16, 48), "b", TestArrays.randn(4, DataType.DOUBLE, 40, 12)));
        assertEquals(0.2, opt.lastUpdateRms().get("a"), 1e-9);
        assertEquals(0.2, opt.lastUpdateRms().get("b"), 1e-9);
    }

    /** A parameter that is a view into a larger buffer (as in a flat parameter store) is updated in place. */
    @Test
    void viewsAreUpdatedInPlace() {
        INDArray flat = TestArrays.randn(11, DataType.DOUBLE, 2, 12, 8);
        INDArray view = flat.slice(1);                                   // (12, 8) view of the second half
        INDArray copy = view.dup();
        INDArray G = TestArrays.randn(12, DataType.DOUBLE, 12, 8);
        MuonConfig cfg = MuonConfig.keller(TestOrthogonalizers.kellerFp64()).withWeightDecay(0.1);
        Optimizer.of(cfg, Map.of("w", view)).step(Map.of("w", G));
        Optimizer.of(cfg, Map.of("w", copy)).step(Map.of("w", G));
        assertTrue(TestArrays.bitwiseEqual(copy, flat.slice(1).dup()), "the parent buffer sees the update");
    }

    /** EMA (lerp) and SUM momentum differ by the factor (1 − β), which orthogonalization removes. */
    @Test
    void emaAndSumMomentumGiveTheSameSteps() {
        for (boolean nesterov : new boolean[] {true, false}) {
            MuonConfig ema = MuonConfig.keller(TestOrthogonalizers.kellerFp64()).withNesterov(nesterov).withWeightDecay(0.1);
            MuonConfig sum = ema.withForm(MomentumForm.SUM);
            INDArray pEma = TestArrays.randn(1, DataType.DOUBLE, 20, 12);
            INDArray pSum = pEma.dup();
            Optimizer a = Optimizer.of(ema, Map.of("w", pEma));
            Optimizer b = Optimizer.of(sum, Map.of("w", pSum));
            for (int t = 0; t < 5; t++) {
                INDArray g = TestArrays.randn(50 + t, DataType.DOUBLE, 20, 12);
                a.step(Map.of("w", g));
                b.step(Map.of("w", g));
                // not bit-equal: NS divides by ||X||_F + 1e-7, which is only nearly scale-invariant
                assertTrue(Fixtures.relativeError(pSum, pEma) < 1e-7,
                        "nesterov=" + nesterov + " step " + t + ": " + Fixtures.relativeError(pSum, pEma));
            }
            INDArray ratio = b.state("w").get("momentum").mul(1 - ema.momentum());
            assertTrue(Fixtures.relativeError(ratio, a.state("w").get("momentum")) < 1e-12, "buffers differ by 1 - beta");
        }
    }

    /** param ← param·(1 − lr·wd) − lr·U exactly (float32 bits), and lr·s·wd in the coupled mode. */
    @Test
    void weightDecayShrinkIsExact() {
        MuonConfig cfg = MuonConfig.keller(TestOrthogonalizers.keller()).withLr(0.02).withWeightDecay(0.1);
        INDArray P = TestArrays.randn(3, DataType.FLOAT, 64, 32);
        INDArray zero = Nd4j.zeros(DataType.FLOAT, 64, 32);
        INDArray p1 = P.dup();
        cfg.step(p1, zero, momentumState(P), cfg.lr(), 1);
        assertTrue(TestArrays.bitwiseEqual(P.mul(1 - 0.02 * 0.1), p1), "zero gradient: pure shrink");

        INDArray G = TestArrays.randn(4, DataType.FLOAT, 64, 32);
        INDArray p2 = P.dup();
        INDArray U = cfg.step(p2, G, momentumState(P), cfg.lr(), 1);
        assertTrue(TestArrays.bitwiseEqual(P.mul(1 - 0.02 * 0.1).subi(U.mul(0.02)), p2), "decoupled step");

        MuonConfig coupled = cfg.withDecayMode(WeightDecayMode.COUPLED_TO_SCALED_STEP);
        INDArray p3 = P.dup();
        coupled.step(p3, zero, momentumState(P), cfg.lr(), 1);
        assertTrue(TestArrays.bitwiseEqual(P.mul(1 - 0.02 * 0.1 * Math.sqrt(2)), p3), "coupled: lr*s*wd, s = sqrt(64/32)");
    }

    @Test
    void updateScalesPerShape() {
        assertEquals(Math.sqrt(2), UpdateScale.ORIGINAL.factor(64, 32), 1e-15);
        assertEquals(1.0, UpdateScale.ORIGINAL.factor(32, 64), 1e-15);
        assertEquals(0.2 * 8, UpdateScale.MATCH_RMS_ADAMW.factor(64, 16), 1e-15);
        assertEquals(Math.sqrt(0.5), UpdateScale.SPECTRAL.factor(32, 64), 1e-15);
        assertEquals(1.0, UpdateScale.NONE.factor(7, 3), 0);
        assertEquals(UpdateScale.MATCH_RMS_ADAMW, UpdateScale.parse("match-rms-adamw"));
    }

    /** A 4-D (conv-like) parameter is updated as its (first dim, rest) flattening. */
    @Test
    void higherRankIsFlattenedToFirstDimByRest() {
        MuonConfig cfg = MuonConfig.keller(TestOrthogonalizers.kellerFp64()).withScale(UpdateScale.ORIGINAL);
        INDArray P4 = TestArrays.randn(5, DataType.DOUBLE, 6, 2, 2, 2);
        INDArray G4 = TestArrays.randn(6, DataType.DOUBLE, 6, 2, 2, 2);
        INDArray P2 = P4.reshape('c', 6, 8).dup();
        INDArray U4 = cfg.step(P4, G4, momentumState(P4), 0.1, 1);
        INDArray U2 = cfg.step(P2, G4.reshape('c', 6, 8).dup(), momentumState(P2), 0.1, 1);
        assertEquals(4, U4.rank());
        assertTrue(TestArrays.bitwiseEqual(U4.reshape('c', 6, 8), U2));
        assertTrue(TestArrays.bitwiseEqual(P4.reshape('c', 6, 8), P2));
    }

    @Test
    void vectorsAreRefusedWithARoutingHintOrGoThroughDiagonal() {
        MuonConfig muon = MuonConfig.keller(TestOrthogonalizers.keller());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Optimizer.of(muon, Map.of("h.0.ln_1.weight", Nd4j.ones(DataType.FLOAT, 16))));
        assertTrue(e.getMessage().contains("h.0.ln_1.weight") && e.getMessage().contains("AdamW")
                && e.getMessage().contains("muonAll"), e.getMessage());

        // MuonAll: NS on diag(v) acts entry-wise, so U_i = φ⁵(v_i / (||v|| + 1e-7)) with Keller's quintic φ.
        INDArray v = TestArrays.randn(8, DataType.DOUBLE, 6);
        INDArray p = Nd4j.zeros(DataType.DOUBLE, 6);
        MuonConfig all = MuonConfig.muonAll(TestOrthogonalizers.kellerFp64()).withMomentum(0).withNesterov(false);
        INDArray U = all.step(p, v, momentumState(p), 1, 1);
        double norm = v.norm2Number().doubleValue() + 1e-7;
        for (int i = 0; i < 6; i++) {
            double x = v.getDouble(i) / norm;
            for (int k = 0; k < 5; k++) {
                x = 3.4445 * x - 4.7750 * x * x * x + 2.0315 * x * x * x * x * x;
            }
            assertEquals(x, U.getDouble(i), 1e-12, "diag entry " + i);
        }
    }

    /** F-Muon with α = 1 is Muon without scale; with α = 0 it is normalized SGD of the same direction. */
    @Test
    void fanionEndpoints() {
        Orthogonalizer ns = TestOrthogonalizers.kellerFp64();
        INDArray G = TestArrays.randn(9, DataType.DOUBLE, 10, 6);
        INDArray P = Nd4j.zeros(DataType.DOUBLE, 10, 6);
        INDArray muonU = MuonConfig.keller(ns).withScale(UpdateScale.NONE).step(P.dup(), G, momentumState(P), 1, 1);
        INDArray f1 = new FanionMuonConfig(FanionMuonConfig.Kind.F, 1, 1, 0.95, true, ns, 0)
                .step(P.dup(), G, momentumState(P), 1, 1);
        INDArray f0 = new FanionMuonConfig(FanionMuonConfig.Kind.F, 0, 1, 0.95, true, ns, 0)
                .step(P.dup(), G, momentumState(P), 1, 1);
        INDArray s0 = new FanionMuonConfig(FanionMuonConfig.Kind.S, 0, 1, 0.95, true, ns, 0)
                .step(P.dup(), G, momentumState(P), 1, 1);
        assertTrue(Fixtures.relativeError(f1, muonU) < 1e-12);
        assertEquals(1.0, f0.norm2Number().doubleValue(), 1e-12);
        assertTrue(TestArrays.bitwiseEqual(s0, DirectionMath.sign(G)), "nesterov direction of one step has G's signs");
    }

    /** SCALE normalizes each output unit (a row of an (out, in) weight) to RMS 1. */
    @Test
    void scaleNormalizesOutputUnits() {
        INDArray G = TestArrays.randn(10, DataType.DOUBLE, 5, 7);
        INDArray U = ScaleConfig.hidden(1).step(Nd4j.zeros(DataType.DOUBLE, 5, 7), G, new HashMap<>(), 1, 1);
        for (int r = 0; r < 5; r++) {
            assertEquals(1.0, TestArrays.rms(U.getRow(r)), 1e-12, "row " + r);
        }
        INDArray E = ScaleConfig.embedding(1).step(Nd4j.zeros(DataType.DOUBLE, 5, 7), G, new HashMap<>(), 1, 1);
        for (int c = 0; c < 7; c++) {
            assertEquals(1.0, TestArrays.rms(E.getColumn(c)), 1e-12, "embedding column " + c);
        }
    }
}
