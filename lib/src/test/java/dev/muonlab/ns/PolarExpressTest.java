package dev.muonlab.ns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.muonlab.theory.ScalarMaps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Polar Express (arXiv 2505.16932): the published table, the generator, Remez's equioscillation. */
class PolarExpressTest {

    /** Issue 3 asks the generated d = 5, ℓ = 1e−3 table to match the published one to 1e−6. */
    static final double TABLE_TOL = 1e-6;

    @Test
    void generatorReproducesThePublishedTable() {
        Schedule g = PolarExpress.generate(5, 1e-3, 8, 1.0, PolarExpress.CUSHION);
        for (int t = 0; t < 8; t++) {
            double[] c = g.steps().get(t).coefficients();
            for (int j = 0; j < 3; j++) {
                assertEquals(PolarExpress.PUBLISHED_RAW[t][j], c[j], TABLE_TOL, "step " + t + " coefficient " + j);
            }
        }
    }

    @Test
    void publishedScheduleAppliesTheSafetyFactorToAllButTheLast() {
        Schedule s = PolarExpress.published();
        assertEquals(8, s.size());
        assertEquals(PolarExpress.PUBLISHED_RAW[0][0] / 1.01, s.steps().get(0).coefficient(0), 1e-15);
        assertEquals(PolarExpress.PUBLISHED_RAW[0][1] / Math.pow(1.01, 3), s.steps().get(0).coefficient(1), 1e-13);
        assertEquals(PolarExpress.PUBLISHED_RAW[0][2] / Math.pow(1.01, 5), s.steps().get(0).coefficient(2), 1e-13);
        assertEquals(OddPolynomial.of(1.875, -1.25, 0.375), s.steps().get(7));
        assertEquals(OddPolynomial.of(1.875, -1.25, 0.375), s.withSteps(10).steps().get(9));
    }

    @Test
    void cubicRemezMatchesTheClosedForm() {
        for (double[] iv : new double[][] {{0.1, 1}, {0.024, 1}, {0.5, 1.5}, {0.9, 1.1}}) {
            double[] r = Remez.minimaxOdd(3, iv[0], iv[1]).coefficients();
            double[] c = PolarExpress.cubicClosedForm(iv[0], iv[1]).coefficients();
            assertEquals(c[0], r[0], 1e-12 * Math.abs(c[0]));
            assertEquals(c[1], r[1], 1e-12 * Math.abs(c[1]));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 5, 7})
    void minimaxEquioscillates(int d) {
        double l = 0.05;
        double u = 1;
        Remez.Minimax mm = Remez.minimax(d, l, u);
        OddPolynomial p = mm.polynomial();
        double e = mm.error();
        assertEquals(1 - e, p.apply(l), 1e-12);                      // touches 1 − E at ℓ
        double max = 0;
        for (double x : ScalarMaps.logGrid(l, u, 20_000)) {
            max = Math.max(max, Math.abs(1 - p.apply(x)));
        }
        assertEquals(e, max, 1e-9);                                   // never exceeds E
        int k = (d - 1) / 2;
        assertEquals(k % 2 == 0 ? 1 + e : 1 - e, p.apply(u), 1e-12); // alternation ends at u
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 5, 7})
    void generatedSchedulesConvergeWithoutOvershoot(int d) {
        Schedule s = PolarExpress.generate(d, 1e-3, 12);
        double[] im = ScalarMaps.image(s, 1e-3, 1, 20_000);
        assertEquals(1, im[0], 0.01);
        assertTrue(im[1] <= 1.0 + 1e-9, "the 1.01 safety keeps values below 1: " + im[1]);
        double[] im5 = ScalarMaps.image(PolarExpress.generate(d, 1e-3, 5), 1e-3, 1, 20_000);
        assertTrue(im5[0] > 0 && im5[1] < 2, "bounded after 5 steps");
    }

    @Test
    void badArgumentsAreNamed() {
        assertThrows(IllegalArgumentException.class, () -> PolarExpress.generate(4, 1e-3, 5));
        assertThrows(IllegalArgumentException.class, () -> PolarExpress.generate(5, 0, 5));
        assertThrows(IllegalArgumentException.class, () -> PolarExpress.generate(5, 1e-3, 0));
    }
}
