package dev.muonlab.schedule;

/**
 * Geometric decay: multiplier(t) = ρᵗ, so the learning rate is η_t = η₀ ρᵗ.
 *
 * <p>Why it exists: a step of simplified Muon (exact polar factor, no momentum) has spectral norm
 * exactly η, so with a constant η the iterates only reach a band of width ≈ η around the solution;
 * linear convergence needs a step that shrinks geometrically (references.md §1.2, the scalar
 * recursion s_i ← s_i − η_t sign(s_i² − λ_i)). The total distance it can travel is η₀ / (1 − ρ).
 * Added by the case-studies branch (Muon Lab's choice of rule; the rule in Ma et al. is unconfirmed).
 *
 * @param rho the decay factor per step, in (0, 1]
 */
public record GeometricSchedule(double rho) implements LrSchedule {

    public GeometricSchedule {
        if (!(rho > 0 && rho <= 1)) {
            throw new IllegalArgumentException("geometric schedule: rho must be in (0, 1], got " + rho);
        }
    }

    @Override
    public double multiplier(long step) {
        return Math.pow(rho, step);
    }
}
