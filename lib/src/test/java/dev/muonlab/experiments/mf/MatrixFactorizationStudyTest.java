package dev.muonlab.experiments.mf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.muonlab.experiments.Method;
import dev.muonlab.experiments.StudyResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The claim of Ma, Huang, Chi, Chen (arXiv 2601.13474) for matrix factorization, at small scale:
 * simplified Muon's iterations to ε do not depend on κ, GD's grow with κ.
 */
class MatrixFactorizationStudyTest {

    /** Largest allowed spread (max − min)/min of Muon's iterations to ε across κ ∈ {1, 10, 100, 1000}. */
    private static final double MUON_SPREAD = 0.25;
    /** Smallest allowed growth of GD's iterations from κ = 1 to κ = 1000. */
    private static final double GD_GROWTH = 10;

    private static final List<Double> KAPPAS = List.of(1.0, 10.0, 100.0, 1000.0);

    @Test
    void muonIsFlatInKappaWhileGdGrows() {
        // GD is cut off at 500 iterations: a run that does not reach ε counts as "more than 500",
        // a lower bound that is enough for the growth claim (GD needs 37 at κ = 1 here).
        MfStudyConfig config = MfStudyConfig.smoke().withMethods(List.of(Method.MUON, Method.GD)).withMaxIterations(500);
        StudyResult<MfStudyConfig> result = MatrixFactorizationStudy.run(config);
        int[] muon = KAPPAS.stream().mapToInt(k -> result.itersToEps(k, Method.MUON)).toArray();
        for (int i = 0; i < muon.length; i++) {
            assertTrue(muon[i] > 0, "Muon reaches 1e-12 at κ = " + KAPPAS.get(i));
        }
        int min = java.util.Arrays.stream(muon).min().getAsInt();
        int max = java.util.Arrays.stream(muon).max().getAsInt();
        assertTrue(max - min <= MUON_SPREAD * min, "Muon iterations to ε across κ: " + java.util.Arrays.toString(muon));

        int gd1 = result.itersToEps(1.0, Method.GD);
        int gd1000 = result.itersToEps(1000.0, Method.GD);
        int gd1000LowerBound = gd1000 > 0 ? gd1000 : config.maxIterations();
        assertTrue(gd1 > 0, "GD converges at κ = 1");
        assertTrue(gd1000LowerBound >= GD_GROWTH * gd1, "GD: " + gd1 + " at κ=1 vs ≥" + gd1000LowerBound + " at κ=1000");
        // GD grows monotonically with κ.
        int gd10 = result.itersToEps(10.0, Method.GD);
        assertTrue(gd10 > gd1, "GD κ=10 " + gd10 + " > κ=1 " + gd1);
    }

    @Test
    void tablesHaveTheDocumentedColumns() {
        MfStudyConfig config = MfStudyConfig.smoke().withMethods(List.of(Method.MUON)).withKappas(List.of(10.0));
        StudyResult<MfStudyConfig> result = MatrixFactorizationStudy.run(config);
        assertEquals(List.of("kappa", "method", "iteration", "metric", "loss"), result.curves().columnNames());
        assertEquals(1, result.summary().rowCount());
        // modes: r = 4 modes per recorded iteration, each converging to 1
        int last = result.modes().intColumn("iteration").max() == 0 ? 0 : (int) result.modes().intColumn("iteration").max();
        var finalModes = result.modes().where(result.modes().intColumn("iteration").isEqualTo(last));
        assertEquals(4, finalModes.rowCount());
        for (double p : finalModes.doubleColumn("progress").asDoubleArray()) {
            assertEquals(1.0, p, 1e-4, "every mode reaches its target √λ_i");
        }
    }
}
