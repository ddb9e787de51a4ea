package dev.muonlab.ns;

/**
 * Remez exchange for the odd polynomial p(x) = Σ_{j=0}^{k} c_j x^{2j+1} of degree d = 2k + 1 that
 * minimizes max_{x∈[ℓ,u]} |1 − p(x)| (Polar Express, arXiv 2505.16932, §4.3 and Algorithm 3).
 *
 * <p>By the equioscillation theorem the optimum touches error ±E alternately at k + 2 points
 * ℓ = x₀ &lt; x₁ &lt; … &lt; x_{k+1} = u, the interior ones being the critical points of p. Each
 * iteration solves the (k+2)×(k+2) linear system p(x_i) + (−1)^i E = 1 for (c, E) and moves the
 * interior points to the roots of p' (found by bracketing on a geometric grid in y = x², then
 * bisection), until they stop moving.
 */
public final class Remez {

    private static final int MAX_ITERATIONS = 200;
    private static final int GRID = 4000;

    private Remez() {
    }

    /**
     * A minimax solution: the polynomial and its equioscillation error E, so p ranges over
     * [1 − E, 1 + E] on the interval.
     */
    public record Minimax(OddPolynomial polynomial, double error) {
    }

    /** @return the minimax odd polynomial of the given degree approximating 1 on [l, u], 0 &lt; l &lt; u */
    public static OddPolynomial minimaxOdd(int degree, double l, double u) {
        return minimax(degree, l, u).polynomial();
    }

    /** @return the minimax odd polynomial of the given degree on [l, u] with its error E */
    public static Minimax minimax(int degree, double l, double u) {
        if (!(l > 0 && u > l)) {
            throw new IllegalArgumentException("need 0 < l < u, got [" + l + ", " + u + "]");
        }
        int k = (degree - 1) / 2;
        double[] x = new double[k + 2];
        for (int i = 0; i < x.length; i++) { // Chebyshev extrema on [l, u]
            x[i] = (l + u) / 2 - (u - l) / 2 * Math.cos(Math.PI * i / (k + 1));
        }
        double[] c = null;
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            c = solveReference(x, k);
            double[] y = criticalPoints(c, l, u, k);
            if (y == null) {
                break; // degenerate: keep the last solution
            }
            double move = 0;
            for (int i = 1; i <= k; i++) {
                move = Math.max(move, Math.abs(y[i - 1] - x[i]));
                x[i] = y[i - 1];
            }
            if (move <= 1e-15 * u) {
                c = solveReference(x, k);
                break;
            }
        }
        double[] coeffs = new double[k + 1];
        System.arraycopy(c, 0, coeffs, 0, k + 1);
        return new Minimax(new OddPolynomial(coeffs), Math.abs(c[k + 1]));
    }

    /**
     * Solves p(x_i) + (−1)^i E = 1, i = 0..k+1, for (c_0..c_k, E). To stay well conditioned when
     * the interval is narrow (late Polar Express steps have [ℓ, u] ≈ [1 − 1e−4, 1 + 1e−4]) it
     * solves for h(λ) = p(x)/x in the shifted basis τ = (λ − λ₀)/w, λ = x², then expands back into
     * monomials. x: not modified.
     */
    private static double[] solveReference(double[] x, int k) {
        int n = k + 2;
        double lo = x[0] * x[0];
        double hi = x[n - 1] * x[n - 1];
        double mid = 0.5 * (lo + hi);
        double w = 0.5 * (hi - lo);
        double[][] M = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            double tau = (x[i] * x[i] - mid) / w;
            double pw = x[i];
            for (int j = 0; j <= k; j++) {
                M[i][j] = pw;
                pw *= tau;
            }
            M[i][k + 1] = (i % 2 == 0) ? 1 : -1;
            M[i][n] = 1;
        }
        double[] d = gauss(M);
        double[] c = new double[n];
        for (int j = 0; j <= k; j++) { // d_j ((λ − mid)/w)^j = d_j w^−j Σ_i binom(j, i) λ^i (−mid)^{j−i}
            double scale = d[j] / Math.pow(w, j);
            double binom = 1;
            for (int i = 0; i <= j; i++) {
                c[i] += scale * binom * Math.pow(-mid, j - i);
                binom = binom * (j - i) / (i + 1);
            }
        }
        c[k + 1] = d[k + 1];
        return c;
    }

    /** @return the k roots of p'(x) in (l, u), ascending, or null if not exactly k were found */
    private static double[] criticalPoints(double[] c, double l, double u, int k) {
        double[] roots = new double[k];
        int found = 0;
        double ratio = Math.pow(u / l, 1.0 / GRID);
        double prevX = l;
        double prevV = derivative(c, k, l);
        for (int g = 1; g <= GRID && found < k; g++) {
            double xg = g == GRID ? u : l * Math.pow(ratio, g);
            double v = derivative(c, k, xg);
            if (prevV == 0 || Math.signum(v) != Math.signum(prevV)) {
                roots[found++] = bisect(c, k, prevX, xg);
            }
            prevX = xg;
            prevV = v;
        }
        return found == k ? roots : null;
    }

    private static double bisect(double[] c, int k, double a, double b) {
        double fa = derivative(c, k, a);
        for (int i = 0; i < 200 && b - a > 1e-17; i++) {
            double mid = 0.5 * (a + b);
            double fm = derivative(c, k, mid);
            if (fm == 0) {
                return mid;
            }
            if (Math.signum(fm) == Math.signum(fa)) {
                a = mid;
                fa = fm;
            } else {
                b = mid;
            }
        }
        return 0.5 * (a + b);
    }

    private static double derivative(double[] c, int k, double x) {
        double s2 = x * x;
        double acc = 0;
        for (int j = k; j >= 0; j--) {
            acc = acc * s2 + (2 * j + 1) * c[j];
        }
        return acc;
    }

    /** Gaussian elimination with partial pivoting on the augmented n×(n+1) matrix M (modified). */
    static double[] gauss(double[][] M) {
        int n = M.length;
        for (int col = 0; col < n; col++) {
            int piv = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(M[r][col]) > Math.abs(M[piv][col])) {
                    piv = r;
                }
            }
            double[] t = M[col];
            M[col] = M[piv];
            M[piv] = t;
            for (int r = col + 1; r < n; r++) {
                double f = M[r][col] / M[col][col];
                for (int j = col; j <= n; j++) {
                    M[r][j] -= f * M[col][j];
                }
            }
        }
        double[] sol = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = M[r][n];
            for (int j = r + 1; j < n; j++) {
                s -= M[r][j] * sol[j];
            }
            sol[r] = s / M[r][r];
        }
        return sol;
    }
}
