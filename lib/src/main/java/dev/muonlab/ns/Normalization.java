package dev.muonlab.ns;

import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The pre-normalization X₀ = G / divisor that puts every singular value into [0, 1] (or near it)
 * before Newton-Schulz runs: the polynomials only converge there.
 *
 * @param kind  which rule
 * <p>The optax {@code preconditioning} choices map to: {@code 'frobenius'} → FROBENIUS,
 * {@code 'spectral'} → SPECTRAL, {@code 'schatten'} → SCHATTEN4, {@code 'aol'} → AOL
 * (google-deepmind/optax {@code contrib/_muon.py}; the names as listed in studies-notes.md).
 *
 * @param kind  which rule
 * @param param its parameter: eps for FROBENIUS, TORCH and SCHATTEN4, the factor for SAFETY, the number of
 *              power iterations for SPECTRAL, the floor under each row sum for AOL, unused for NONE
 */
public record Normalization(Kind kind, double param) {

    /** The rules. */
    public enum Kind {
        /** ‖G‖_F + eps: Keller Jordan's muon.py (eps = 1e−7). */
        FROBENIUS,
        /** max(‖G‖_F, eps): torch.optim.Muon (eps = 1e−7). */
        TORCH,
        /** ‖G‖_F · f + 1e−7: Polar Express (f = 1.01) and modded-nanogpt (f = 1.02). */
        SAFETY,
        /** an estimate of ‖G‖_op by power iteration on GᵀG (exact in the limit; may undershoot slightly). */
        SPECTRAL,
        /** no scaling: the caller guarantees ‖G‖_op ≤ 1. */
        NONE,
        /**
         * the Schatten-4 norm ‖G‖_S4 = (Σσᵢ⁴)^¼ = ‖G Gᵀ‖_F^½ (+ eps): σ_max ≤ ‖G‖_S4 ≤ ‖G‖_F, so it
         * puts σ_max in (0, 1] like Frobenius while dividing by less (the small singular values start
         * larger); one extra Gram product on the short side.
         */
        SCHATTEN4,
        /**
         * not a scalar: Turbo-Muon's AOL row rescaling X₀ = D·X, D = diag((Σⱼ|XXᵀ|ᵢⱼ)^−½) on the wide
         * orientation ({@link AolPrescale}). Changes the polar factor: the result is polar(D·G), not polar(G).
         */
        AOL
    }

    /** Keller Jordan's eps, also torch.optim.Muon's default. */
    public static final double KELLER_EPS = 1e-7;

    public Normalization {
        if (kind == null) {
            throw new IllegalArgumentException("normalization kind is null");
        }
        if (kind != Kind.NONE && !(param > 0) && kind != Kind.FROBENIUS) {
            throw new IllegalArgumentException(kind + " normalization needs a positive parameter, got " + param);
        }
    }

    /** @return ‖G‖_F + 1e−7 (Keller Jordan) */
    public static Normalization keller() {
        return new Normalization(Kind.FROBENIUS, KELLER_EPS);
    }

    /** @return max(‖G‖_F, 1e−7) (torch.optim.Muon) */
    public static Normalization torch() {
        return new Normalization(Kind.TORCH, KELLER_EPS);
    }

    /** @return ‖G‖_F · factor + 1e−7 (Polar Express: 1.01) */
    public static Normalization safety(double factor) {
        return new Normalization(Kind.SAFETY, factor);
    }

    /** @return power-iteration estimate of ‖G‖_op (30 iterations) */
    public static Normalization spectral() {
        return new Normalization(Kind.SPECTRAL, 30);
    }

    /** @return no scaling */
    public static Normalization none() {
        return new Normalization(Kind.NONE, 0);
    }

    /** @return ‖G Gᵀ‖_F^½ + 1e−7 (Schatten-4, optax {@code preconditioning='schatten'}) */
    public static Normalization schatten4() {
        return new Normalization(Kind.SCHATTEN4, KELLER_EPS);
    }

    /** @return Turbo-Muon's AOL row rescaling ({@link AolPrescale}), row sums floored at 1e−7 */
    public static Normalization aol() {
        return new Normalization(Kind.AOL, KELLER_EPS);
    }

    /** Parses {@code frobenius}, {@code torch}, {@code safety:F}, {@code spectral}, {@code schatten4}, {@code aol}, {@code none}. */
    public static Normalization parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("safety:")) {
            try {
                return safety(Double.parseDouble(t.substring(7)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad safety factor in '" + text + "'");
            }
        }
        return switch (t) {
            case "frobenius", "keller" -> keller();
            case "torch" -> torch();
            case "safety" -> safety(1.01);
            case "spectral" -> spectral();
            case "none" -> none();
            case "schatten", "schatten4", "schatten-4" -> schatten4();
            case "aol" -> aol();
            default -> throw new IllegalArgumentException("unknown normalization '" + text
                    + "': expected frobenius, torch, safety:F, spectral, schatten4, aol or none");
        };
    }

    /**
     * The divisor for G, computed in double from G's values; in bf16 each intermediate result is
     * rounded to bfloat16 as PyTorch's {@code X / (X.norm() + 1e-7)} on a bf16 tensor does.
     *
     * @param G the (m, n) input; not modified
     * @return the divisor (positive; 1 for NONE; for an all-zero G, eps, or 1 where eps is 0)
     */
    public double divisor(INDArray G, Precision precision) {
        boolean bf = precision == Precision.BF16;
        return switch (kind) {
            case NONE -> 1.0;
            case FROBENIUS -> {
                double f = round(frobenius(G), bf);
                double d = round(f + param, bf);
                yield d > 0 ? d : 1.0;
            }
            case TORCH -> Math.max(round(frobenius(G), bf), param);
            case SAFETY -> round(round(frobenius(G) * param, bf) + KELLER_EPS, bf);
            case SPECTRAL -> {
                double s = round(spectralEstimate(G, (int) param), bf);
                yield s > 0 ? s : 1.0;
            }
            case SCHATTEN4 -> {
                double s = round(round(schatten4(G), bf) + param, bf);
                yield s > 0 ? s : 1.0;
            }
            case AOL -> throw new IllegalStateException("AOL is a row rescaling, not a divisor: use AolPrescale");
        };
    }

    /** @return whether the divisor needs G itself (not only ‖G‖_F), or no divisor exists (AOL) */
    public boolean needsMatrix() {
        return kind == Kind.SPECTRAL || kind == Kind.SCHATTEN4 || kind == Kind.AOL;
    }

    /**
     * @return ‖G‖_S4 = (Σσᵢ⁴)^¼ = ‖A‖_F^½ with A = G Gᵀ on the short side, in double. G: (m, n), not modified.
     */
    public static double schatten4(INDArray G) {
        INDArray D = G.castTo(DataType.DOUBLE);
        INDArray A = D.rows() <= D.columns() ? D.mmul(D.transpose()) : D.transpose().mmul(D); // (min, min)
        return Math.sqrt(A.norm2Number().doubleValue());
    }

    /**
     * The divisor from a known ‖G‖_F, for every kind but SPECTRAL (same rounding as {@link #divisor}).
     *
     * @throws IllegalStateException for SPECTRAL, which needs G itself
     */
    public double divisorFromFrobenius(double frobenius, Precision precision) {
        boolean bf = precision == Precision.BF16;
        return switch (kind) {
            case NONE -> 1.0;
            case FROBENIUS -> {
                double d = round(round(frobenius, bf) + param, bf);
                yield d > 0 ? d : 1.0;
            }
            case TORCH -> Math.max(round(frobenius, bf), param);
            case SAFETY -> round(round(frobenius * param, bf) + KELLER_EPS, bf);
            case SPECTRAL, SCHATTEN4, AOL -> throw new IllegalStateException(kind + " needs the matrix itself");
        };
    }

    /** @return ‖G‖_F accumulated in double. G: not modified. */
    public static double frobenius(INDArray G) {
        return G.castTo(DataType.DOUBLE).norm2Number().doubleValue();
    }

    /** @return the power-iteration estimate of σ_max(G) after the given iterations, deterministic start. G: not modified. */
    public static double spectralEstimate(INDArray G, int iterations) {
        INDArray D = G.castTo(DataType.DOUBLE);
        java.util.Random random = new java.util.Random(42); // fixed start: deterministic estimates
        double[] start = new double[(int) D.columns()];
        for (int i = 0; i < start.length; i++) {
            start[i] = 1 + random.nextGaussian();
        }
        INDArray v = Nd4j.createFromArray(start).reshape(start.length, 1);
        double sigma = 0;
        for (int i = 0; i < iterations; i++) {
            INDArray w = D.mmul(v);            // (m, 1)
            INDArray z = D.transpose().mmul(w); // (n, 1)
            double nz = z.norm2Number().doubleValue();
            if (nz == 0) {
                return 0;
            }
            sigma = Math.sqrt(nz / v.norm2Number().doubleValue());
            v = z.divi(nz);
        }
        return sigma;
    }

    private static double round(double x, boolean bf) {
        return bf ? Bf16.round(x) : x;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case FROBENIUS -> "frobenius(+" + param + ")";
            case TORCH -> "torch(max " + param + ")";
            case SAFETY -> "safety:" + param;
            case SPECTRAL -> "spectral(" + (int) param + " it)";
            case NONE -> "none";
            case SCHATTEN4 -> "schatten4(+" + param + ")";
            case AOL -> "aol";
        };
    }
}
