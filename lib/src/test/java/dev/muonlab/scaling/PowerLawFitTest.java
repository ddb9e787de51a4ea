package dev.muonlab.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link PowerLawFit} against exact synthetic laws and against NumPy/SciPy on fixed noisy data
 * (NumPy 2.4.6 {@code polyfit} of log L on log C; SciPy 1.17.1 {@code curve_fit} of E + a·C^b,
 * p0 = (1, 1.5, −0.2), xtol = ftol = gtol = 1e-15; the data made with {@code default_rng(5)} and
 * {@code default_rng(17)}, printed with repr).
 */
class PowerLawFitTest {

    /** Relative agreement with NumPy's and SciPy's optima on the same data (both solve the same least squares). */
    private static final double ORACLE_REL = 1e-6;

    private static double[] logGrid(double fromDecade, double toDecade, int n) {
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            c[i] = Math.pow(10, fromDecade + (toDecade - fromDecade) * i / (n - 1));
        }
        return c;
    }

    @Test
    void pureLawIsRecoveredExactlyFromExactPoints() {
        PowerLaw truth = PowerLaw.pure(2.608, -0.054);
        double[] c = logGrid(-2, 2, 9);
        double[] l = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            l[i] = truth.loss(c[i]);
        }
        PowerLaw fit = PowerLawFit.pure(c, l);
        assertEquals(2.608, fit.a(), 1e-12);
        assertEquals(-0.054, fit.b(), 1e-12);
        assertEquals(0, fit.e());
    }

    @Test
    void pureLawMatchesNumpyPolyfitOnNoisyPoints() {
        double[] c = {0.01, 0.027825594022071243, 0.0774263682681127, 0.21544346900318834, 0.5994842503189409,
                1.668100537200059, 4.6415888336127775, 12.915496650148826, 35.93813663804626, 100.0};
        double[] l = {3.17386148439379, 3.003096641802455, 2.859745571335335, 2.7188053854757497, 2.5852951840613296,
                2.4412715536446483, 2.3086300976512466, 2.1869556995716177, 2.0863774608723413, 1.9852763805368956};
        PowerLaw fit = PowerLawFit.pure(c, l);
        assertEquals(2.506338480475035, fit.a(), 2.506 * ORACLE_REL);
        assertEquals(-0.051293731707487224, fit.b(), 0.0513 * ORACLE_REL);
        assertEquals(-0.052, fit.b(), 0.003);       // the law the data came from (2.506·C^−0.052, 0.4 % noise)
    }

    @Test
    void floorLawIsRecoveredFromExactPoints() {
        PowerLaw truth = new PowerLaw(1.6, 2.0, -0.3);
        double[] c = logGrid(-1, 3, 15);
        double[] l = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            l[i] = truth.loss(c[i]);
        }
        PowerLaw fit = PowerLawFit.withFloor(c, l);
        assertEquals(1.6, fit.e(), 1e-6);
        assertEquals(2.0, fit.a(), 1e-6);
        assertEquals(-0.3, fit.b(), 1e-6);
    }

    @Test
    void floorLawMatchesScipyCurveFitOnNoisyPoints() {
        double[] c = {0.1, 0.23101297000831597, 0.533669923120631, 1.232846739442066, 2.848035868435802,
                6.5793322465756825, 15.199110829529332, 35.11191734215131, 81.11308307896873, 187.3817422860385,
                432.87612810830615, 1000.0};
        double[] l = {5.593828417298277, 4.705139472092338, 4.012996660373989, 3.4744860154014043, 3.0553704447233736,
                2.7365716428668745, 2.4816339986784777, 2.2850749935093018, 2.134271196356565, 2.015957969559038,
                1.9168534073894847, 1.8545605221305628};
        PowerLaw fit = PowerLawFit.withFloor(c, l);
        assertEquals(1.6022138486867203, fit.e(), 1.6 * ORACLE_REL);
        assertEquals(1.9951981454022067, fit.a(), 2.0 * ORACLE_REL);
        assertEquals(-0.3011901670440117, fit.b(), 0.3 * ORACLE_REL);
        assertEquals(6.691062445677799e-05, PowerLawFit.sse(fit, c, l), 6.7e-5 * 1e-6);
    }

    @Test
    void refusesTooFewDistinctComputes() {
        assertThrows(IllegalArgumentException.class, () -> PowerLawFit.pure(new double[] {1, 1}, new double[] {2, 3}));
        assertThrows(IllegalArgumentException.class, () -> PowerLawFit.withFloor(new double[] {1, 2, 2}, new double[] {3, 2, 2}));
        assertThrows(IllegalArgumentException.class, () -> PowerLawFit.pure(new double[] {1, -2}, new double[] {2, 3}));
    }

    @Test
    void computeAtInvertsLoss() {
        PowerLaw law = new PowerLaw(1.5, 2.0, -0.25);
        for (double c : logGrid(-3, 3, 7)) {
            assertEquals(c, law.computeAt(law.loss(c)), c * 1e-12);
        }
        assertTrue(Double.isNaN(law.computeAt(1.5)));            // the floor is never reached
    }
}
