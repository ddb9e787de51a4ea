package dev.muonlab.experiments.icl;

import dev.muonlab.experiments.Method;
import java.util.List;

/**
 * The in-context regression κ sweep on the population loss L(Γ) = ½ tr(Λ(ΓΛ − I)(ΓΛ − I)ᵀ).
 * The model and loss are the standard reduction (Zhang, Frei, Bartlett 2024; Ahn et al. 2023) that
 * references.md §1.2 gives for Ma et al.'s second case study (unconfirmed, abstract only); sizes,
 * the metric and step-size rules are Muon Lab's choices, stated in notebook 03.
 *
 * @param d              input dimension
 * @param kappas         condition numbers λ_max/λ_min of Λ (λ_min = 1)
 * @param rotated        Λ = Q diag(λ) Qᵀ with a random rotation (true) or diagonal Λ (false)
 * @param seed           seed of the rotation
 * @param methods        the methods to compare
 * @param maxIterations  budget per run (GD needs ~κ³ iterations and is cut off here)
 * @param epsilon        target of the relative error ‖Γ − Λ⁻¹‖_F / ‖Λ⁻¹‖_F
 * @param gdStepFraction GD's step as a fraction of the optimal constant step 2/(λ_max³ + λ_min³)
 * @param muonLr         η₀ of both Muons
 * @param muonDecay      ρ of both Muons
 * @param adamLr         η₀ of Adam
 * @param adamDecay      ρ of Adam
 * @param nsMomentum     practical Muon's momentum β
 * @param nsSteps        practical Muon's Newton-Schulz steps
 */
public record IclStudyConfig(int d, List<Double> kappas, boolean rotated, long seed, List<Method> methods,
                             int maxIterations, double epsilon, double gdStepFraction, double muonLr, double muonDecay,
                             double adamLr, double adamDecay, double nsMomentum, int nsSteps) {

    public IclStudyConfig {
        kappas = List.copyOf(kappas);
        methods = List.copyOf(methods);
        new IclSpec(d, 1, rotated, 0, 0, seed);
    }

    /** The notebook's full run: d = 10, κ ∈ {1, 10, 100, 1000}, rotated Λ, all four methods. */
    public static IclStudyConfig paper() {
        return new IclStudyConfig(10, List.of(1.0, 10.0, 100.0, 1000.0), true, 1, List.of(Method.values()),
                20_000, 1e-6, 1.0, 0.3, 0.85, 0.01, 0.995, 0.5, 5);
    }

    /** A small, fast version for tests and smoke runs: d = 6, GD cut off at 2,000 iterations. */
    public static IclStudyConfig smoke() {
        return new IclStudyConfig(6, List.of(1.0, 10.0, 100.0, 1000.0), true, 1, List.of(Method.values()),
                2_000, 1e-6, 1.0, 0.3, 0.85, 0.01, 0.995, 0.5, 5);
    }

    public IclStudyConfig withRotated(boolean v) { return new IclStudyConfig(d, kappas, v, seed, methods, maxIterations, epsilon, gdStepFraction, muonLr, muonDecay, adamLr, adamDecay, nsMomentum, nsSteps); }
    public IclStudyConfig withMethods(List<Method> v) { return new IclStudyConfig(d, kappas, rotated, seed, v, maxIterations, epsilon, gdStepFraction, muonLr, muonDecay, adamLr, adamDecay, nsMomentum, nsSteps); }
    public IclStudyConfig withKappas(List<Double> v) { return new IclStudyConfig(d, v, rotated, seed, methods, maxIterations, epsilon, gdStepFraction, muonLr, muonDecay, adamLr, adamDecay, nsMomentum, nsSteps); }
    public IclStudyConfig withMaxIterations(int v) { return new IclStudyConfig(d, kappas, rotated, seed, methods, v, epsilon, gdStepFraction, muonLr, muonDecay, adamLr, adamDecay, nsMomentum, nsSteps); }

    /** @return the population problem at condition number κ */
    public IclSpec spec(double kappa) {
        return new IclSpec(d, kappa, rotated, 0, 0, seed);
    }

    /** @return GD's step at κ: gdStepFraction · 2/(λ_max³ + λ_min³), λ_min = 1 (the Hessian's extreme eigenvalues are λ³) */
    public double gdLr(double kappa) {
        return gdStepFraction * 2 / (kappa * kappa * kappa + 1);
    }

    /** @return the setup as a table (setting, value, source), for the notebook */
    public tech.tablesaw.api.Table setupTable() {
        String std = "Zhang–Frei–Bartlett 2024 / Ahn et al. 2023 (standard; unconfirmed for Ma et al.)";
        String ours = "Muon Lab's choice";
        return new dev.muonlab.experiments.SetupTable()
                .row("prompt", "x ~ N(0, Λ), y = wᵀx, w ~ N(0, I_d)", std)
                .row("model", "ŷ = x_qᵀ Γ (1/N) Σ y_i x_i, Γ₀ = 0", std)
                .row("loss", "L(Γ) = ½ tr(Λ(ΓΛ − I)(ΓΛ − I)ᵀ) (N → ∞)", std)
                .row("d", d, ours)
                .row("spectrum of Λ", "log-uniform from κ down to λ_min = 1", ours)
                .row("Λ", rotated ? "rotated: Q diag(λ) Qᵀ, random Q" : "diagonal", "issue (rotated exposes Adam)")
                .row("condition numbers κ", kappas, "issue grid")
                .row("metric, target ε", "‖Γ − Λ⁻¹‖_F/‖Λ⁻¹‖_F ≤ " + epsilon, ours)
                .row("simplified Muon", "exact polar, no momentum, η_t = " + muonLr + "·" + muonDecay + "ᵗ", "Ma et al. abstract (variant); step rule: " + ours)
                .row("GD step", gdStepFraction + " × 2/(λ_max³ + λ_min³) (optimal constant step)", "derived: Hessian eigenvalues λ_iλ_j²")
                .row("Adam", "β = (0.9, 0.999), ε = 1e-16, η_t = " + adamLr + "·" + adamDecay + "ᵗ", ours)
                .row("practical Muon", "EMA momentum " + nsMomentum + ", " + nsSteps + " NS steps of p₂ (fp64), same η_t", "Kim & Oh p₂; rest " + ours)
                .row("iteration budget", maxIterations, ours)
                .table();
    }
}
