package dev.muonlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.muonlab.ns.ExactPolar;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** ZCA whitening: the whitened covariance is I (ε = 0) or has eigenvalues λ/(λ + ε), exactly. */
class WhiteningTest {

    /** fp64 round-off on 400×5 data. */
    private static final double EXACT = 1e-10;

    private static INDArray correlatedData() {
        Nd4j.getRandom().setSeed(7);
        INDArray Z = Nd4j.randn(DataType.DOUBLE, 400, 5);
        INDArray mix = Nd4j.create(new double[][] {
                {3, 0, 0, 0, 0}, {1, 1, 0, 0, 0}, {0, 2, 0.5, 0, 0}, {0, 0, 1, 0.1, 0}, {1, 0, 0, 1, 2}});
        return Z.mmul(mix).addiRowVector(Nd4j.create(new double[] {1, -2, 3, 0, 5}));
    }

    private static INDArray covariance(INDArray X) {
        INDArray c = X.subRowVector(X.mean(0));
        return c.transpose().mmul(c).divi(X.rows());
    }

    @Test
    void whitenedCovarianceIsIdentityWithoutDamping() {
        INDArray X = correlatedData();
        INDArray before = X.dup();
        Whitening w = Whitening.fit(X, 0);
        INDArray Y = w.apply(X);
        assertEquals(before, X);
        assertTrue(covariance(Y).sub(Nd4j.eye(5)).amaxNumber().doubleValue() < EXACT);
        assertTrue(Y.mean(0).amaxNumber().doubleValue() < EXACT);
        assertTrue(w.map().sub(w.map().transpose()).amaxNumber().doubleValue() < EXACT);   // ZCA: symmetric
    }

    @Test
    void dampingMapsEigenvaluesToLambdaOverLambdaPlusEps() {
        INDArray X = correlatedData();
        double eps = 0.5;
        double[] lambda = ExactPolar.singularValues(covariance(X)).toDoubleVector();
        double[] expected = new double[lambda.length];
        for (int i = 0; i < lambda.length; i++) {
            expected[i] = lambda[i] / (lambda[i] + eps);
        }
        double[] actual = ExactPolar.singularValues(covariance(Whitening.fit(X, eps).apply(X))).toDoubleVector();
        assertArrayEquals(expected, actual, EXACT);
    }

    @Test
    void refusesNegativeEpsAndSingularCovariance() {
        assertThrows(IllegalArgumentException.class, () -> Whitening.fit(correlatedData(), -1));
        INDArray rankDeficient = correlatedData();
        rankDeficient.putColumn(4, rankDeficient.getColumn(0).dup());
        assertThrows(IllegalArgumentException.class, () -> Whitening.fit(rankDeficient, 0));
    }
}
