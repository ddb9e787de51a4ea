package dev.muonlab.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.muonlab.ns.Schedule;
import dev.muonlab.ns.TaylorFamily;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Kim &amp; Oh (arXiv 2601.19156) Lemmas 2–3, Corollary 2, Theorem 2, App. H.4; references.md §2.3. */
class KimOhTest {

    /** φ against 50-digit arithmetic: a few ulps. */
    static final double PHI_REL = 1e-14;
    /** The χ table prints 3–4 significant digits. */
    static final double TABLE_REL = 1e-3;

    /**
     * φ(u) = 1 − (1−u)·p_κ(1−u)² in exact BigDecimal arithmetic (u and the c_s are binary
     * fractions, so every product and sum is exact): the reference.
     */
    static BigDecimal phiExact(int kappa, double u) {
        BigDecimal uu = new BigDecimal(u);
        BigDecimal p = BigDecimal.ZERO;
        for (int s = kappa; s >= 0; s--) {
            p = p.multiply(uu).add(new BigDecimal(TaylorFamily.taylorCoefficient(s)));
        }
        return BigDecimal.ONE.subtract(BigDecimal.ONE.subtract(uu).multiply(p).multiply(p));
    }

    @ParameterizedTest
    @CsvSource({"1", "2", "3", "5"})
    void phiIsAccurateEverywhereIncludingNearZero(int kappa) {
        for (double u : new double[] {1e-12, 1e-8, 1e-5, 1e-3, 0.1, 0.5, 0.9, 1}) {
            double exact = phiExact(kappa, u).doubleValue();
            assertEquals(exact, KimOh.phi(kappa, u), Math.abs(exact) * PHI_REL, "κ=" + kappa + " u=" + u);
        }
        // the literal formula cancels catastrophically: at u = 1e−8 it loses everything
        double exact = phiExact(kappa, 1e-8).doubleValue();
        assertTrue(Math.abs(KimOh.phiNaive(kappa, 1e-8) - exact) > 1e-3 * exact);
    }

    @Test
    void exactMapsOfCorollary2() {
        for (double d : new double[] {1e-6, 0.01, 0.3, 0.7, 0.99}) {
            assertEquals(KimOh.exactMapKappa1(d), KimOh.phi(1, d), 1e-15 * Math.max(1e-300, KimOh.exactMapKappa1(d)) + 1e-300);
            assertEquals(KimOh.exactMapKappa2(d), KimOh.phi(2, d), 1e-14 * KimOh.exactMapKappa2(d));
            assertTrue(KimOh.exactMapKappa1(d) <= d * d);
            assertTrue(KimOh.exactMapKappa2(d) <= d * d * d);
        }
    }

    @Test
    void lemma3BoundHoldsOnAGridForKappa1To5() {
        for (int kappa = 1; kappa <= 5; kappa++) {
            for (int i = 0; i <= 1000; i++) {
                double u = i / 1000.0;
                assertTrue(KimOh.phi(kappa, u) <= Math.pow(u, kappa + 1) * (1 + 1e-14) + 1e-300, "κ=" + kappa + " u=" + u);
            }
            assertTrue(KimOh.residualAfter(kappa, 0.9, 3) <= KimOh.residualBound(kappa, 0.9, 3));
        }
        assertEquals(0.75, KimOh.leadingConstant(1), 1e-15);
        assertEquals(0.625, KimOh.leadingConstant(2), 1e-15);
        assertEquals(KimOh.leadingConstant(3), KimOh.phi(3, 1e-6) / Math.pow(1e-6, 4), 1e-5);
    }

    @ParameterizedTest
    @CsvSource({
        "0.5, 1, 1, 1.155", "0.5, 1, 3, 1.002", "0.5, 2, 1, 1.069",
        "0.9, 1, 1, 2.294", "0.9, 1, 3, 1.325", "0.9, 1, 5, 1.018", "0.9, 2, 1, 1.921", "0.9, 2, 3, 1.030",
        "0.99, 1, 1, 7.089", "0.99, 1, 3, 3.598", "0.99, 1, 5, 1.907", "0.99, 2, 1, 5.802", "0.99, 2, 3, 2.051", "0.99, 2, 5, 1.047",
        "0.999, 1, 1, 22.37", "0.999, 1, 3, 11.2", "0.999, 1, 5, 5.634", "0.999, 2, 1, 18.27", "0.999, 2, 3, 6.125", "0.999, 2, 5, 2.153",
        "0.999999, 1, 1, 707", "0.999999, 2, 5, 64"})
    void chiTableOfTheorem2(double delta0, int kappa, int q, double expected) {
        assertEquals(expected, KimOh.chiBound(kappa, delta0, q), expected * 3 * TABLE_REL);
        double eps = KimOh.polarErrorBound(kappa, delta0, q);
        assertEquals(1 / (1 - eps), KimOh.chiBound(kappa, delta0, q), 1e-9 * expected);
    }

    @Test
    void kellerBreaksTauMonotonicityButTaylorDoesNot() {
        assertFalse(KimOh.isTauMonotone(Schedule.KELLER, 10_000));
        // τ'(0) = a² exactly; App. H.4 prints 11.8641 where 3.4445² = 11.86458 (4th-decimal slip)
        assertEquals(3.4445 * 3.4445, KimOh.tauDerivative(Schedule.KELLER, 0), 1e-12);
        assertEquals(11.8641, KimOh.tauDerivative(Schedule.KELLER, 0), 5e-4);
        // τ'(1) = h(1)² + 2h(1)h'(1) = 0.701² + 2·0.701·(−0.712) = −0.506823 exactly; the printed
        // −0.5087 is 2e−3 off. What matters for the theory is the sign: τ decreases near λ = 1.
        assertEquals(0.701 * 0.701 + 2 * 0.701 * -0.712, KimOh.tauDerivative(Schedule.KELLER, 1), 1e-12);
        assertEquals(-0.5087, KimOh.tauDerivative(Schedule.KELLER, 1), 2.5e-3);
        for (int kappa = 1; kappa <= 5; kappa++) {
            assertTrue(KimOh.isTauMonotone(TaylorFamily.polynomial(kappa), 10_000), "κ=" + kappa);
            assertEquals(1.0, KimOh.tau(TaylorFamily.polynomial(kappa), 1), 1e-15);
        }
        // the local maximum of τ near λ = 0.308 (App. H.4)
        double lo = 0.2;
        double hi = 0.4;
        for (int i = 0; i < 60; i++) {
            double mid = 0.5 * (lo + hi);
            if (KimOh.tauDerivative(Schedule.KELLER, mid) > 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        assertEquals(0.308, lo, 5e-4);
    }
}
