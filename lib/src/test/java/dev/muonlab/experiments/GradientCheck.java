package dev.muonlab.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Checks an {@link Objective}'s gradient against central finite differences of its loss along random
 * directions: ⟨∇f, D⟩ ≈ (f(X + hD) − f(X − hD)) / 2h, error O(h²) (plus rounding ~ ε_mach·f/h).
 */
public final class GradientCheck {

    /** Step of the central difference: balances O(h²) truncation against ε_mach/h rounding in double. */
    public static final double STEP = 1e-5;

    private GradientCheck() {
    }

    /**
     * Asserts that the directional derivatives agree to {@code relativeTolerance} along
     * {@code directions} random Gaussian directions in all parameters at once.
     *
     * @param objective the objective. Not modified.
     * @param params    the point. Not modified.
     */
    public static void assertGradientMatches(Objective objective, Map<String, INDArray> params, int directions,
                                             double relativeTolerance, long seed) {
        Random random = new Random(seed);
        Map<String, INDArray> grad = objective.gradient(params);
        for (int t = 0; t < directions; t++) {
            Map<String, INDArray> plus = new LinkedHashMap<>();
            Map<String, INDArray> minus = new LinkedHashMap<>();
            double analytic = 0;
            for (Map.Entry<String, INDArray> e : params.entrySet()) {
                INDArray X = e.getValue();
                INDArray D = Matrices.gaussian((int) X.rows(), (int) X.columns(), 1, random);
                plus.put(e.getKey(), X.add(D.mul(STEP)));
                minus.put(e.getKey(), X.sub(D.mul(STEP)));
                analytic += grad.get(e.getKey()).mul(D).sumNumber().doubleValue();
            }
            double numeric = (objective.loss(plus) - objective.loss(minus)) / (2 * STEP);
            double scale = Math.max(1e-12, Math.abs(analytic) + Math.abs(numeric));
            assertEquals(0, (analytic - numeric) / scale, relativeTolerance,
                    "direction " + t + ": analytic " + analytic + " vs finite difference " + numeric);
        }
    }
}
