package dev.muonlab.scaling;

/**
 * A compute scaling law L(C) = E + a·C^b: loss L (nats) against training compute C (any fixed unit;
 * Moonlight uses PFLOP/s-days). E = 0 is the pure power law a·C^b that Moonlight fits
 * (Liu et al. 2025, arXiv 2502.16982, Table 3: Muon 2.506·C^−0.052, AdamW 2.608·C^−0.054);
 * E &gt; 0 is the irreducible-loss form of Hoffmann et al. 2022 (Chinchilla, Eq. 2) in C alone.
 *
 * @param e the loss floor E, in nats; 0 for a pure power law
 * @param a the coefficient, &gt; 0, in nats per unit^b
 * @param b the exponent, &lt; 0 for a loss that falls with compute
 */
public record PowerLaw(double e, double a, double b) {

    public PowerLaw {
        if (!(a > 0) || !Double.isFinite(b) || !Double.isFinite(e)) {
            throw new IllegalArgumentException("power law: need a > 0 and finite b, E; got E " + e + ", a " + a + ", b " + b);
        }
    }

    /** @return the pure power law a·C^b */
    public static PowerLaw pure(double a, double b) {
        return new PowerLaw(0, a, b);
    }

    /** @return L(C) = E + a·C^b, in nats; C &gt; 0 */
    public double loss(double c) {
        return e + a * Math.pow(c, b);
    }

    /**
     * The compute that reaches loss L: C = ((L − E)/a)^(1/b).
     *
     * @return C &gt; 0, or NaN when L ≤ E (the law never reaches it)
     */
    public double computeAt(double loss) {
        return loss > e ? Math.pow((loss - e) / a, 1 / b) : Double.NaN;
    }

    @Override
    public String toString() {
        return e == 0 ? String.format("%.4g·C^%.4g", a, b) : String.format("%.4g + %.4g·C^%.4g", e, a, b);
    }
}
