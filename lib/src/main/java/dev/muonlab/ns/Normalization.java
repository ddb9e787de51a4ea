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
 * @param param its parameter: eps for FROBENIUS and TORCH, the factor for SAFETY, the number of
 *              power iterations for SPECTRAL, unused for NONE
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
        NONE
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

    /** Parses {@code frobenius}, {@code torch}, {@code safety:F}, {@code spectral}, {@code none}. */
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
            default -> throw new IllegalArgumentException("unknown normalization '" + text
                    + "': expected frobenius, torch, safety:F, spectral or none");
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
        };
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
            case SPECTRAL -> throw new IllegalStateException("the spectral estimate needs the matrix");
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
        };
    }
}
