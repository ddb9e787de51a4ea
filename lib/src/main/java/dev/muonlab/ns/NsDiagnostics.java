package dev.muonlab.ns;

import dev.muonlab.theory.CostModel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How good an orthogonalization X of G is, in the quantities of Kim &amp; Oh (arXiv 2601.19156,
 * Definition 3 and Lemma 1), all computed in double in the wide orientation (m ≤ n):
 *
 * @param singularValues       σ(X), descending (min(m, n) values)
 * @param orthogonalityResidual δ = ‖Π − XXᵀ‖_op, Π the projector onto the range of G
 * @param polarError           ε = ‖X − Polar(G)‖_op
 * @param relativeDistance     ‖X − Polar(G)‖_F / ‖Polar(G)‖_F
 * @param rms                  ‖X‖_F / sqrt(mn) (an exact polar factor of full rank has 1/sqrt(n))
 * @param matrixProducts       the number of matrix products the schedule spent (0 if unknown)
 * @param flops                {@link CostModel#scheduleFlops} (0 if unknown)
 */
public record NsDiagnostics(double[] singularValues, double orthogonalityResidual, double polarError,
                            double relativeDistance, double rms, int matrixProducts, double flops) {

    /**
     * @param G        the input (m, n); not modified
     * @param X        its orthogonalization (m, n); not modified
     * @param schedule the schedule that produced X, or null
     */
    public static NsDiagnostics of(INDArray G, INDArray X, Schedule schedule) {
        MatrixChecks.requireFiniteMatrix(G, "input");
        MatrixChecks.requireFiniteMatrix(X, "result");
        if (!java.util.Arrays.equals(G.shape(), X.shape())) {
            throw new IllegalArgumentException("input and result shapes differ");
        }
        boolean tall = G.rows() > G.columns();
        INDArray g = (tall ? G.transpose() : G).castTo(DataType.DOUBLE).dup('c'); // (m, n)
        INDArray x = (tall ? X.transpose() : X).castTo(DataType.DOUBLE).dup('c');
        ExactPolar.Svd svd = ExactPolar.svd(g);
        double[] s = svd.s().toDoubleVector();
        double tol = Math.max(g.rows(), g.columns()) * 0x1p-52 * (s.length > 0 ? s[0] : 0);
        int r = 0;
        while (r < s.length && s[r] > tol) {
            r++;
        }
        INDArray Ur = svd.U().get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(0, r));
        INDArray Pi = r == 0 ? g.mmul(g.transpose()).muli(0) : Ur.mmul(Ur.transpose()); // (m, m)
        INDArray residual = Pi.sub(x.mmul(x.transpose()));
        double delta = ExactPolar.singularValues(residual).getDouble(0);
        INDArray P = ExactPolar.polar(g);
        INDArray diff = x.sub(P);
        double eps = ExactPolar.singularValues(diff).getDouble(0);
        double pn = P.norm2Number().doubleValue();
        double rel = pn == 0 ? x.norm2Number().doubleValue() : diff.norm2Number().doubleValue() / pn;
        double rms = x.norm2Number().doubleValue() / Math.sqrt((double) x.length());
        int products = schedule == null ? 0 : schedule.matrixProducts();
        double flops = schedule == null ? 0 : CostModel.scheduleFlops(G.rows(), G.columns(), schedule);
        return new NsDiagnostics(ExactPolar.singularValues(x).toDoubleVector(), delta, eps, rel, rms, products, flops);
    }

    /** @return a few lines for people: σ range, δ, ε, distance, RMS, cost */
    public String report() {
        double min = singularValues.length == 0 ? 0 : singularValues[singularValues.length - 1];
        double max = singularValues.length == 0 ? 0 : singularValues[0];
        return String.format(java.util.Locale.ROOT,
                "singular values     min %.6g  max %.6g  (%d values)%n"
                        + "orthogonality δ     %.6g   (‖Π − XXᵀ‖_op)%n"
                        + "polar error ε       %.6g   (‖X − UVᵀ‖_op)%n"
                        + "relative distance   %.6g   (‖X − UVᵀ‖_F / ‖UVᵀ‖_F)%n"
                        + "rms                 %.6g%n"
                        + "matrix products     %d%n"
                        + "flops               %.4g%n",
                min, max, singularValues.length, orthogonalityResidual, polarError, relativeDistance, rms,
                matrixProducts, flops);
    }

    @Override
    public double[] singularValues() {
        return singularValues.clone();
    }
}
