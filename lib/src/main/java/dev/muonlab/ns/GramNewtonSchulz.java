package dev.muonlab.ns;

import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gram Newton-Schulz (Dao-AILab/gram-newton-schulz, README and {@code gram_newton_schulz.py} @7d2dc81;
 * also in microsoft/dion and DeepSpeed): the same iteration as {@link NewtonSchulzOrthogonalizer}, run
 * on the small (m, m) Gram matrix instead of the (m, n) iterate.
 *
 * <p>Why it is the same: write each step's odd polynomial as p(σ) = σ·q(σ²) with
 * q(s) = a₁ + a₃s + … + a_{2k+1}s^k. On the wide orientation X (m, n), m ≤ n, one NS step is
 * X' = q(R)·X with R = X Xᵀ; then R' = X' X'ᵀ = q(R)·R·q(R) (q(R) is symmetric and commutes with R).
 * Every factor is a polynomial in the same R₀, so after t steps X_t = Q_t·X₀ with
 * Q_t = q_t(R_{t−1})·…·q_1(R₀), and only m×m products are needed until the final X_q = Q_q·X₀:
 * <pre>
 *   R = X₀ X₀ᵀ                        2m²n   FLOPs
 *   per step:  P = q(R)  (Horner)     2(k−1)m³
 *              Q = Q·P                2m³   (not on the first step after a (re)start)
 *              R = P·R·P              4m³   (not before a restart or after the last step)
 *   at a restart:  X = Q X, R = X Xᵀ  4m²n
 *   at the end:    X = Q X            2m²n
 * </pre>
 * against 4m²n + 2(k−1)m³ per step for plain NS ({@link #plainFlops}; both counted with full GEMMs,
 * 2 FLOPs per multiply-add), so it pays off when n ≫ m. Restarts: in low precision R drifts away from
 * X Xᵀ (R is squared each step); the reference restarts once, before step 2 (0-based), which this class
 * takes as its default. In fp32/fp64 on CPU the drift is small and the tests bound it.
 *
 * <p>Runs in the config's precision (FP32 or FP64; BF16 is refused: the CPU's emulated bf16 path is
 * {@link Bf16NewtonSchulz}): on the CPU backend each product is one host-BLAS call ({@code GramNsKernel});
 * elsewhere, or when switched off, ND4J ops. Pre-normalization as {@link NsConfig#normalization()}.
 */
public final class GramNewtonSchulz implements Orthogonalizer {

    /** The reference's default: restart before the (0-based) step 2. */
    public static final int[] DEFAULT_RESTARTS = {2};

    private static volatile boolean hostBlasEnabled = true;

    private final NsConfig config;
    private final int[] restarts;
    private final ThreadLocal<java.util.List<GramNsKernel>> kernels = ThreadLocal.withInitial(java.util.ArrayList::new);

    /** This thread's kernel for a shape (at most 16 shapes kept, oldest dropped). */
    private GramNsKernel kernelFor(DataType type, long rows, long cols) {
        java.util.List<GramNsKernel> mine = kernels.get();
        for (GramNsKernel k : mine) {
            if (k.fits(type, rows, cols)) {
                return k;
            }
        }
        if (mine.size() == 16) {
            mine.remove(0);
        }
        GramNsKernel k = new GramNsKernel(type, rows, cols);
        mine.add(k);
        return k;
    }

    /**
     * Sets whether the host-BLAS path ({@code GramNsKernel}) may be used on the CPU backend; off, the ND4J-op
     * path runs (what other backends always run). Modifies: a process-wide switch.
     *
     * @return the previous setting
     */
    public static boolean setHostBlasEnabled(boolean enabled) {
        boolean before = hostBlasEnabled;
        hostBlasEnabled = enabled;
        return before;
    }

    /**
     * @param config   schedule, pre-normalization, precision (FP32 or FP64)
     * @param restarts 0-based step indices before which X = Q·X and R = X Xᵀ are recomputed; copied
     */
    public GramNewtonSchulz(NsConfig config, int... restarts) {
        if (config == null) {
            throw new IllegalArgumentException("config is null");
        }
        if (config.precision() == Precision.BF16) {
            throw new IllegalArgumentException("Gram Newton-Schulz runs in fp32 or fp64 here, not bf16");
        }
        this.config = config;
        this.restarts = restarts.clone();
    }

    /** @return Gram NS with the config and the reference's default restart before step 2 */
    public static GramNewtonSchulz of(NsConfig config) {
        return new GramNewtonSchulz(config, DEFAULT_RESTARTS);
    }

    /** @return the configuration */
    public NsConfig config() {
        return config;
    }

    /**
     * @param G (m, n) matrix, FLOAT or DOUBLE; not modified
     * @return a new (m, n) array of G's data type ≈ U Vᵀ; zeros for an all-zero G
     */
    @Override
    public INDArray orthogonalize(INDArray G) {
        MatrixChecks.requireMatrixShape(G, "input");
        DataType work = config.precision().storageType();
        Normalization norm = config.normalization();
        List<OddPolynomial> steps = config.schedule().steps();
        if (hostBlasEnabled && Nd4j.getEnvironment().isCPU()) {              // no ND4J op on this path but AOL's
            INDArray input = NewtonSchulz.denseCopyIfNeeded(G, work);
            double fro = Blas.frobenius(input);
            if (!Double.isFinite(fro)) {
                MatrixChecks.requireFiniteMatrix(G, "input");
                throw new IllegalArgumentException("input is too large to normalize: ‖G‖_F overflows");
            }
            if (fro == 0) {
                return Nd4j.zeros(G.dataType(), G.rows(), G.columns());
            }
            double divisor = 1;
            if (norm.kind() == Normalization.Kind.AOL) {
                input = AolPrescale.apply(input, norm.param());
            } else {
                divisor = norm.needsMatrix() ? norm.divisor(input, config.precision())
                        : norm.divisorFromFrobenius(fro, config.precision());
            }
            boolean[] restart = new boolean[steps.size() + 1];
            for (int r : restarts) {
                if (r > 0 && r < steps.size()) {
                    restart[r] = true;
                }
            }
            INDArray out = kernelFor(work, input.rows(), input.columns()).run(input, divisor, steps, restart);
            return out.dataType() == G.dataType() ? out : out.castTo(G.dataType());
        }
        MatrixChecks.requireFiniteMatrix(G, "input");
        boolean tall = G.rows() > G.columns();
        INDArray X = (tall ? G.transpose() : G).castTo(work).dup('c');          // (m, n), m ≤ n
        if (X.norm2Number().doubleValue() == 0) {
            return Nd4j.zeros(G.dataType(), G.rows(), G.columns());
        }
        if (norm.kind() == Normalization.Kind.AOL) {
            X = AolPrescale.apply(X, norm.param());
        } else {
            X.divi(norm.divisor(X, config.precision()));
        }
        int m = (int) X.rows();
        INDArray R = X.mmul(X.transpose());                                      // (m, m)
        INDArray Q = null;                                                       // (m, m)
        for (int i = 0; i < steps.size(); i++) {
            if (i != 0 && isRestart(i)) {
                X = Q.mmul(X);                                                   // (m, n)
                R = X.mmul(X.transpose());
                Q = null;
            }
            INDArray P = gramPolynomial(steps.get(i), R);                        // (m, m) = q_i(R)
            Q = Q == null ? P : Q.mmul(P);
            if (i < steps.size() - 1 && !isRestart(i + 1)) {
                R = P.mmul(R).mmul(P);
            }
        }
        X = Q.mmul(X);                                                           // (m, n)
        INDArray out = tall ? X.transpose().dup('c') : X;
        return out.dataType() == G.dataType() ? out : out.castTo(G.dataType());
    }

    private boolean isRestart(int step) {
        for (int r : restarts) {
            if (r == step) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param p an odd polynomial p(σ) = a₁σ + a₃σ³ + … + a_{2k+1}σ^{2k+1}
     * @param R (m, m) symmetric; not modified
     * @return a new (m, m) array q(R) = a₁I + a₃R + … + a_{2k+1}R^k (Horner)
     */
    static INDArray gramPolynomial(OddPolynomial p, INDArray R) {
        double[] a = p.coefficients();
        int k = a.length - 1;
        INDArray I = Nd4j.eye(R.rows()).castTo(R.dataType());
        INDArray M = R.mul(a[k]);
        for (int j = k - 1; j >= 1; j--) {
            M = R.mmul(M).addi(R.mul(a[j]));     // M ← R·M + a_{2j+1}·R   (builds R·(a₃ + a₅R + …))
        }
        return k == 0 ? I.mul(a[0]) : M.addi(I.muli(a[0]));
    }

    /**
     * @return the FLOPs (2 per multiply-add, full GEMMs) of Gram NS on an (rows, cols) input with these
     *         per-step degrees and restarts, as tabulated in the class comment
     */
    public static double gramFlops(long rows, long cols, Schedule schedule, int... restarts) {
        double m = Math.min(rows, cols);
        double n = Math.max(rows, cols);
        int q = schedule.size();
        boolean[] restart = new boolean[q + 1];
        for (int r : restarts) {
            if (r > 0 && r < q) {
                restart[r] = true;
            }
        }
        double f = 2 * m * m * n;                                       // R₀
        for (int i = 0; i < q; i++) {
            int k = schedule.steps().get(i).coefficients().length - 1;
            if (i > 0 && restart[i]) {
                f += 4 * m * m * n;                                      // X = Q X, R = X Xᵀ
            }
            f += 2.0 * Math.max(0, k - 1) * m * m * m;                   // q(R) by Horner
            if (i > 0 && !restart[i]) {
                f += 2 * m * m * m;                                      // Q·P
            }
            if (i < q - 1 && !restart[i + 1]) {
                f += 4 * m * m * m;                                      // P·R·P
            }
        }
        return f + 2 * m * m * n;                                        // X = Q X₀
    }

    /** @return the FLOPs of plain NS, Σ over steps of 4m²n + 2(k−1)m³ (full GEMMs, as {@link NsOps}) */
    public static double plainFlops(long rows, long cols, Schedule schedule) {
        double m = Math.min(rows, cols);
        double n = Math.max(rows, cols);
        double f = 0;
        for (OddPolynomial p : schedule.steps()) {
            int k = p.coefficients().length - 1;
            f += 4 * m * m * n + 2.0 * Math.max(0, k - 1) * m * m * m;
        }
        return f;
    }

    @Override
    public String toString() {
        return "GramNewtonSchulz[" + config.schedule().name() + ", " + config.normalization() + ", "
                + config.precision() + ", restarts " + Arrays.toString(restarts) + "]";
    }
}
