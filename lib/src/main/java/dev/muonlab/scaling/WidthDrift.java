package dev.muonlab.scaling;

/**
 * The error model behind telescoping search (Essential AI, Shah et al. 2025, arXiv 2505.02222, §4,
 * Eq. 4 and 5; Muon Lab's references §4.4): under muP the optimum x*(n) of a hyper-parameter (in log
 * units, e.g. log₂ lr) at width n approaches its infinite-width value as
 * x*(n) = x* − α/n + O(1/n²) (Eq. 4), and a grid of spacing h finds it up to the grid error ε
 * (Eq. 5: x̂*(n) ≈ x*(n) + ε, with |ε| ≤ h/2 for the grid point nearest the optimum).
 *
 * <p>Why the grid may shrink: from n to 2n the optimum moves by α/n − α/(2n) = α/(2n), half as far as
 * at the previous doubling, so a window around the previous optimum that halves at each doubling keeps
 * holding it (k = 2 halves the points per hyper-parameter: 4^(−1/2) = 1/2).
 */
public final class WidthDrift {

    private WidthDrift() {
    }

    /** @return x*(n) = x* − α/n (Eq. 4 without the O(1/n²) term) */
    public static double optimumAt(double xInfinity, double alpha, double width) {
        return xInfinity - alpha / width;
    }

    /** @return x*(2n) − x*(n) = α/(2n): the optimum's move over one doubling from width n */
    public static double driftOverDoubling(double alpha, double width) {
        return alpha / (2 * width);
    }

    /** @return the largest grid error of the grid point nearest the optimum: h/2 (Eq. 5) */
    public static double gridError(double spacing) {
        return spacing / 2;
    }

    /**
     * Whether a stage's window is sure to hold the mesh point nearest the new optimum, when the
     * previous stage found the mesh point nearest its optimum (within h/2): the new optimum lies within
     * h/2 + |α|/(2n) of the centre, and the m points with their half-cells cover m·h/2 on each side,
     * so it suffices that |α|/n ≤ (m − 1)·h.
     *
     * @param alpha         α of Eq. 4, in log units × width
     * @param previousWidth n, the width of the previous stage (the new one is 2n)
     * @param spacing       h
     * @param points        m, this stage's points per hyper-parameter
     */
    public static boolean windowHolds(double alpha, double previousWidth, double spacing, int points) {
        return Math.abs(alpha) / previousWidth <= (points - 1) * spacing;
    }

    /**
     * Fits Eq. 4 to the optima found at several widths: x = x* − α·(1/n) is a straight line in 1/n
     * (ordinary least squares; two widths give the exact solution x* = (n₂x₂ − n₁x₁)/(n₂ − n₁),
     * α = (x₂ − x₁)·n₁n₂/(n₂ − n₁)).
     *
     * @param widths at least two distinct widths. Not modified.
     * @param optima the optimum found at each. Not modified.
     * @return {x*, α}
     */
    public static double[] fit(double[] widths, double[] optima) {
        double[] inverse = new double[widths.length];
        for (int i = 0; i < widths.length; i++) {
            inverse[i] = 1 / widths[i];
        }
        double[] line = PowerLawFit.line(inverse, optima);          // x = intercept + slope·(1/n)
        return new double[] {line[0], -line[1]};
    }
}
