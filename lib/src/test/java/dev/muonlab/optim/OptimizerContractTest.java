package dev.muonlab.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.muonlab.ns.Orthogonalizer;
import dev.muonlab.schedule.LrSchedule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The contract every optimizer meets, run over all of them: on the quadratic
 * f(W) = ½||W − W*||_F² (gradient W − W*) with a cosine-to-zero schedule the loss falls by
 * {@link #CONVERGENCE_FACTOR}; gradients are never modified; a shape mismatch, an unknown name and
 * a NaN/Inf gradient are refused with the parameter's name and leave everything unchanged.
 */
class OptimizerContractTest {

    /** Required loss reduction on the quadratic after {@link #STEPS} steps. */
    static final double CONVERGENCE_FACTOR = 1e-2;
    static final int STEPS = 150;

    record Case(String label, OptimizerConfig config, boolean withVector) {
        @Override
        public String toString() {
            return label;
        }
    }

    static Stream<Case> optimizers() {
        Orthogonalizer ns = TestOrthogonalizers.keller();
        return Stream.of(
                new Case("muon-keller", MuonConfig.keller(ns).withLr(0.1), false),
                new Case("muon-moonlight", MuonConfig.moonlight(ns).withLr(0.24).withWeightDecay(0), false),
                new Case("muon-plain-momentum", MuonConfig.keller(ns).withLr(0.1).withNesterov(false), false),
                new Case("muon-simplified", MuonConfig.simplified(0.1), false),
                new Case("muonall", MuonConfig.muonAll(ns).withLr(0.1), true),
                new Case("adamw", AdamWConfig.torch().withLr(0.1).withWeightDecay(0), true),
                new Case("adam", AdamConfig.torch().withLr(0.1), true),
                new Case("sgd-nesterov", SgdConfig.momentum(0.1, 0.9, true), true),
                new Case("sgd-heavy-ball", SgdConfig.momentum(0.1, 0.9, false), true),
                new Case("gd", SgdConfig.gd(0.5), true),
                new Case("sign", new SignDescentConfig(0.1, 0.9, 0), true),
                new Case("nsgd", new NormalizedSgdConfig(0.4, 0.9, 0), true),
                new Case("f-muon", FanionMuonConfig.fMuon(0.2, ns), false),
                new Case("s-muon", FanionMuonConfig.sMuon(0.12, ns), false),
                new Case("scale-hidden", ScaleConfig.hidden(0.06), false),
                new Case("scale-last-layer", ScaleConfig.lastLayer(0.06), false));
    }

    static Map<String, INDArray> params(Case c) {
        Map<String, INDArray> p = new LinkedHashMap<>();
        p.put("block.fc.weight", TestArrays.randn(1, DataType.FLOAT, 12, 8));
        if (c.withVector()) {
            p.put("block.ln.weight", TestArrays.randn(2, DataType.FLOAT, 8));
        }
        return p;
    }

    static Map<String, INDArray> targets(Map<String, INDArray> params) {
        Map<String, INDArray> t = new LinkedHashMap<>();
        long seed = 10;
        for (Map.Entry<String, INDArray> e : params.entrySet()) {
            t.put(e.getKey(), TestArrays.randn(seed++, DataType.FLOAT, e.getValue().shape()));
        }
        return t;
    }

    static double loss(Map<String, INDArray> params, Map<String, INDArray> targets) {
        double sum = 0;
        for (String k : params.keySet()) {
            double d = params.get(k).sub(targets.get(k)).norm2Number().doubleValue();
            sum += 0.5 * d * d;
        }
        return sum;
    }

    static Map<String, INDArray> grads(Map<String, INDArray> params, Map<String, INDArray> targets) {
        Map<String, INDArray> g = new LinkedHashMap<>();
        params.forEach((k, v) -> g.put(k, v.sub(targets.get(k))));
        return g;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void convergesOnAQuadraticAndLeavesGradientsAlone(Case c) {
        Map<String, INDArray> params = params(c);
        Map<String, INDArray> targets = targets(params);
        Optimizer opt = Optimizer.builder()
                .group("all", c.config(), LrSchedule.warmupCosine(0, STEPS, 0.0), params).build();
        double initial = loss(params, targets);
        for (int t = 0; t < STEPS; t++) {
            Map<String, INDArray> g = grads(params, targets);
            Map<String, INDArray> copies = new LinkedHashMap<>();
            g.forEach((k, v) -> copies.put(k, v.dup()));
            assertTrue(opt.step(g));
            for (String k : g.keySet()) {
                assertTrue(TestArrays.bitwiseEqual(g.get(k), copies.get(k)), c + ": gradient of " + k + " modified");
            }
        }
        double last = loss(params, targets);
        assertEquals(STEPS, opt.stepCount());
        assertTrue(last < CONVERGENCE_FACTOR * initial, c + ": loss " + initial + " -> " + last);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void refusesBadGradientsAndChangesNothing(Case c) {
        Map<String, INDArray> params = params(c);
        Map<String, INDArray> before = new LinkedHashMap<>();
        params.forEach((k, v) -> before.put(k, v.dup()));
        Optimizer opt = Optimizer.of(c.config(), params);

        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> opt.step(Map.of("block.fc.weight", TestArrays.randn(3, DataType.FLOAT, 8, 12))));
        assertTrue(shape.getMessage().contains("block.fc.weight") && shape.getMessage().contains("[8, 12]")
                && shape.getMessage().contains("[12, 8]"), shape.getMessage());

        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> opt.step(Map.of("nope", TestArrays.randn(3, DataType.FLOAT, 12, 8))));
        assertTrue(unknown.getMessage().contains("nope"), unknown.getMessage());

        for (double bad : List.of(Double.NaN, Double.POSITIVE_INFINITY)) {
            INDArray g = TestArrays.randn(4, DataType.FLOAT, 12, 8);
            g.putScalar(5, 3, bad);
            NonFiniteGradientException e = assertThrows(NonFiniteGradientException.class,
                    () -> opt.step(Map.of("block.fc.weight", g)));
            assertEquals("block.fc.weight", e.parameter());
            assertTrue(e.getMessage().contains("block.fc.weight"), e.getMessage());
        }
        assertEquals(0, opt.stepCount());
        params.forEach((k, v) -> assertTrue(TestArrays.bitwiseEqual(v, before.get(k)), c + ": " + k + " changed"));
        params.keySet().forEach(k -> assertTrue(opt.state(k).isEmpty(), c + ": state of " + k + " created"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void skipPolicyCountsNonFiniteSteps(Case c) {
        Map<String, INDArray> params = params(c);
        INDArray before = params.get("block.fc.weight").dup();
        Optimizer opt = Optimizer.builder().group("all", c.config(), params)
                .nonFinitePolicy(NonFinitePolicy.SKIP_STEP).build();
        INDArray g = TestArrays.randn(4, DataType.FLOAT, 12, 8);
        g.putScalar(0, 0, Double.NaN);
        assertFalse(opt.step(Map.of("block.fc.weight", g)));
        assertEquals(1, opt.skippedSteps());
        assertEquals(0, opt.stepCount());
        assertTrue(TestArrays.bitwiseEqual(before, params.get("block.fc.weight")));
        assertTrue(opt.step(Map.of("block.fc.weight", TestArrays.randn(5, DataType.FLOAT, 12, 8))));
        assertEquals(1, opt.stepCount());
    }
}
