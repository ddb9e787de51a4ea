package dev.muonlab.experiments.icl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.muonlab.experiments.GradientCheck;
import dev.muonlab.experiments.Matrices;
import dev.muonlab.experiments.Objective;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LinearAttentionIclTest {

    private static final double GRADIENT_TOLERANCE = 1e-7;

    @Test
    void populationGradientMatchesFiniteDifferences() {
        IclProblem problem = IclProblem.of(new IclSpec(6, 30, true, 0, 0, 1));
        Map<String, INDArray> at = Map.of("Gamma", Matrices.gaussian(6, 6, 1, new Random(2)));
        GradientCheck.assertGradientMatches(problem, at, 5, GRADIENT_TOLERANCE, 3);
    }

    @Test
    void batchGradientMatchesFiniteDifferencesOfTheBatchLoss() {
        IclProblem problem = IclProblem.of(new IclSpec(5, 10, true, 8, 16, 4));
        PromptBatch batch = PromptBatch.sample(problem.C(), 8, 16, new Random(5));
        Objective onBatch = new Objective() {
            public double loss(Map<String, INDArray> p) {
                return LinearAttentionIcl.batchLoss(p.get("Gamma"), batch);
            }

            public Map<String, INDArray> gradient(Map<String, INDArray> p) {
                return Map.of("Gamma", LinearAttentionIcl.batchGradient(p.get("Gamma"), batch));
            }
        };
        GradientCheck.assertGradientMatches(onBatch, Map.of("Gamma", Matrices.gaussian(5, 5, 1, new Random(6))),
                5, GRADIENT_TOLERANCE, 7);
    }

    @Test
    void populationOptimumIsLambdaInverseWithZeroLoss() {
        IclProblem problem = IclProblem.of(new IclSpec(5, 100, true, 0, 0, 8));
        INDArray star = problem.optimum();
        assertEquals(0, star.mmul(problem.Lambda()).sub(Nd4j.eye(5)).norm2Number().doubleValue(), 1e-10);
        assertEquals(0, problem.loss(Map.of("Gamma", star)), 1e-18);
        assertEquals(0.5 * java.util.Arrays.stream(problem.lambda()).sum(),
                problem.loss(problem.initialParams()), 1e-14, "L(0) = ½ tr Λ");
    }

    /** The exact finite-N loss (Wishart moment) against a Monte-Carlo average over sampled prompts. */
    @Test
    void finiteContextLossMatchesMonteCarlo() {
        IclProblem problem = IclProblem.of(new IclSpec(4, 5, true, 3, 1, 9));
        INDArray Gamma = Matrices.gaussian(4, 4, 0.5, new Random(10)).add(problem.optimum());
        PromptBatch batch = PromptBatch.sample(problem.C(), 3, 200_000, new Random(11));
        double monteCarlo = LinearAttentionIcl.batchLoss(Gamma, batch);
        double exact = LinearAttentionIcl.finiteContextLoss(Gamma, problem.Lambda(), 3);
        // 200k prompts: the relative standard error of a mean of heavy-tailed squares is about 1 %.
        assertEquals(exact, monteCarlo, 0.04 * exact, "exact " + exact + " vs Monte Carlo " + monteCarlo);
        // Γ*_N minimizes L_N, and it approaches Λ⁻¹ as N grows.
        INDArray starN = LinearAttentionIcl.optimalGamma(problem.Lambda(), 3);
        assertTrue(LinearAttentionIcl.finiteContextLoss(starN, problem.Lambda(), 3) < exact);
        INDArray star1000 = LinearAttentionIcl.optimalGamma(problem.Lambda(), 1000);
        double gap = star1000.sub(LinearAttentionIcl.optimalGamma(problem.Lambda(), Integer.MAX_VALUE))
                .norm2Number().doubleValue();
        assertTrue(gap < 0.02 * star1000.norm2Number().doubleValue(), "Γ*_1000 ≈ Λ⁻¹, gap " + gap);
        // Finite-N gradient: check the exact L_N against finite differences through the Objective.
        GradientCheck.assertGradientMatches(new Objective() {
            public double loss(Map<String, INDArray> p) {
                return LinearAttentionIcl.finiteContextLoss(p.get("Gamma"), problem.Lambda(), 3);
            }

            public Map<String, INDArray> gradient(Map<String, INDArray> p) {
                return Map.of("Gamma", LinearAttentionIcl.finiteContextGradient(p.get("Gamma"), problem.Lambda(), 3));
            }
        }, Map.of("Gamma", Gamma), 4, GRADIENT_TOLERANCE, 12);
    }
}
