package dev.muonlab.experiments.mf;

import dev.muonlab.experiments.Method;
import java.util.List;

/**
 * The matrix-factorization κ sweep: one problem shape, several condition numbers, several methods.
 * Which values come from where is stated in notebook 02; in short, the problem (¼‖UUᵀ − M*‖²_F,
 * exact/over-parameterized, small random init) is the standard one of Parviz et al. (PMLR 334, 2026);
 * κ ∈ {1, 10, 100, 1000} is the grid; sizes, ε and every step-size rule are Muon Lab's choices.
 *
 * @param d              size of M* (d × d)
 * @param r              its rank
 * @param k              factor width (k = r exact, k &gt; r over-parameterized)
 * @param kappas         condition numbers λ₁/λ_r to sweep (λ₁ = 1)
 * @param symmetric      ¼‖UUᵀ − M*‖² (true) or ½‖UVᵀ − M*‖² (false)
 * @param rotated        M*'s singular vectors random (true) or the coordinate axes (false)
 * @param init           small random or aligned start
 * @param initScale      α: the size of the start
 * @param seed           seed of the problem and the start (shared by every κ and method)
 * @param methods        the methods to compare
 * @param maxIterations  budget per run (GD at large κ is cut off here and reported as not reached)
 * @param epsilon        target loss for "iterations to ε"
 * @param gdStepFraction GD's step as a fraction of the stability limit 1/λ₁
 * @param muonLr         η₀ of both Muons (first step's spectral norm)
 * @param muonDecay      ρ of both Muons: η_t = η₀ρᵗ
 * @param adamLr         η₀ of Adam
 * @param adamDecay      ρ of Adam
 * @param nsMomentum     practical Muon's momentum β
 * @param nsSteps        practical Muon's Newton-Schulz steps
 */
public record MfStudyConfig(int d, int r, int k, List<Double> kappas, boolean symmetric, boolean rotated,
                            MfSpec.Init init, double initScale, long seed, List<Method> methods,
                            int maxIterations, double epsilon, double gdStepFraction, double muonLr,
                            double muonDecay, double adamLr, double adamDecay, double nsMomentum, int nsSteps) {

    public MfStudyConfig {
        kappas = List.copyOf(kappas);
        methods = List.copyOf(methods);
        new MfSpec(d, r, k, 1, symmetric, rotated, init, initScale, seed); // validates the shape
    }

    /** The notebook's full run: d = 30, r = k = 5, κ ∈ {1, 10, 100, 1000}, all four methods. */
    public static MfStudyConfig paper() {
        return new MfStudyConfig(30, 5, 5, List.of(1.0, 10.0, 100.0, 1000.0), true, true, MfSpec.Init.SMALL_RANDOM,
                1e-3, 1, List.of(Method.values()), 30_000, 1e-12, 0.8, 0.2, 0.9, 0.01, 0.995, 0.5, 5);
    }

    /** A small, fast version for tests and smoke runs: d = 12, r = k = 4, GD cut off at 2,000 iterations. */
    public static MfStudyConfig smoke() {
        return new MfStudyConfig(12, 4, 4, List.of(1.0, 10.0, 100.0, 1000.0), true, true, MfSpec.Init.SMALL_RANDOM,
                1e-3, 1, List.of(Method.values()), 2_000, 1e-12, 0.8, 0.2, 0.9, 0.01, 0.995, 0.5, 5);
    }

    public MfStudyConfig withMethods(List<Method> v) { return new MfStudyConfig(d, r, k, kappas, symmetric, rotated, init, initScale, seed, v, maxIterations, epsilon, gdStepFraction, muonLr, muonDecay, adamLr, adamDecay, nsMomentum, nsSteps); }
    public MfStudyConfig withKappas(List<Double> v) { return new MfStudyConfig(d, r, k, v, symmetric, rotated, init, initScale, seed, methods, maxIterations, epsilon, gdStepFraction, muonLr, muonDecay, adamLr, adamDecay, nsMomentum, nsSteps); }
    public MfStudyConfig withShape(int newD, int newR, int newK) { return new MfStudyConfig(newD, newR, newK, kappas, symmetric, rotated, init, initScale, seed, methods, maxIterations, epsilon, gdStepFraction, muonLr, muonDecay, adamLr, adamDecay, nsMomentum, nsSteps); }
    public MfStudyConfig withSymmetric(boolean v) { return new MfStudyConfig(d, r, k, kappas, v, rotated, init, initScale, seed, methods, maxIterations, epsilon, gdStepFraction, muonLr, muonDecay, adamLr, adamDecay, nsMomentum, nsSteps); }
    public MfStudyConfig withRotated(boolean v) { return new MfStudyConfig(d, r, k, kappas, symmetric, v, init, initScale, seed, methods, maxIterations, epsilon, gdStepFraction, muonLr, muonDecay, adamLr, adamDecay, nsMomentum, nsSteps); }
    public MfStudyConfig withInit(MfSpec.Init v, double scale) { return new MfStudyConfig(d, r, k, kappas, symmetric, rotated, v, scale, seed, methods, maxIterations, epsilon, gdStepFraction, muonLr, muonDecay, adamLr, adamDecay, nsMomentum, nsSteps); }
    public MfStudyConfig withMaxIterations(int v) { return new MfStudyConfig(d, r, k, kappas, symmetric, rotated, init, initScale, seed, methods, v, epsilon, gdStepFraction, muonLr, muonDecay, adamLr, adamDecay, nsMomentum, nsSteps); }

    /** @return the problem instance at condition number κ */
    public MfSpec spec(double kappa) {
        return new MfSpec(d, r, k, kappa, symmetric, rotated, init, initScale, seed);
    }

    /** @return the setup as a table (setting, value, source), for the notebook */
    public tech.tablesaw.api.Table setupTable() {
        String parviz = "Parviz et al. 2026 (standard MF form)";
        String ours = "Muon Lab's choice";
        return new dev.muonlab.experiments.SetupTable()
                .row("problem", symmetric ? "¼‖UUᵀ − M*‖²_F" : "½‖UVᵀ − M*‖²_F", parviz)
                .row("d, rank r, width k", d + ", " + r + ", " + k + (k == r ? " (exact)" : " (over-parameterized)"), ours)
                .row("spectrum of M*", "log-uniform from λ₁ = 1 to 1/κ", ours)
                .row("singular vectors of M*", rotated ? "random rotation" : "coordinate axes", ours)
                .row("condition numbers κ", kappas, "issue grid; Ma et al. sweep κ (values unconfirmed)")
                .row("initialization", init + ", scale " + initScale, parviz + " (small random)")
                .row("target ε (loss)", epsilon, ours + ": below ¼λ_r² = " + String.format("%.1e", 0.25 / (kappas.stream().mapToDouble(x -> x).max().orElse(1) * kappas.stream().mapToDouble(x -> x).max().orElse(1))) + " so every mode must be fit")
                .row("simplified Muon", "exact polar (SVD), no momentum, η_t = " + muonLr + "·" + muonDecay + "ᵗ", "Ma et al. abstract (variant); step rule: " + ours)
                .row("GD step", gdStepFraction + "/λ₁ (1/λ₁ is the stability limit)", ours + " (grid: 1.0/λ₁ oscillates)")
                .row("Adam", "β = (0.9, 0.999), ε = 1e-16, η_t = " + adamLr + "·" + adamDecay + "ᵗ", ours)
                .row("practical Muon", "EMA momentum " + nsMomentum + ", " + nsSteps + " NS steps of p₂ (fp64), same η_t", "Kim & Oh p₂; rest " + ours)
                .row("iteration budget", maxIterations, ours)
                .row("seed", seed, ours)
                .table();
    }
}
