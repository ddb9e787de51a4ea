package dev.muonlab.experiments;

import dev.muonlab.host.Fp64BlasCheck;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Seeded random matrices and small spectral helpers for the case studies, in double precision.
 *
 * <p>Random numbers come from {@link java.util.Random} (not ND4J's generator), so a seed gives the
 * same matrices on every backend and thread.
 */
public final class Matrices {

    private Matrices() {
    }

    /**
     * @param rows   number of rows
     * @param cols   number of columns
     * @param stddev standard deviation of every entry
     * @param random the source of randomness. Modified (advanced).
     * @return a new (rows, cols) double matrix with i.i.d. N(0, stddev²) entries
     */
    public static INDArray gaussian(int rows, int cols, double stddev, Random random) {
        double[] data = new double[rows * cols];
        for (int i = 0; i < data.length; i++) {
            data[i] = stddev * random.nextGaussian();
        }
        return Nd4j.create(data, new long[]{rows, cols}, DataType.DOUBLE);
    }

    /**
     * A Haar-like random orthogonal matrix: modified Gram-Schmidt on a Gaussian matrix
     * (sign-fixed so the distribution does not depend on the QR convention; Mezzadri 2007, §5).
     *
     * @param d      the size
     * @param random the source of randomness. Modified (advanced).
     * @return a new (d, d) orthogonal double matrix Q, QᵀQ = I
     */
    public static INDArray randomOrthogonal(int d, Random random) {
        double[][] q = new double[d][d]; // q[j] = column j
        for (int j = 0; j < d; j++) {
            for (int i = 0; i < d; i++) {
                q[j][i] = random.nextGaussian();
            }
        }
        for (int j = 0; j < d; j++) {
            for (int pass = 0; pass < 2; pass++) { // re-orthogonalize once for accuracy
                for (int p = 0; p < j; p++) {
                    double dot = 0;
                    for (int i = 0; i < d; i++) {
                        dot += q[p][i] * q[j][i];
                    }
                    for (int i = 0; i < d; i++) {
                        q[j][i] -= dot * q[p][i];
                    }
                }
            }
            double norm = 0;
            for (int i = 0; i < d; i++) {
                norm += q[j][i] * q[j][i];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < d; i++) {
                q[j][i] /= norm;
            }
        }
        double[] data = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                data[i * d + j] = q[j][i];
            }
        }
        return Nd4j.create(data, new long[]{d, d}, DataType.DOUBLE);
    }

    /**
     * Singular values through LAPACK {@code gesvd} (ND4J's own SVD op is broken in 1.0.0-M2.1).
     *
     * @param A a (m, n) matrix. Not modified.
     * @return the min(m, n) singular values, descending
     * @throws IllegalStateException when this JVM's OpenBLAS gets fp64 LAPACK wrong ({@link Fp64BlasCheck})
     */
    public static double[] singularValues(INDArray A) {
        long m = A.rows();
        long n = A.columns();
        Fp64BlasCheck.requireSound("the fp64 singular values of a " + m + "x" + n + " matrix");
        INDArray work = A.castTo(DataType.DOUBLE).dup('f');
        INDArray S = Nd4j.create(DataType.DOUBLE, Math.min(m, n));
        Nd4j.getBlasWrapper().lapack().gesvd(work, S, null, null);
        double[] s = S.toDoubleVector();
        java.util.Arrays.sort(s);
        for (int i = 0; i < s.length / 2; i++) {
            double t = s[i];
            s[i] = s[s.length - 1 - i];
            s[s.length - 1 - i] = t;
        }
        return s;
    }

    /**
     * @param values the diagonal (length d). Not modified.
     * @return a new (d, d) double diagonal matrix
     */
    public static INDArray diag(double[] values) {
        return Nd4j.diag(Nd4j.createFromArray(values.clone()).castTo(DataType.DOUBLE));
    }

    /**
     * @param A a matrix. Not modified.
     * @return ‖A‖_F²
     */
    public static double frobeniusSquared(INDArray A) {
        double norm = A.norm2Number().doubleValue();
        return norm * norm;
    }
}
