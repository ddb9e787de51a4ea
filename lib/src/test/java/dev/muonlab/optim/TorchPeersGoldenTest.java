package dev.muonlab.optim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URISyntaxException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * AdamW, Adam and SGD (heavy ball and Nesterov) over five steps against {@code torch.optim}
 * ({@code fixtures/optim}, made by its {@code make_fixtures.py}): parameter and state buffers.
 */
class TorchPeersGoldenTest {

    /** float32 against float32 PyTorch, five steps: a few ulps of accumulated rounding. */
    static final double TOLERANCE = 1e-6;

    static INDArray npy(String name) {
        try {
            return Nd4j.createFromNpyFile(new File(TorchPeersGoldenTest.class.getResource("/fixtures/optim/" + name).toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static void assertRun(String name, OptimizerConfig config, Map<String, String> buffers) {
        INDArray p = npy("P0.npy");
        INDArray G = npy("G.npy");                        // (5, 8, 6)
        Optimizer opt = Optimizer.of(config, Map.of("w", p));
        for (int t = 0; t < G.size(0); t++) {
            opt.step(Map.of("w", G.slice(t).dup()));
        }
        double e = Fixtures.relativeError(p, npy(name + "_P5.npy"));
        assertTrue(e < TOLERANCE, name + " parameter: relative error " + e);
        buffers.forEach((ours, theirs) -> {
            double eb = Fixtures.relativeError(opt.state("w").get(ours), npy(name + "_" + theirs + ".npy"));
            assertTrue(eb < TOLERANCE, name + " " + ours + ": relative error " + eb);
        });
    }

    @Test
    void adamW() {
        assertRun("adamw", new AdamWConfig(1e-2, 0.9, 0.95, 1e-8, 0.1),
                Map.of("exp_avg", "exp_avg", "exp_avg_sq", "exp_avg_sq"));
    }

    @Test
    void adam() {
        assertRun("adam", new AdamConfig(1e-2, 0.8, 0.99, 1e-6, 0.05),
                Map.of("exp_avg", "exp_avg", "exp_avg_sq", "exp_avg_sq"));
    }

    @Test
    void sgd() {
        assertRun("sgd_nesterov", new SgdConfig(0.1, 0.9, true, 0.01), Map.of("momentum", "momentum_buffer"));
        assertRun("sgd_heavy_ball", new SgdConfig(0.1, 0.9, false, 0.0), Map.of("momentum", "momentum_buffer"));
    }
}
