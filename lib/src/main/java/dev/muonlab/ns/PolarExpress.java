package dev.muonlab.ns;

import java.util.ArrayList;
import java.util.List;

/**
 * Polar Express schedules (Amsel, Persson, Musco, Gower, arXiv 2505.16932): per step, the odd
 * polynomial of degree d that is minimax-optimal for approximating 1 on the current interval
 * [ℓ_t, u_t] of singular values. Theorem 4.1: choosing greedily is optimal for the composition;
 * after step t, ℓ_{t+1} = p_t(ℓ_t) and u_{t+1} = 2 − ℓ_{t+1}.
 *
 * <p>Stabilizations from the paper (§4 and its Algorithm 1 / App. G code): the "cushion" (if
 * ℓ_t &lt; cushion·u_t the polynomial is designed on [cushion·u_t, u_t] and then rescaled so that
 * p(ℓ_t) + p(u_t) = 2, i.e. recentred around 1 on the true interval) and the safety factor
 * x ↦ p(x / s), s = 1.01, that keeps bf16 rounding from pushing singular values above the
 * converging range.
 */
public final class PolarExpress {

    /** The published d = 5, ℓ = 1e−3 table without the safety factor (Polar Express Algorithm 1). */
    public static final double[][] PUBLISHED_RAW = {
            {8.28721201814563, -23.595886519098837, 17.300387312530933},
            {4.107059111542203, -2.9478499167379106, 0.5448431082926601},
            {3.9486908534822946, -2.908902115962949, 0.5518191394370137},
            {3.3184196573706015, -2.488488024314874, 0.51004894012372},
            {2.300652019954817, -1.6689039845747493, 0.4188073119525673},
            {1.891301407787398, -1.2679958271945868, 0.37680408948524835},
            {1.8750014808534479, -1.2500016453999487, 0.3750001645474248},
            {1.875, -1.25, 0.375}};

    /** The paper's safety factor. */
    public static final double SAFETY = 1.01;
    /**
     * The cushion ratio of the paper's code (App. G, {@code optimal_composition}):
     * design on [0.02407…·u, u] when ℓ is below it. references.md §5 paraphrases the rule as
     * "u/10"; only this value reproduces the published table (see PolarExpressTest).
     */
    public static final double CUSHION = 0.02407327424182761;

    /** Interval width below which the Taylor limit replaces Remez. */
    static final double NARROW = 1e-6;

    private PolarExpress() {
    }

    /**
     * @return the published table as used by the paper's code: every polynomial but the last
     * divided by the safety factor (a/1.01, b/1.01³, c/1.01⁵), 8 steps; {@link Schedule#withSteps}
     * repeats the last, (1.875, −1.25, 0.375), beyond 8
     */
    public static Schedule published() {
        List<OddPolynomial> steps = new ArrayList<>();
        for (int t = 0; t < PUBLISHED_RAW.length; t++) {
            OddPolynomial p = new OddPolynomial(PUBLISHED_RAW[t]);
            steps.add(t < PUBLISHED_RAW.length - 1 ? p.scaledInput(SAFETY) : p);
        }
        return new Schedule("polar-express×8", steps);
    }

    /**
     * The greedy minimax composition (Polar Express §4, Theorem 4.1) with the cushion and the
     * recentring; the safety factor, if not 1, is applied to each polynomial before ℓ is advanced.
     *
     * @param degree  d ∈ {3, 5, 7} (odd, ≥ 3)
     * @param lower   ℓ₀ ∈ (0, 1): the smallest singular value to be lifted (1e−3 for bf16)
     * @param steps   q ≥ 1
     * @param safety  s ≥ 1 (1 for none)
     * @param cushion ratio in (0, 1) ({@link #CUSHION})
     */
    public static Schedule generate(int degree, double lower, int steps, double safety, double cushion) {
        if (degree < 3 || degree % 2 == 0) {
            throw new IllegalArgumentException("degree must be odd and at least 3, got " + degree);
        }
        if (!(lower > 0 && lower < 1)) {
            throw new IllegalArgumentException("ℓ must be in (0, 1), got " + lower);
        }
        if (steps < 1 || !(safety >= 1) || !(cushion > 0 && cushion < 1)) {
            throw new IllegalArgumentException("need steps ≥ 1, safety ≥ 1, cushion in (0, 1)");
        }
        double l = lower;
        double u = 1;
        List<OddPolynomial> out = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            double design = Math.max(l, cushion * u);
            // On a vanishing interval around 1 the minimax polynomial tends to the one with the
            // highest contact with 1 at σ = 1, the Taylor polynomial p_κ (Kim & Oh Def. 2), which is
            // also the paper's "(1.875, -1.25, 0.375) forever" row; Remez is ill-posed there.
            OddPolynomial p;
            double top;
            if (u - design < NARROW) {
                p = TaylorFamily.polynomial((degree - 1) / 2);
                top = Math.max(p.apply(u), p.apply(design));
            } else {
                Remez.Minimax mm = Remez.minimax(degree, design, u);
                p = mm.polynomial();
                top = 1 + mm.error(); // the maximum of p on [design, u]
            }
            // Recentre around 1 on the true interval: scale so that min + max = 2, the minimum being
            // p(ℓ) (p increases below the cushion). For d = 5 the maximum is p(u) and this is the
            // paper's 2 / (p(ℓ) + p(u)); for d = 3, 7 the maximum is interior.
            double[] c = p.coefficients();
            double recentre = 2 / (p.apply(l) + top);
            for (int j = 0; j < c.length; j++) {
                c[j] *= recentre;
            }
            p = new OddPolynomial(c);
            if (safety != 1) {
                p = p.scaledInput(safety);
            }
            out.add(p);
            l = p.apply(l);
            u = 2 - l;
        }
        return new Schedule(String.format(java.util.Locale.ROOT, "polar-express d=%d ℓ=%.0e×%d", degree, lower, steps), out);
    }

    /** @return {@link #generate} with the paper's safety factor 1.01 and the §5 cushion */
    public static Schedule generate(int degree, double lower, int steps) {
        return generate(degree, lower, steps, SAFETY, CUSHION);
    }

    /**
     * The closed-form degree-3 minimax polynomial on [ℓ, u] (references.md §5):
     * p(x) = β·p_NS(αx), p_NS(x) = 1.5x − 0.5x³, α = sqrt(3/(u² + ℓu + ℓ²)),
     * β = 4/(2 + ℓu(ℓ + u)α³).
     */
    public static OddPolynomial cubicClosedForm(double l, double u) {
        double alpha = Math.sqrt(3 / (u * u + l * u + l * l));
        double beta = 4 / (2 + l * u * (l + u) * alpha * alpha * alpha);
        return OddPolynomial.of(1.5 * beta * alpha, -0.5 * beta * alpha * alpha * alpha);
    }
}
