package dev.muonlab.experiments.icl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.muonlab.experiments.Method;
import dev.muonlab.experiments.StudyResult;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The claim of Ma, Huang, Chi, Chen (arXiv 2601.13474) for in-context linear regression, at small
 * scale on a rotated Λ: simplified Muon's iterations to a relative error of 1e-6 do not depend on κ,
 * GD's grow (like κ³).
 */
class InContextRegressionStudyTest {

    private static final double MUON_SPREAD = 0.25;
    private static final double GD_GROWTH = 10;
    private static final List<Double> KAPPAS = List.of(1.0, 10.0, 100.0, 1000.0);

    @Test
    void muonIsFlatInKappaWhileGdGrows() {
        IclStudyConfig config = IclStudyConfig.smoke().withMethods(List.of(Method.MUON, Method.GD)).withMaxIterations(500);
        StudyResult<IclStudyConfig> result = InContextRegressionStudy.run(config);
        int[] muon = KAPPAS.stream().mapToInt(k -> result.itersToEps(k, Method.MUON)).toArray();
        assertTrue(Arrays.stream(muon).allMatch(i -> i > 0), "Muon reaches ε at every κ: " + Arrays.toString(muon));
        int min = Arrays.stream(muon).min().getAsInt();
        int max = Arrays.stream(muon).max().getAsInt();
        assertTrue(max - min <= MUON_SPREAD * min, "Muon iterations to ε across κ: " + Arrays.toString(muon));

        int gd1 = result.itersToEps(1.0, Method.GD);
        int gd10 = result.itersToEps(10.0, Method.GD);
        int gd10LowerBound = gd10 > 0 ? gd10 : config.maxIterations();
        assertTrue(gd1 > 0, "GD converges at κ = 1 (in one step: Λ = I and η = 1 is Newton's step)");
        assertTrue(gd10LowerBound >= GD_GROWTH * gd1, "GD: " + gd1 + " at κ=1 vs ≥" + gd10LowerBound + " at κ=10");
        assertTrue(result.itersToEps(1000.0, Method.GD) < 0, "GD cannot reach ε at κ = 1000 within the budget");
    }
}
