package dev.muonlab.experiments.icl;

import dev.muonlab.experiments.Matrices;
import dev.muonlab.experiments.Objective;
import dev.muonlab.experiments.mf.MatrixFactorization;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * An in-context regression problem as an objective over the one parameter {@code "Gamma"} (d, d),
 * started at Γ₀ = 0 (as in Zhang, Frei, Bartlett 2024 and references.md §1.2).
 *
 * <p>With {@code contextN = 0} the loss and gradient are the population ones. Otherwise
 * {@link #gradient} is a fresh mini-batch gradient on sampled prompts (so this object is stateful:
 * not for concurrent use), and {@link #loss} is the exact expected loss L_N at that N.
 *
 * @param spec   the instance
 * @param lambda the spectrum of Λ (length d), descending, log-uniform from λ_max = κ down to λ_min = 1
 *               (λ_min = 1 fixes the scale of the solution, ‖Λ⁻¹‖_op = 1, so one Muon step schedule
 *               fits every κ; GD's step follows the curvature λ_max³ instead; Muon Lab's choice)
 * @param Lambda Λ (d, d)
 * @param C      a square root of Λ (d, d), Q diag(√λ)
 * @param random the prompt stream. Modified by {@link #gradient} in sampled mode.
 */
public record IclProblem(IclSpec spec, double[] lambda, INDArray Lambda, INDArray C, Random random) implements Objective {

    /** @return the problem of {@code spec}, reproducible from its seed */
    public static IclProblem of(IclSpec spec) {
        Random random = new Random(spec.seed());
        int d = spec.d();
        INDArray Q = spec.rotated() ? Matrices.randomOrthogonal(d, random) : Nd4j.eye(d).castTo(DataType.DOUBLE);
        double[] lambda = MatrixFactorization.plantedSpectrum(d, spec.kappa());
        for (int i = 0; i < d; i++) {
            lambda[i] *= spec.kappa();                           // λ_min = 1, λ_max = κ
        }
        INDArray Lambda = Q.mmul(Matrices.diag(lambda)).mmul(Q.transpose());
        Lambda = Lambda.add(Lambda.transpose()).muli(0.5);     // exactly symmetric
        INDArray C = Q.mmul(Matrices.diag(Transforms.sqrt(Nd4j.createFromArray(lambda)).toDoubleVector()));
        return new IclProblem(spec, lambda, Lambda, C, new Random(spec.seed() * 31 + 11));
    }

    /** @return new parameters: {@code "Gamma"} = 0 (d, d) */
    public Map<String, INDArray> initialParams() {
        Map<String, INDArray> params = new LinkedHashMap<>();
        params.put("Gamma", Nd4j.zeros(DataType.DOUBLE, spec.d(), spec.d()));
        return params;
    }

    /** @return the minimizer of {@link #loss}: Λ⁻¹ for the population, Γ*_N otherwise (d, d) */
    public INDArray optimum() {
        return LinearAttentionIcl.optimalGamma(Lambda, spec.population() ? Integer.MAX_VALUE : spec.contextN());
    }

    @Override
    public double loss(Map<String, INDArray> params) {
        INDArray Gamma = params.get("Gamma");
        return spec.population() ? LinearAttentionIcl.populationLoss(Gamma, Lambda)
                : LinearAttentionIcl.finiteContextLoss(Gamma, Lambda, spec.contextN());
    }

    @Override
    public Map<String, INDArray> gradient(Map<String, INDArray> params) {
        INDArray Gamma = params.get("Gamma");
        INDArray grad = spec.population() ? LinearAttentionIcl.populationGradient(Gamma, Lambda)
                : LinearAttentionIcl.batchGradient(Gamma,
                        PromptBatch.sample(C, spec.contextN(), spec.batchSize(), random));
        Map<String, INDArray> grads = new LinkedHashMap<>();
        grads.put("Gamma", grad);
        return grads;
    }

    /**
     * The relative parameter error ‖Γ − Γ*‖_F / ‖Γ*‖_F, the κ-free measure in which Muon's decoupled
     * scalar sequences γ_i ← γ_i + η_t sign(1/λ_i − γ_i) all converge alike.
     *
     * @param params the current parameters. Not modified.
     * @return the relative error (1 at Γ = 0)
     */
    public double relativeError(Map<String, INDArray> params) {
        INDArray star = optimum();
        return params.get("Gamma").sub(star).norm2Number().doubleValue() / star.norm2Number().doubleValue();
    }

    /**
     * The spectral view in which the dynamics decouple: for each eigenvector q_i of Λ, λ_i · q_iᵀ Γ q_i,
     * which is 1 at Γ = Λ⁻¹ (the mode has been learned) and 0 at the start.
     *
     * @param params the current parameters. Not modified.
     * @return d values, largest λ first
     */
    public double[] modeProgress(Map<String, INDArray> params) {
        INDArray projected = C.transpose().mmul(params.get("Gamma")).mmul(C);   // (d, d) = diag(√λ) Qᵀ Γ Q diag(√λ)
        double[] progress = new double[spec.d()];
        for (int i = 0; i < progress.length; i++) {
            progress[i] = projected.getDouble(i, i);                          // λ_i q_iᵀ Γ q_i
        }
        return progress;
    }
}
