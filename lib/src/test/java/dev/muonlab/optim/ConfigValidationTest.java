package dev.muonlab.optim;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad hyper-parameters are refused at construction, each with a message that names it. */
class ConfigValidationTest {

    static void assertRefused(String expectedText, Executable make) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, make);
        assertTrue(e.getMessage().contains(expectedText), "message '" + e.getMessage() + "' lacks '" + expectedText + "'");
    }

    @Test
    void negativeLearningRates() {
        List<Supplier<Object>> makers = List.of(
                () -> MuonConfig.keller(TestOrthogonalizers.keller()).withLr(-0.1),
                () -> AdamWConfig.torch().withLr(-1e-3),
                () -> AdamConfig.torch().withLr(-1e-3),
                () -> SgdConfig.gd(-0.1),
                () -> SignDescentConfig.plain(-1),
                () -> NormalizedSgdConfig.plain(Double.NaN),
                () -> FanionMuonConfig.fMuon(-1, TestOrthogonalizers.keller()),
                () -> ScaleConfig.hidden(Double.POSITIVE_INFINITY));
        for (Supplier<Object> m : makers) {
            assertRefused("learning rate", m::get);
        }
    }

    @Test
    void betasOutsideTheUnitInterval() {
        assertRefused("momentum must be in [0, 1), got 1.0",
                () -> MuonConfig.keller(TestOrthogonalizers.keller()).withMomentum(1.0));
        assertRefused("momentum must be in [0, 1), got -0.1", () -> SgdConfig.momentum(0.1, -0.1, true));
        assertRefused("beta1 must be in [0, 1), got 1.5", () -> AdamWConfig.torch().withBetas(1.5, 0.9));
        assertRefused("beta2 must be in [0, 1), got 1.0", () -> AdamWConfig.torch().withBetas(0.9, 1.0));
        assertRefused("alpha must be in [0, 1]", () -> new FanionMuonConfig(FanionMuonConfig.Kind.S, 2, 0.1, 0.9,
                true, TestOrthogonalizers.keller(), 0));
        assertRefused("weight decay", () -> AdamWConfig.torch().withWeightDecay(-0.1));
        assertRefused("orthogonalizer", () -> MuonConfig.keller(null));
    }
}
