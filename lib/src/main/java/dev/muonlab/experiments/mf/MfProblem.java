package dev.muonlab.experiments.mf;

import dev.muonlab.experiments.Matrices;
import dev.muonlab.experiments.Objective;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A planted matrix-factorization problem: M* = P diag(λ) Qᵀ (symmetric: Q = P), with P, Q (d, r)
 * taken from random rotations (or the identity, when not rotated), as the objective over the
 * parameters {@code "U"} (d, k) and, for the asymmetric problem, {@code "V"} (d, k).
 *
 * @param spec   the instance
 * @param lambda the planted spectrum (length r), descending, λ₁ = 1
 * @param P      left basis (d, d): M*'s left singular vectors are its first r columns
 * @param Q      right basis (d, d) (equal to P when symmetric)
 * @param Mstar  the target (d, d)
 */
public record MfProblem(MfSpec spec, double[] lambda, INDArray P, INDArray Q, INDArray Mstar) implements Objective {

    /** @return the problem of {@code spec}, reproducible from its seed */
    public static MfProblem of(MfSpec spec) {
        Random random = new Random(spec.seed());
        int d = spec.d();
        INDArray P = spec.rotated() ? Matrices.randomOrthogonal(d, random) : Nd4j.eye(d).castTo(DataType.DOUBLE);
        INDArray Q = spec.symmetric() ? P
                : spec.rotated() ? Matrices.randomOrthogonal(d, random) : Nd4j.eye(d).castTo(DataType.DOUBLE);
        double[] lambda = MatrixFactorization.plantedSpectrum(spec.r(), spec.kappa());
        INDArray Pr = P.get(NDArrayIndex.all(), NDArrayIndex.interval(0, spec.r()));  // (d, r)
        INDArray Qr = Q.get(NDArrayIndex.all(), NDArrayIndex.interval(0, spec.r()));  // (d, r)
        INDArray Mstar = Pr.mmul(Matrices.diag(lambda)).mmul(Qr.transpose());          // (d, d)
        return new MfProblem(spec, lambda, P, Q, Mstar);
    }

    /**
     * The starting point. The random draw uses a stream separate from the problem's, so that problems
     * with different κ start from the same U₀ (a κ sweep then differs only in κ).
     *
     * @return new parameters {@code "U"} (d, k) [and {@code "V"} (d, k)]
     */
    public Map<String, INDArray> initialParams() {
        Random random = new Random(spec.seed() * 31 + 7);
        int d = spec.d();
        int k = spec.k();
        double alpha = spec.initScale();
        Map<String, INDArray> params = new LinkedHashMap<>();
        if (spec.init() == MfSpec.Init.SMALL_RANDOM) {
            params.put("U", Matrices.gaussian(d, k, alpha / Math.sqrt(d), random));
            if (!spec.symmetric()) {
                params.put("V", Matrices.gaussian(d, k, alpha / Math.sqrt(d), random));
            }
        } else {
            params.put("U", P.get(NDArrayIndex.all(), NDArrayIndex.interval(0, k)).mul(alpha));
            if (!spec.symmetric()) {
                params.put("V", Q.get(NDArrayIndex.all(), NDArrayIndex.interval(0, k)).mul(alpha));
            }
        }
        return params;
    }

    @Override
    public double loss(Map<String, INDArray> params) {
        INDArray U = params.get("U");
        return spec.symmetric() ? MatrixFactorization.symmetricLoss(U, Mstar)
                : MatrixFactorization.asymmetricLoss(U, params.get("V"), Mstar);
    }

    @Override
    public Map<String, INDArray> gradient(Map<String, INDArray> params) {
        INDArray U = params.get("U");
        Map<String, INDArray> grads = new LinkedHashMap<>();
        if (spec.symmetric()) {
            grads.put("U", MatrixFactorization.symmetricGradient(U, Mstar));
        } else {
            INDArray V = params.get("V");
            grads.put("U", MatrixFactorization.asymmetricGradientU(U, V, Mstar));
            grads.put("V", MatrixFactorization.asymmetricGradientV(U, V, Mstar));
        }
        return grads;
    }

    /**
     * The spectral-domain view in which the dynamics decouple: for each planted mode i ≤ r, the
     * fitted amplitude p_iᵀ (U Vᵀ) q_i (symmetric: p_iᵀ U Uᵀ p_i) divided by its target λ_i, then
     * square-rooted, i.e. the mode's "singular value of U" as a fraction of √λ_i. 1 means converged.
     *
     * @param params the current parameters. Not modified.
     * @return r values, mode 1 (largest λ) first; 0 at a zero start
     */
    public double[] modeProgress(Map<String, INDArray> params) {
        INDArray U = params.get("U");
        INDArray V = spec.symmetric() ? U : params.get("V");
        INDArray Pr = P.get(NDArrayIndex.all(), NDArrayIndex.interval(0, spec.r()));  // (d, r)
        INDArray Qr = Q.get(NDArrayIndex.all(), NDArrayIndex.interval(0, spec.r()));  // (d, r)
        INDArray projected = Pr.transpose().mmul(U).mmul(V.transpose().mmul(Qr));     // (r, r)
        double[] progress = new double[spec.r()];
        for (int i = 0; i < progress.length; i++) {
            progress[i] = Math.sqrt(Math.max(0, projected.getDouble(i, i)) / lambda[i]);
        }
        return progress;
    }
}
