package dev.muonlab.gpt;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Layer normalization over the last dimension (Ba, Kiros, Hinton 2016), as PyTorch's
 * {@code F.layer_norm(x, (C,), weight, bias, eps=1e-5)} used by nanoGPT's {@code LayerNorm}:
 * y = (x − μ)/√(σ² + ε) · g + b with the biased variance σ².
 *
 * <p>On the CPU, fp32 runs as one fused pass per row ({@link HostKernels}); these ND4J ops are the
 * reference and the path for other backends and fp64.
 *
 * <p>Backward (standard derivation, e.g. llm.c {@code layernorm_backward}): with x̂ the normalized
 * input and d = dy·g, dx = rstd · (d − mean(d) − x̂ · mean(d·x̂)), dg = Σₙ dy·x̂, db = Σₙ dy.
 */
public final class LayerNormOps {

    /** PyTorch's default ε. */
    public static final double EPS = 1e-5;

    /** What the backward pass needs: x̂ (N, C) and 1/√(σ²+ε) (N, 1). */
    public record Cache(INDArray xhat, INDArray rstd) {
    }

    private LayerNormOps() {
    }

    /**
     * @param x input (N, C). Not modified.
     * @param g gain (C). Not modified.
     * @param b bias (C) or null. Not modified.
     * @param cache receives x̂ and rstd; index 0 is set. Modified.
     * @return y, a new (N, C) array
     */
    public static INDArray forward(INDArray x, INDArray g, INDArray b, Cache[] cache) {
        if (HostKernels.applies(x, g, b)) {
            return HostKernels.layerNormForward(x, g, b, cache);
        }
        INDArray mean = x.mean(true, 1);                          // (N, 1)
        INDArray xc = x.subColumnVector(mean);                    // (N, C)
        INDArray var = xc.mul(xc).mean(true, 1);                  // (N, 1)
        INDArray rstd = Transforms.pow(var.addi(EPS), -0.5, false); // (N, 1)
        INDArray xhat = xc.muliColumnVector(rstd);                // (N, C)
        INDArray y = xhat.mulRowVector(g);                        // (N, C)
        if (b != null) {
            y.addiRowVector(b);
        }
        cache[0] = new Cache(xhat, rstd);
        return y;
    }

    /**
     * @param dy upstream gradient (N, C). Not modified.
     * @param g  gain (C). Not modified.
     * @param dg gain gradient (C). Modified: set.
     * @param db bias gradient (C) or null. Modified: set.
     * @return dx, a new (N, C) array
     */
    public static INDArray backward(INDArray dy, INDArray g, Cache cache, INDArray dg, INDArray db) {
        if (HostKernels.applies(dy, g, cache.xhat(), cache.rstd(), dg, db)) {
            return HostKernels.layerNormBackward(dy, g, cache, dg, db);
        }
        INDArray xhat = cache.xhat();
        dg.assign(dy.mul(xhat).sum(0));
        if (db != null) {
            db.assign(dy.sum(0));
        }
        INDArray d = dy.mulRowVector(g);                          // (N, C)
        INDArray meanD = d.mean(true, 1);                         // (N, 1)
        INDArray meanDx = d.mul(xhat).mean(true, 1);              // (N, 1)
        return d.subiColumnVector(meanD)
                .subi(xhat.mulColumnVector(meanDx))
                .muliColumnVector(cache.rstd());                  // (N, C)
    }
}
