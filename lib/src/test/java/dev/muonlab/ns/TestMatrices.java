package dev.muonlab.ns;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Deterministic test matrices from java.util.Random (independent of ND4J's RNG). */
public final class TestMatrices {

    private TestMatrices() {
    }

    /** @return a (rows, cols) matrix of standard normal entries from the given seed */
    public static INDArray gaussian(long seed, int rows, int cols, DataType type) {
        Random r = new Random(seed);
        double[][] v = new double[rows][cols];
        for (double[] row : v) {
            for (int j = 0; j < cols; j++) {
                row[j] = r.nextGaussian();
            }
        }
        return Nd4j.createFromArray(v).castTo(type);
    }

    /**
     * @return U diag(s) Vᵀ (rows, cols) with orthonormal U, V from QR-free Gram-Schmidt of Gaussian
     * matrices (via the exact polar factor), and the given singular values (min(rows, cols) of them)
     */
    public static INDArray withSpectrum(long seed, int rows, int cols, double[] s) {
        int r = Math.min(rows, cols);
        INDArray U = ExactPolar.polar(gaussian(seed, rows, r, DataType.DOUBLE));     // (rows, r), orthonormal columns
        INDArray V = ExactPolar.polar(gaussian(seed + 1, cols, r, DataType.DOUBLE)); // (cols, r)
        INDArray S = Nd4j.diag(Nd4j.createFromArray(s));                             // (r, r)
        return U.mmul(S).mmul(V.transpose());
    }

    /** @return the maximum absolute difference */
    public static double maxAbsDiff(INDArray a, INDArray b) {
        return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    }
}
