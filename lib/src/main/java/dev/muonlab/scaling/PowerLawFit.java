package dev.muonlab.scaling;

import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;

/**
 * Least-squares fits of {@link PowerLaw}s to (C, L) points, usually a {@link ComputeFrontier}.
 *
 * <p>{@link #pure}: L = a·C^b by ordinary least squares of log L on log C (a straight line on
 * log-log axes, as Moonlight's Fig. 1 and Table 3 fits are drawn; Liu et al. 2025, arXiv 2502.16982).
 * It minimizes relative (log-space) errors.
 *
 * <p>{@link #withFloor}: L = E + a·C^b, minimizing the squared loss error Σ(L_i − E − a·C_i^b)².
 * Method: (1) profile over E on a grid of 200 values in [0, min L): for each E, a and b from the
 * log-log fit of L − E, scored by the loss-space sum of squares; (2) Levenberg-Marquardt (Apache
 * Commons Math 3.6.1) in (E, a, b) from the best grid point; the LM answer is kept when its sum of
 * squares is not larger. C is divided by its geometric mean inside the fit (conditioning) and the
 * coefficient converted back: a = a'·C₀^(−b).
 */
public final class PowerLawFit {

    /** E values tried in the profile step. */
    static final int FLOOR_GRID = 200;

    private PowerLawFit() {
    }

    /**
     * @param c compute values, &gt; 0, at least two distinct. Not modified.
     * @param l losses, &gt; 0, same length. Not modified.
     * @return a·C^b from log-log least squares
     */
    public static PowerLaw pure(double[] c, double[] l) {
        check(c, l, 2);
        double[] x = new double[c.length];
        double[] y = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            x[i] = Math.log(c[i]);
            y[i] = Math.log(l[i]);
        }
        double[] line = line(x, y);
        return PowerLaw.pure(Math.exp(line[0]), line[1]);
    }

    /**
     * @param c compute values, &gt; 0, at least three distinct. Not modified.
     * @param l losses, same length. Not modified.
     * @return E + a·C^b with 0 ≤ E &lt; min L, minimizing the loss-space sum of squares (see the class note)
     */
    public static PowerLaw withFloor(double[] c, double[] l) {
        check(c, l, 3);
        double c0 = geometricMean(c);
        double[] cs = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            cs[i] = c[i] / c0;
        }
        double minL = Double.POSITIVE_INFINITY;
        for (double v : l) {
            minL = Math.min(minL, v);
        }
        PowerLaw best = null;
        double bestSse = Double.POSITIVE_INFINITY;
        for (int j = 0; j < FLOOR_GRID; j++) {
            double e = minL * j / FLOOR_GRID;
            double[] shifted = new double[l.length];
            for (int i = 0; i < l.length; i++) {
                shifted[i] = l[i] - e;
            }
            PowerLaw p = pure(cs, shifted);
            PowerLaw withE = new PowerLaw(e, p.a(), p.b());
            double sse = sse(withE, cs, l);
            if (sse < bestSse) {
                bestSse = sse;
                best = withE;
            }
        }
        PowerLaw polished = levenbergMarquardt(best, cs, l);
        PowerLaw scaled = polished != null && sse(polished, cs, l) <= bestSse ? polished : best;
        return new PowerLaw(scaled.e(), scaled.a() * Math.pow(c0, -scaled.b()), scaled.b());
    }

    /** @return Σ (L_i − law(C_i))²; c and l are not modified */
    public static double sse(PowerLaw law, double[] c, double[] l) {
        double s = 0;
        for (int i = 0; i < c.length; i++) {
            double r = l[i] - law.loss(c[i]);
            s += r * r;
        }
        return s;
    }

    /** @return the LM optimum of Σ(L − E − a·C^b)² from {@code start}, or null when it fails or leaves a &gt; 0 */
    private static PowerLaw levenbergMarquardt(PowerLaw start, double[] c, double[] l) {
        LeastSquaresBuilder problem = new LeastSquaresBuilder()
                .start(new double[] {start.e(), start.a(), start.b()})
                .target(l)
                .maxEvaluations(10_000)
                .maxIterations(10_000)
                .model(point -> {
                    double e = point.getEntry(0);
                    double a = point.getEntry(1);
                    double b = point.getEntry(2);
                    double[] value = new double[c.length];
                    double[][] jacobian = new double[c.length][3];
                    for (int i = 0; i < c.length; i++) {
                        double cb = Math.pow(c[i], b);
                        value[i] = e + a * cb;
                        jacobian[i] = new double[] {1, cb, a * cb * Math.log(c[i])};   // ∂/∂E, ∂/∂a, ∂/∂b
                    }
                    return new Pair<RealVector, org.apache.commons.math3.linear.RealMatrix>(
                            new ArrayRealVector(value, false), new Array2DRowRealMatrix(jacobian, false));
                });
        try {
            LeastSquaresOptimizer.Optimum o = new LevenbergMarquardtOptimizer().optimize(problem.build());
            RealVector p = o.getPoint();
            return p.getEntry(1) > 0 && Double.isFinite(p.getEntry(2)) ? new PowerLaw(p.getEntry(0), p.getEntry(1), p.getEntry(2)) : null;
        } catch (RuntimeException e) {                  // too many iterations, singular steps: keep the grid answer
            return null;
        }
    }

    /** @return {intercept, slope} of the least-squares line y = intercept + slope·x */
    static double[] line(double[] x, double[] y) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= x.length;
        my /= x.length;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        double slope = sxy / sxx;
        return new double[] {my - slope * mx, slope};
    }

    private static double geometricMean(double[] c) {
        double s = 0;
        for (double v : c) {
            s += Math.log(v);
        }
        return Math.exp(s / c.length);
    }

    private static void check(double[] c, double[] l, int distinct) {
        if (c.length != l.length) {
            throw new IllegalArgumentException("power-law fit: " + c.length + " computes, " + l.length + " losses");
        }
        long n = java.util.Arrays.stream(c).distinct().count();
        if (n < distinct) {
            throw new IllegalArgumentException("power-law fit: needs " + distinct + " distinct compute values, got " + n);
        }
        for (int i = 0; i < c.length; i++) {
            if (!(c[i] > 0) || !(l[i] > 0)) {
                throw new IllegalArgumentException("power-law fit: compute and loss must be > 0, point " + i
                        + " is (" + c[i] + ", " + l[i] + ")");
            }
        }
    }
}
