package dev.muonlab.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.muonlab.experiments.GradientCheck;
import dev.muonlab.experiments.Matrices;
import dev.muonlab.experiments.Objective;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class MlpTest {

    /** Relative tolerance of the central-difference check in double (ReLU kinks are almost never crossed at h = 1e-5). */
    private static final double GRADIENT_TOLERANCE = 1e-6;

    @Test
    void backwardPassMatchesFiniteDifferences() {
        Mlp mlp = new Mlp(12, 9, 7, 4);
        Map<String, INDArray> params = mlp.init(1, DataType.DOUBLE);
        INDArray X = Matrices.gaussian(6, 12, 1, new Random(2));
        int[] labels = {0, 3, 1, 2, 3, 0};
        Objective objective = new Objective() {
            public double loss(Map<String, INDArray> p) {
                return mlp.lossAndGradient(p, X, labels, null);
            }

            public Map<String, INDArray> gradient(Map<String, INDArray> p) {
                Map<String, INDArray> g = new LinkedHashMap<>();
                mlp.lossAndGradient(p, X, labels, g);
                return g;
            }
        };
        GradientCheck.assertGradientMatches(objective, params, 6, GRADIENT_TOLERANCE, 3);
    }

    @Test
    void initialLossIsAboutLogOfTheClassCount() {
        Mlp mlp = Mlp.kimOh();
        Map<String, INDArray> params = mlp.init(4, DataType.FLOAT);
        assertEquals(784 * 512 + 512 + 512 * 256 + 256 + 256 * 10 + 10,
                params.values().stream().mapToLong(INDArray::length).sum(), "0.5M parameters, as in Kim & Oh App. G");
        INDArray X = Matrices.gaussian(64, 784, 0.3, new Random(5)).castTo(DataType.FLOAT);
        double loss = mlp.lossAndGradient(params, X, new int[64], null);
        assertEquals(Math.log(10), loss, 0.15, "near-uniform predictions at PyTorch's default init");
        assertEquals(64, mlp.predict(params, X).length);
    }
}
