package dev.muonlab.ns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** AOL pre-scaling (Prach &amp; Lampert 2022 Thm. 1; Turbo-Muon) and the Schatten-4 norm, against exact math. */
class AolPrescaleTest {

    /** Round-off of a few double products. */
    static final double EXACT = 1e-12;

    @Test
    void scalesAreInverseSqrtAbsoluteRowSumsOfTheGram() {
        // X = [[1, 2], [0, -1]] (wide, 2×2): A = X Xᵀ = [[5, -2], [-2, 1]]; row sums |·| = 7, 3
        INDArray X = Nd4j.createFromArray(new double[][] {{1, 2}, {0, -1}});
        assertArrayEquals(new double[] {1 / Math.sqrt(7), 1 / Math.sqrt(3)}, AolPrescale.scales(X, 1e-7), EXACT);
        INDArray X0 = AolPrescale.apply(X, 1e-7);
        assertArrayEquals(new double[] {1 / Math.sqrt(7), 2 / Math.sqrt(7)}, X0.getRow(0).toDoubleVector(), EXACT);
    }

    @Test
    void spectralNormIsAtMostOneForWideAndTall() {
        for (int[] shape : new int[][] {{6, 20}, {20, 6}, {9, 9}}) {
            INDArray G = TestMatrices.gaussian(31, shape[0], shape[1], DataType.DOUBLE).muli(7.5);
            INDArray X0 = AolPrescale.apply(G, 1e-7);
            double smax = ExactPolar.singularValues(X0).maxNumber().doubleValue();
            assertTrue(smax <= 1 + EXACT, "σ_max = " + smax + " for " + java.util.Arrays.toString(shape));
            assertTrue(smax > 0.3, "the bound is not vacuous here: σ_max = " + smax);
        }
    }

    @Test
    void tallInputScalesColumnsLikeTheTransposeOfTheWideCase() {
        INDArray G = TestMatrices.gaussian(32, 12, 5, DataType.DOUBLE);
        INDArray viaTranspose = AolPrescale.apply(G.transpose().dup(), 1e-7).transpose();
        assertEquals(0.0, TestMatrices.maxAbsDiff(AolPrescale.apply(G, 1e-7), viaTranspose), EXACT);
    }

    @Test
    void schatten4IsTheFourthRootOfTheSumOfFourthPowers() {
        INDArray G = TestMatrices.withSpectrum(33, 5, 9, new double[] {3, 1, 0.5, 0.2, 0.1});
        double expected = Math.pow(81 + 1 + 0.0625 + 0.0016 + 0.0001, 0.25);
        assertEquals(expected, Normalization.schatten4(G), 1e-10);
        assertEquals(expected, Normalization.schatten4(G.transpose().dup()), 1e-10);
    }
}
