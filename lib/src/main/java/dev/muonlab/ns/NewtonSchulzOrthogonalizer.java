package dev.muonlab.ns;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A Newton-Schulz {@link Orthogonalizer} for one {@link NsConfig}. It keeps one preallocated
 * kernel per input shape and thread (a model has a handful of weight shapes), so repeated calls
 * allocate only their result, and calls from different threads run in parallel on their own
 * buffers (a trainer's worker threads orthogonalize different parameters at once). The buffers are
 * allocated outside any ND4J workspace, since they outlive the call.
 *
 * <p>The kernel calls the host's BLAS on ND4J's buffers, which is right on the CPU backend only. On
 * any other backend (CUDA) the same iteration runs as ND4J ops ({@link NsOps}), on the device.
 */
public final class NewtonSchulzOrthogonalizer implements Orthogonalizer {

    private static final int MAX_CACHED_SHAPES = 16;

    private static volatile boolean hostBlasEnabled = true;

    private final NsConfig config;
    private final ThreadLocal<List<NsKernel>> kernels = ThreadLocal.withInitial(ArrayList::new);

    public NewtonSchulzOrthogonalizer(NsConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("config is null");
        }
        this.config = config;
    }

    /**
     * Sets whether the host-BLAS kernel may be used on the CPU backend (tests compare it with the ND4J-op
     * path, which other backends always take). Modifies: a process-wide switch.
     *
     * @return the previous setting
     */
    public static boolean setHostBlasEnabled(boolean enabled) {
        boolean before = hostBlasEnabled;
        hostBlasEnabled = enabled;
        return before;
    }

    /** @return whether this call takes the host-BLAS kernel: CPU backend and not switched off */
    private static boolean hostBlas() {
        return hostBlasEnabled && Nd4j.getEnvironment().isCPU();
    }

    /** @return the configuration */
    public NsConfig config() {
        return config;
    }

    /**
     * @param G (m, n) matrix, FLOAT or DOUBLE; not modified
     * @return a new (m, n) array of G's data type ≈ U Vᵀ; zeros for an all-zero G
     * @throws IllegalArgumentException if G is not 2-D, is empty, or has NaN or infinite entries
     */
    @Override
    public INDArray orthogonalize(INDArray G) {
        MatrixChecks.requireMatrixShape(G, "input");
        DataType work = config.precision().storageType();
        INDArray input = NewtonSchulz.denseCopyIfNeeded(G, work);
        boolean host = hostBlas();
        double fro = host ? Blas.frobenius(input)     // one BLAS pass: the norm, and NaN/∞ detection
                : input.norm2Number().doubleValue();
        if (!Double.isFinite(fro)) {
            MatrixChecks.requireFiniteMatrix(G, "input"); // names the problem
            throw new IllegalArgumentException("input is too large to normalize: ‖G‖_F overflows");
        }
        if (fro == 0) {
            return Nd4j.zeros(G.dataType(), G.rows(), G.columns());
        }
        Normalization norm = config.normalization();
        if (norm.kind() == Normalization.Kind.AOL) {             // a row rescaling, then no divisor
            input = AolPrescale.apply(input, norm.param());
            norm = Normalization.none();
        }
        INDArray out;
        if (config.precision() == Precision.BF16) {
            out = Bf16NewtonSchulz.run(input, norm, config.schedule());
        } else {
            double divisor = norm.needsMatrix()
                    ? norm.divisor(input, config.precision())
                    : norm.divisorFromFrobenius(fro, config.precision());
            out = host ? kernelFor(work, G.rows(), G.columns()).run(input, divisor, config.schedule().steps())
                    : NsOps.run(input, divisor, config.schedule().steps());
        }
        return out.dataType() == G.dataType() ? out : out.castTo(G.dataType());
    }

    /** This thread's preallocated fp32/fp64 kernel for a shape. */
    private NsKernel kernelFor(DataType type, long rows, long cols) {
        List<NsKernel> mine = kernels.get();
        for (NsKernel k : mine) {
            if (k.fits(type, rows, cols)) {
                return k;
            }
        }
        if (mine.size() == MAX_CACHED_SHAPES) {
            mine.remove(0);
        }
        NsKernel k = new NsKernel(type, rows, cols);
        mine.add(k);
        return k;
    }

    @Override
    public String toString() {
        return "NewtonSchulz[" + config.schedule().name() + ", " + config.normalization() + ", " + config.precision() + "]";
    }
}
