package dev.muonlab.optim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.muonlab.ns.NsConfig;
import dev.muonlab.ns.Orthogonalizer;
import dev.muonlab.ns.Precision;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * NorMuon, cautious weight decay, AdaMuon and PolarGrad against PyTorch reference runs in float64
 * (fixtures/toolbox, README there): three steps on a wide and a tall parameter, parameter and state.
 */
class ToolboxGoldenTest {

    /** Two float64 implementations of the same formulas: round-off, amplified by NS5's slopes over 3 steps. */
    static final double TOLERANCE = 1e-10;

    static final double LR = 0.05;
    static final double MOMENTUM = 0.9;
    static final double BETA2 = 0.95;
    static final double WD = 0.3;

    static INDArray npy(String name) {
        return Fixtures.npy("toolbox", name);
    }

    static void assertRun(String run, String shape, OptimizerConfig config) {
        INDArray p = npy("P0_" + shape + ".npy").dup();
        INDArray g = npy("G_" + shape + ".npy");
        GroupedOptimizer opt = GroupedOptimizer.builder().group("g", config, Map.of("w", p)).build();
        for (int t = 0; t < g.size(0); t++) {
            opt.step(Map.of("w", g.slice(t).dup()));
        }
        double e = Fixtures.relativeError(p, npy(run + "_" + shape + "_P3.npy"));
        assertTrue(e < TOLERANCE, run + " " + shape + " parameter: relative error " + e);
        for (String b : List.of("momentum", "second_moment")) {
            if (config.stateNames().contains(b)) {
                double eb = Fixtures.relativeError(opt.state("w").get(b), npy(run + "_" + shape + "_" + b + ".npy"));
                assertTrue(eb < TOLERANCE, run + " " + shape + " " + b + ": relative error " + eb);
            }
        }
    }

    static Orthogonalizer ns5() {
        return NsConfig.keller().withPrecision(Precision.FP64).orthogonalizer();
    }

    static NorMuonConfig norMuon() {
        return new NorMuonConfig(LR, MOMENTUM, true, BETA2, ns5(), UpdateScale.ORIGINAL, WD, WeightDecayMode.DECOUPLED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"wide", "tall"})
    void norMuon(String shape) {
        assertRun("normuon", shape, norMuon());
        assertRun("normuon_cautious", shape, norMuon().withDecayMode(WeightDecayMode.CAUTIOUS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"wide", "tall"})
    void muonWithCautiousWeightDecay(String shape) {
        assertRun("muon_cautious", shape, MuonConfig.keller(ns5()).withLr(LR).withMomentum(MOMENTUM)
                .withWeightDecay(WD).withDecayMode(WeightDecayMode.CAUTIOUS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"wide", "tall"})
    void adaMuon(String shape) {
        assertRun("adamuon", shape, new AdaMuonConfig(LR, MOMENTUM, false, BETA2, 1e-8, true, 0.2, ns5(), WD));
    }

    @ParameterizedTest
    @ValueSource(strings = {"wide", "tall"})
    void polarGrad(String shape) {
        assertRun("polargrad", shape, new PolarGradConfig(LR, MOMENTUM, false, ns5(), 1.0, WD));
    }
}
