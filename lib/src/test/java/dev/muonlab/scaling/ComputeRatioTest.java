package dev.muonlab.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.muonlab.scaling.ComputeFrontier.Point;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link ComputeRatio} with Moonlight's published laws (arXiv 2502.16982, Table 3: Muon 2.506·C^−0.052,
 * AdamW 2.608·C^−0.054, C in PFLOP/s-days) and a seeded bootstrap on synthetic points.
 */
class ComputeRatioTest {

    private static final PowerLaw MUON = PowerLaw.pure(2.506, -0.052);
    private static final PowerLaw ADAMW = PowerLaw.pure(2.608, -0.054);
    /** references §3.3 prints the ratios to 3 decimals. */
    private static final double THREE_DECIMALS = 5e-4;

    @Test
    void moonlightLawsGiveTheReferenceRatios() {
        double[] c = {0.01, 0.1, 1, 10, 30};
        double[] expected = {0.389, 0.425, 0.464, 0.507, 0.529};     // references §3.3 [DERIVED]
        for (int i = 0; i < c.length; i++) {
            assertEquals(expected[i], ComputeRatio.atAdamWCompute(MUON, ADAMW, c[i]), THREE_DECIMALS, "C_A = " + c[i]);
        }
    }

    @Test
    void theRatioDriftsAsTheOneTwentySixthPowerOfCompute() {
        assertEquals(1.0 / 26, ComputeRatio.driftExponent(MUON, ADAMW), 1e-12);    // 0.054/0.052 − 1
        double r1 = ComputeRatio.atAdamWCompute(MUON, ADAMW, 1);
        assertEquals(Math.pow(2.608 / 2.506, -1 / 0.052), r1, 1e-12);               // (a_A/a_M)^(1/b_M)
        for (double c = 1e-3; c <= 1e3; c *= 10) {
            assertEquals(r1 * Math.pow(c, 1.0 / 26), ComputeRatio.atAdamWCompute(MUON, ADAMW, c), 1e-12);
        }
        // the paper's "≈ 52 %" (0.519 in Fig. 1a) is reached between 10 and 30 PFLOP/s-days, at C_A ≈ 18
        double cAt0519 = Math.pow(0.519 / r1, 26);
        assertTrue(cAt0519 > 10 && cAt0519 < 30, "C_A at 0.519: " + cAt0519);
        assertEquals(0.519, ComputeRatio.atAdamWCompute(MUON, ADAMW, cAt0519), 1e-12);
    }

    @Test
    void atLossEqualsTheRatioOfTheInverseLaws() {
        double loss = 2.4;
        assertEquals(Math.pow(2.4 / 2.506, 1 / -0.052) / Math.pow(2.4 / 2.608, 1 / -0.054),
                ComputeRatio.atLoss(MUON, ADAMW, loss), 1e-12);
    }

    private static List<Point> noisy(PowerLaw law, double sigma, long seed) {
        Random rng = new Random(seed);
        List<Point> p = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            double c = Math.pow(10, -2 + 4.0 * i / 11);
            p.add(new Point(c, law.loss(c) * Math.exp(sigma * rng.nextGaussian())));
        }
        return p;
    }

    @Test
    void bootstrapCollapsesOnExactPointsAndIsSeeded() {
        double loss = ADAMW.loss(10);
        ComputeRatio.Interval exact = ComputeRatio.bootstrapAtLoss(noisy(MUON, 0, 1), noisy(ADAMW, 0, 2), loss,
                ComputeRatio.Form.PURE, 3);
        assertEquals(ComputeRatio.atLoss(MUON, ADAMW, loss), exact.ratio(), 1e-9);
        assertEquals(exact.ratio(), exact.low(), 1e-9);
        assertEquals(exact.ratio(), exact.high(), 1e-9);
        assertEquals(ComputeRatio.REPLICATES, exact.used());
        ComputeRatio.Interval a = ComputeRatio.bootstrapAtLoss(noisy(MUON, 0.003, 1), noisy(ADAMW, 0.003, 2), loss,
                ComputeRatio.Form.PURE, 3);
        ComputeRatio.Interval b = ComputeRatio.bootstrapAtLoss(noisy(MUON, 0.003, 1), noisy(ADAMW, 0.003, 2), loss,
                ComputeRatio.Form.PURE, 3);
        assertEquals(a, b);
        assertTrue(a.low() < a.ratio() && a.ratio() < a.high());
    }

    @Test
    void bootstrapIntervalCoversTheTrueRatioMostOfTheTime() {
        // 40 seeded data sets, 0.3 % multiplicative noise, 500 replicates each: the 95 % percentile interval should hold the
        // true 0.507 in most (a percentile bootstrap of 12 points under-covers a little; ≥ 80 % asked)
        double loss = ADAMW.loss(10);
        double truth = ComputeRatio.atLoss(MUON, ADAMW, loss);
        int covered = 0;
        for (int s = 0; s < 40; s++) {
            ComputeRatio.Interval iv = ComputeRatio.bootstrapAtLoss(noisy(MUON, 0.003, 100 + s), noisy(ADAMW, 0.003, 200 + s),
                    loss, ComputeRatio.Form.PURE, s, 500);
            if (iv.low() <= truth && truth <= iv.high()) {
                covered++;
            }
        }
        assertTrue(covered >= 32, "covered " + covered + " of 40");
    }

    @Test
    void floorLawBootstrapCollapsesOnExactPoints() {
        PowerLaw muon = new PowerLaw(1.5, 1.0, -0.3);
        PowerLaw adamw = new PowerLaw(1.5, 1.2, -0.3);
        double loss = 1.9;
        ComputeRatio.Interval iv = ComputeRatio.bootstrapAtLoss(noisy(muon, 0, 1), noisy(adamw, 0, 2), loss,
                ComputeRatio.Form.WITH_FLOOR, 4, 100);
        // same E and b: C_M/C_A = ((L − E)/a_M)^(1/b) / ((L − E)/a_A)^(1/b) = (a_A/a_M)^(1/b) = 1.2^(−10/3) = 0.5446
        assertEquals(Math.pow(1.2, 1 / -0.3), iv.ratio(), 1e-5);
        assertEquals(100, iv.used());
        assertEquals(iv.ratio(), iv.low(), 1e-4);
        assertEquals(iv.ratio(), iv.high(), 1e-4);
    }
}
