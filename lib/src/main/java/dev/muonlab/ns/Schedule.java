package dev.muonlab.ns;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A per-step coefficient schedule: the odd polynomial applied at each Newton-Schulz step, in order.
 * The named schedules are the families of references.md §5, each with its source.
 *
 * @param name  a short label for charts and reports (e.g. "keller×5")
 * @param steps the polynomials, first step first; at least one; copied
 */
public record Schedule(String name, List<OddPolynomial> steps) {

    /** Keller Jordan's tuned quintic (a, b, c) = (3.4445, −4.7750, 2.0315): maximizes the slope at 0
     *  subject to the limit staying in about [0.7, 1.3] (KellerJordan/Muon muon.py; blog). */
    public static final OddPolynomial KELLER = OddPolynomial.of(3.4445, -4.7750, 2.0315);
    /** Classic cubic Newton-Schulz 1.5σ − 0.5σ³ (Kim &amp; Oh κ = 1; Polar Express eq. 2). */
    public static final OddPolynomial CUBIC = OddPolynomial.of(1.5, -0.5);
    /** Keller Jordan's baseline quintic (2, −1.5, 0.5): φ(1) = 1, φ'(1) = 0 (blog). */
    public static final OddPolynomial QUINTIC = OddPolynomial.of(2, -1.5, 0.5);

    public Schedule {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a schedule needs a name");
        }
        if (steps == null || steps.isEmpty()) {
            throw new IllegalArgumentException("schedule '" + name + "' has no steps");
        }
        steps = List.copyOf(steps);
    }

    /** @return the schedule applying p q times */
    public static Schedule repeat(String name, OddPolynomial p, int q) {
        requirePositive(q);
        return new Schedule(name, Collections.nCopies(q, p));
    }

    /** @return Keller Jordan's quintic repeated q times (Muon's default is q = 5) */
    public static Schedule keller(int q) {
        return repeat("keller×" + q, KELLER, q);
    }

    /** @return the classic cubic 1.5σ − 0.5σ³ repeated q times */
    public static Schedule cubic(int q) {
        return repeat("cubic×" + q, CUBIC, q);
    }

    /** @return Keller Jordan's baseline quintic (2, −1.5, 0.5) repeated q times */
    public static Schedule quintic(int q) {
        return repeat("quintic×" + q, QUINTIC, q);
    }

    /** @return Kim &amp; Oh's Taylor polynomial p_κ (degree 2κ+1) repeated q times; see {@link TaylorFamily} */
    public static Schedule taylor(int kappa, int q) {
        return repeat("taylor κ=" + kappa + "×" + q, TaylorFamily.polynomial(kappa), q);
    }

    /**
     * You Jiacheng's 6-step schedule (coefficients / 1024), from code copies citing
     * twitter.com/YouJiacheng/status/1893704552689303901 (references.md §5).
     */
    public static Schedule you() {
        double[][] t = {{3955, -8306, 5008}, {3735, -6681, 3463}, {3799, -6499, 3211},
                {4019, -6385, 2906}, {2677, -3029, 1162}, {2172, -1833, 682}};
        List<OddPolynomial> steps = new ArrayList<>();
        for (double[] r : t) {
            steps.add(OddPolynomial.of(r[0] / 1024, r[1] / 1024, r[2] / 1024));
        }
        return new Schedule("you×6", steps);
    }

    /**
     * Dion's five quintic triples (microsoft/dion {@code zeropower_via_newtonschulz5}; the same table is
     * modded-nanogpt's {@code train_gpt_medium.py} and NVIDIA Emerging-Optimizers' {@code "quintic"}; the
     * issue calls it optax's {@code 'dion'} preset, which the optax {@code contrib/_muon.py} read here
     * (@039ec0c) does not have yet); tuned per step after You Jiacheng and Cesista,
     * leloykun.github.io/ponder/muon-opt-coeffs). Used with ‖G‖_F + 1e−7 and no safety factor.
     */
    public static Schedule dion() {
        return triples("dion×5", new double[][] {{4.0848, -6.8946, 2.9270}, {3.9505, -6.3029, 2.6377},
                {3.7418, -5.5913, 2.3037}, {2.8769, -3.1427, 1.2046}, {2.8366, -3.0525, 1.2012}});
    }

    /**
     * Turbo-Muon's 4-step table, meant after AOL pre-scaling ({@link Normalization#aol()}):
     * NVIDIA Emerging-Optimizers {@code muon_utils.py} {@code "aol"} @0001f6e, which cites
     * thib-s/flash-newton-schulz {@code newton_schulz_triton.py}. No safety factor.
     */
    public static Schedule aol() {
        return triples("aol×4", new double[][] {{4.0098, -7.0585, 2.4635}, {3.4585, -5.5479, 2.5959},
                {2.7573, -3.2939, 1.4254}, {2.7215, -3.0494, 1.3169}});
    }

    private static Schedule triples(String name, double[][] t) {
        List<OddPolynomial> steps = new ArrayList<>();
        for (double[] r : t) {
            steps.add(OddPolynomial.of(r[0], r[1], r[2]));
        }
        return new Schedule(name, steps);
    }

    /** @return custom per-step coefficients (a₁, a₃, …) per row */
    public static Schedule custom(double[][] coefficients) {
        List<OddPolynomial> steps = new ArrayList<>();
        for (double[] row : coefficients) {
            steps.add(new OddPolynomial(row));
        }
        return new Schedule("custom×" + steps.size(), steps);
    }

    /**
     * @return this schedule with exactly q steps: truncated, or extended by repeating its last
     * polynomial (how the Polar Express code extends its table: "subsequent coeffs equal this")
     */
    public Schedule withSteps(int q) {
        requirePositive(q);
        if (q == steps.size()) {
            return this;
        }
        List<OddPolynomial> s = new ArrayList<>(steps.subList(0, Math.min(q, steps.size())));
        while (s.size() < q) {
            s.add(steps.get(steps.size() - 1));
        }
        String base = name.contains("×") ? name.substring(0, name.lastIndexOf('×')) : name;
        return new Schedule(base + "×" + q, s);
    }

    /** @return the number of steps q */
    public int size() {
        return steps.size();
    }

    /** @return the composite scalar map p_q ∘ … ∘ p_1(σ) */
    public double apply(double sigma) {
        double x = sigma;
        for (OddPolynomial p : steps) {
            x = p.apply(x);
        }
        return x;
    }

    /** @return the total number of matrix products (Σ over steps of k + 1) */
    public int matrixProducts() {
        return steps.stream().mapToInt(OddPolynomial::matrixProducts).sum();
    }

    /** @return the schedule with every coefficient rounded to bfloat16 (what a bf16 run really applies) */
    public Schedule roundedToBf16() {
        return new Schedule(name, steps.stream().map(OddPolynomial::roundedToBf16).toList());
    }

    private static void requirePositive(int q) {
        if (q < 1) {
            throw new IllegalArgumentException("a schedule needs at least one step, got " + q);
        }
    }
}
