package dev.muonlab.optim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.muonlab.ns.Orthogonalizer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One Muon step against the PyTorch reference fixtures (Keller Jordan's {@code muon.py} and
 * {@code torch.optim.Muon}; {@code fixtures/ns/README.md}): lr 0.02, wd 0.01, momentum 0.95,
 * Nesterov, 5 NS steps, on a (64, 32) parameter.
 */
class MuonGoldenTest {

    /** float32 against float32 PyTorch: agreement to 1e-5 relative (Frobenius). */
    static final double FP32_TOLERANCE = 1e-5;

    /**
     * @param fixtureUpdateScale the factor between our update U = s·O and the fixture's: 1 for
     *                           Keller's code (which scales the update), s for torch.optim.Muon
     *                           (which folds s into an adjusted lr and records the bare O)
     */
    static void assertStep(String variant, MuonConfig config, double fixtureUpdateScale, double tolerance) {
        INDArray P = Fixtures.npy("step_P_64x32.npy");
        INDArray G = Fixtures.npy("step_G_64x32.npy");
        INDArray gradCopy = G.dup();
        Map<String, INDArray> state = new HashMap<>();
        state.put("momentum", Fixtures.npy("step_M_64x32.npy"));
        INDArray U = config.step(P, G, state, config.lr(), 1);
        double eP = Fixtures.relativeError(P, Fixtures.npy("step_" + variant + "_P1_64x32.npy"));
        double eM = Fixtures.relativeError(state.get("momentum"), Fixtures.npy("step_" + variant + "_M1_64x32.npy"));
        double eU = Fixtures.relativeError(U, Fixtures.npy("step_" + variant + "_U_64x32.npy").mul(fixtureUpdateScale));
        assertTrue(eP < tolerance, variant + " new parameter: relative error " + eP);
        assertTrue(eM < tolerance, variant + " new momentum: relative error " + eM);
        assertTrue(eU < tolerance, variant + " update: relative error " + eU);
        assertTrue(G.equals(gradCopy), "gradient must not be modified");
    }

    static MuonConfig fixtureHyperParameters(MuonConfig preset, Orthogonalizer orthogonalizer) {
        return preset.withLr(0.02).withWeightDecay(0.01).withMomentum(0.95).withNesterov(true)
                .withOrthogonalizer(orthogonalizer);
    }

    @Test
    void kellerFp32() {
        assertStep("keller_fp32", fixtureHyperParameters(MuonConfig.keller(TestOrthogonalizers.keller()),
                TestOrthogonalizers.keller()), 1.0, FP32_TOLERANCE);
    }

    @Test
    void torchFp32() {
        assertStep("torch_fp32", fixtureHyperParameters(MuonConfig.torch(TestOrthogonalizers.torch()),
                TestOrthogonalizers.torch()), Math.sqrt(2.0), FP32_TOLERANCE);
    }
}
