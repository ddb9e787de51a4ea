package dev.muonlab.experiments.mf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.muonlab.experiments.GradientCheck;
import dev.muonlab.experiments.Matrices;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class MatrixFactorizationTest {

    /** Relative disagreement allowed between analytic and central-difference derivatives (double, h = 1e-5). */
    private static final double GRADIENT_TOLERANCE = 1e-7;

    @Test
    void symmetricGradientMatchesFiniteDifferences() {
        for (MfSpec.Init init : MfSpec.Init.values()) {
            MfProblem problem = MfProblem.of(new MfSpec(8, 3, 5, 10, true, true, init, 0.7, 1));
            GradientCheck.assertGradientMatches(problem, problem.initialParams(), 5, GRADIENT_TOLERANCE, 2);
        }
    }

    @Test
    void asymmetricGradientMatchesFiniteDifferences() {
        MfProblem problem = MfProblem.of(new MfSpec(7, 2, 4, 100, false, true, MfSpec.Init.SMALL_RANDOM, 1.0, 3));
        GradientCheck.assertGradientMatches(problem, problem.initialParams(), 5, GRADIENT_TOLERANCE, 4);
    }

    @Test
    void plantedMatrixHasTheRequestedSpectrum() {
        MfProblem problem = MfProblem.of(new MfSpec(10, 4, 4, 1000, true, true, MfSpec.Init.SMALL_RANDOM, 1e-3, 5));
        double[] sigma = Matrices.singularValues(problem.Mstar());
        assertEquals(1.0, sigma[0], 1e-12, "λ₁ = 1");
        assertEquals(1000, sigma[0] / sigma[3], 1e-8, "κ = λ₁/λ_r");
        assertEquals(0, sigma[4], 1e-12, "rank r");
        assertArrayEquals(new double[]{1, 0.1, 0.01}, MatrixFactorization.plantedSpectrum(3, 100), 1e-15);
    }

    @Test
    void alignedInitDecouplesTheModes() {
        MfProblem problem = MfProblem.of(new MfSpec(6, 3, 3, 10, true, true, MfSpec.Init.ALIGNED, 0.5, 6));
        Map<String, INDArray> params = problem.initialParams();
        double[] progress = problem.modeProgress(params);
        for (int i = 0; i < 3; i++) {
            assertEquals(0.5 / Math.sqrt(problem.lambda()[i]), progress[i], 1e-12, "mode " + i);
        }
        // At the solution U = P_r diag(√λ) the loss and gradient vanish.
        INDArray Ustar = problem.P().get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 3)).mmul(Matrices.diag(
                java.util.Arrays.stream(problem.lambda()).map(Math::sqrt).toArray()));
        assertEquals(0, problem.loss(Map.of("U", Ustar)), 1e-28);
        assertEquals(0, problem.gradient(Map.of("U", Ustar)).get("U").norm2Number().doubleValue(), 1e-14);
    }
}
