package dev.muonlab.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * AdamW, Adam, SGD and GD against closed forms over several steps, in float64.
 * With a constant gradient g: heavy-ball buf_k = g(1 − μ^k)/(1 − μ); Nesterov's direction is
 * g + μ·buf_k; Adam's bias-corrected moments are exactly m̂ = g and v̂ = g², so U = g/(|g| + eps) and
 * AdamW gives p_n = aⁿp₀ − lr·U(1 − aⁿ)/(1 − a) with a = 1 − lr·wd.
 */
class ClosedFormTest {

    static final double TOLERANCE = 1e-12;
    static final int STEPS = 7;

    static INDArray run(OptimizerConfig config, INDArray p0, INDArray g, int steps) {
        INDArray p = p0.dup();
        Optimizer opt = Optimizer.of(config, Map.of("w", p));
        for (int i = 0; i < steps; i++) {
            opt.step(Map.of("w", g));
        }
        return p;
    }

    static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, TOLERANCE * Math.max(1, Math.abs(expected)), what);
    }

    @Test
    void heavyBallAndNesterovSgdWithConstantGradient() {
        INDArray p0 = TestArrays.randn(1, DataType.DOUBLE, 3, 4);
        INDArray g = TestArrays.randn(2, DataType.DOUBLE, 3, 4);
        double lr = 0.1;
        double mu = 0.9;
        INDArray heavy = run(SgdConfig.momentum(lr, mu, false), p0, g, STEPS);
        INDArray nesterov = run(SgdConfig.momentum(lr, mu, true), p0, g, STEPS);
        double sumHeavy = 0;
        double sumNesterov = 0;
        for (int k = 1; k <= STEPS; k++) {
            double buf = (1 - Math.pow(mu, k)) / (1 - mu);
            sumHeavy += buf;
            sumNesterov += 1 + mu * buf;
        }
        for (int i = 0; i < 12; i++) {
            double p = p0.getDouble(i);
            double gi = g.getDouble(i);
            assertClose(p - lr * gi * sumHeavy, heavy.getDouble(i), "heavy ball entry " + i);
            assertClose(p - lr * gi * sumNesterov, nesterov.getDouble(i), "nesterov entry " + i);
        }
    }

    @Test
    void gradientDescentOnQuadraticContractsGeometrically() {
        // f(w) = ½||w||²: w_n = (1 − lr)ⁿ w_0
        INDArray p = TestArrays.randn(3, DataType.DOUBLE, 5);
        INDArray p0 = p.dup();
        double lr = 0.3;
        Optimizer opt = Optimizer.of(SgdConfig.gd(lr), Map.of("w", p));
        for (int i = 0; i < STEPS; i++) {
            opt.step(Map.of("w", p.dup()));
        }
        for (int i = 0; i < 5; i++) {
            assertClose(Math.pow(1 - lr, STEPS) * p0.getDouble(i), p.getDouble(i), "gd entry " + i);
        }
    }

    @Test
    void adamWWithConstantGradient() {
        INDArray p0 = TestArrays.randn(4, DataType.DOUBLE, 2, 6);
        INDArray g = TestArrays.randn(5, DataType.DOUBLE, 2, 6);
        AdamWConfig cfg = new AdamWConfig(0.01, 0.9, 0.95, 1e-8, 0.1);
        INDArray p = run(cfg, p0, g, STEPS);
        double a = 1 - cfg.lr() * cfg.weightDecay();
        double an = Math.pow(a, STEPS);
        for (int i = 0; i < 12; i++) {
            double u = g.getDouble(i) / (Math.abs(g.getDouble(i)) + cfg.eps());
            double expected = an * p0.getDouble(i) - cfg.lr() * u * (1 - an) / (1 - a);
            assertEquals(expected, p.getDouble(i), 1e-10, "adamw entry " + i);
        }
    }

    /** Adam (L2-coupled decay) with changing gradients against a scalar re-implementation of Algorithm 1. */
    @Test
    void adamAgainstScalarAlgorithm() {
        AdamConfig cfg = new AdamConfig(0.02, 0.8, 0.99, 1e-6, 0.05);
        INDArray p = TestArrays.randn(6, DataType.DOUBLE, 4);
        double[] ref = p.toDoubleVector();
        double[] m = new double[4];
        double[] v = new double[4];
        Optimizer opt = Optimizer.of(cfg, Map.of("w", p));
        for (int t = 1; t <= STEPS; t++) {
            INDArray g = TestArrays.randn(100 + t, DataType.DOUBLE, 4);
            opt.step(Map.of("w", g));
            for (int i = 0; i < 4; i++) {
                double gi = g.getDouble(i) + cfg.weightDecay() * ref[i];
                m[i] = cfg.beta1() * m[i] + (1 - cfg.beta1()) * gi;
                v[i] = cfg.beta2() * v[i] + (1 - cfg.beta2()) * gi * gi;
                double mHat = m[i] / (1 - Math.pow(cfg.beta1(), t));
                double vHat = v[i] / (1 - Math.pow(cfg.beta2(), t));
                ref[i] -= cfg.lr() * mHat / (Math.sqrt(vHat) + cfg.eps());
            }
        }
        for (int i = 0; i < 4; i++) {
            assertEquals(ref[i], p.getDouble(i), 1e-10, "adam entry " + i);
        }
    }

    @Test
    void signAndNormalizedSgdStepLengths() {
        INDArray g = TestArrays.randn(7, DataType.DOUBLE, 3, 3);
        INDArray p0 = Nd4j.zeros(DataType.DOUBLE, 3, 3);
        INDArray sign = run(SignDescentConfig.plain(0.25), p0, g, 1);
        INDArray nsgd = run(NormalizedSgdConfig.plain(0.25), p0, g, 1);
        for (int i = 0; i < 9; i++) {
            assertClose(-0.25 * Math.signum(g.getDouble(i)), sign.getDouble(i), "sign entry " + i);
        }
        assertClose(0.25, nsgd.norm2Number().doubleValue(), "normalized step length");
        Map<String, INDArray> state = new HashMap<>();
        assertClose(1.0, NormalizedSgdConfig.plain(1).step(p0.dup(), g, state, 1, 1).norm2Number().doubleValue(), "unit");
    }
}
