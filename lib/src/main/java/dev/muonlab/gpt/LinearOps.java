package dev.muonlab.gpt;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code nn.Linear} with the weight stored (out, in): y = x Wᵀ + b, and its backward pass, as BLAS
 * gemm calls (no copies of W). Outputs are allocated row-major ('c') and passed to gemm: ND4J's
 * allocating {@code gemm} returns a column-major result, which made every later reshape copy and
 * doubled the cost of the call.
 */
public final class LinearOps {

    private LinearOps() {
    }

    /**
     * @param x input (N, in). Not modified.
     * @param W weight (out, in). Not modified.
     * @param b bias (out) or null. Not modified.
     * @return y = x Wᵀ + b, a new (N, out) array
     */
    public static INDArray forward(INDArray x, INDArray W, INDArray b) {
        INDArray y = Nd4j.createUninitialized(x.dataType(), new long[]{x.size(0), W.size(0)}, 'c'); // (N, out)
        HeadGemm.matmul(x, W, y, false, true, 1.0, 0.0);
        if (b != null) {
            y.addiRowVector(b);
        }
        return y;
    }

    /**
     * Backward of y = x Wᵀ + b.
     *
     * @param dy         upstream gradient (N, out). Not modified.
     * @param x          the forward input (N, in). Not modified.
     * @param W          weight (out, in). Not modified.
     * @param dW         gradient buffer (out, in). Modified: set to dyᵀ x, or incremented by it when {@code accumulate}.
     * @param db         bias gradient (out) or null. Modified: set to Σₙ dy.
     * @param accumulate add into dW instead of overwriting it (for a tied weight)
     * @return dx = dy W, a new (N, in) array
     */
    public static INDArray backward(INDArray dy, INDArray x, INDArray W, INDArray dW, INDArray db, boolean accumulate) {
        HeadGemm.matmul(dy, x, dW, true, false, 1.0, accumulate ? 1.0 : 0.0);   // (out, N)(N, in)
        if (db != null && HostKernels.applies(dy, db)) {
            HostKernels.columnSums(dy, db);                                // ND4J's sum(0): 0.95 ms at (768, 512)
        } else if (db != null) {
            db.assign(dy.sum(0));
        }
        INDArray dx = Nd4j.createUninitialized(dy.dataType(), new long[]{dy.size(0), W.size(1)}, 'c'); // (N, in)
        return HeadGemm.matmul(dy, W, dx, false, false, 1.0, 0.0);        // (N, out)(out, in)
    }
}
