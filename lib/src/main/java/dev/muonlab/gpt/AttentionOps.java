package dev.muonlab.gpt;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Multi-head causal self-attention without its projections, as nanoGPT's
 * {@code CausalSelfAttention.forward} (Vaswani et al. 2017): from qkv = x W_attnᵀ (N, 3C), q, k, v
 * of each head are (T, hs) blocks of qkv; att = softmax(q kᵀ/√hs + causal mask) (or another logit
 * scale in place of 1/√hs: {@link Parameterization#attentionScale}); y = dropout(att) v, written into
 * (N, C) with head h in columns h·hs... The per-head products run as {@link HeadGemm} calls on the
 * packed arrays, so q, k, v, y and their gradients are never transposed into (B, nh, T, hs) copies.
 *
 * <p>Backward (chain rule): dv = attᵀ dy, datt = dy vᵀ, softmax backward ds = att ⊙ (datt − Σ_j
 * att ⊙ datt), dq = ds k/√hs, dk = dsᵀ q/√hs (the forward pass's scale in place of 1/√hs).
 */
public final class AttentionOps {

    /**
     * What the backward pass needs: qkv (N, 3C); att, its dropped version and mask (B, nh, T, T); the
     * logit scale the forward pass used.
     */
    public record Cache(INDArray qkv, INDArray att, INDArray attDropped, INDArray dropMask, int B, int T, int nh,
                        double scale) {
    }

    private static final Map<String, INDArray> MASKS = new ConcurrentHashMap<>();

    private AttentionOps() {
    }

    /**
     * @param qkv     (N, 3C), N = B·T, columns [q | k | v], each split into nh heads of hs. Not modified.
     * @param dropout attention-weight dropout probability (0 in evaluation)
     * @param cache   receives what backward needs; index 0 is set. Modified.
     * @return y (N, C), a new array
     */
    public static INDArray forward(INDArray qkv, int B, int T, int nh, double dropout, Cache[] cache) {
        return forward(qkv, B, T, nh, dropout, cache, null);
    }

    /**
     * {@link #forward(INDArray, int, int, int, double, Cache[])}, also recording each head's largest
     * pre-softmax logit S_h = max over the batch of q_i·k_j/√hs, j ≤ i (what QK-clip watches: Kimi K2,
     * arXiv 2507.20534 §2.1; {@code dev.muonlab.optim.QkClip#maxLogits} computes the same from qkv).
     *
     * @param maxLogits null, or nh entries. Modified: set to S_h per head.
     */
    public static INDArray forward(INDArray qkv, int B, int T, int nh, double dropout, Cache[] cache, double[] maxLogits) {
        int hs = (int) qkv.size(1) / 3 / nh;
        return forward(qkv, B, T, nh, 1.0 / Math.sqrt(hs), dropout, cache, maxLogits);
    }

    /**
     * {@link #forward(INDArray, int, int, int, double, Cache[], double[])} with the logits scaled by
     * {@code scale} instead of 1/√hs (the cache keeps it for {@link #backward}); S_h is then the max of
     * scale·q_i·k_j.
     *
     * @param qkv       (N, 3C) as above. Not modified.
     * @param scale     the attention logit scale, e.g. {@link Parameterization#attentionScale}
     * @param cache     receives what backward needs; index 0 is set. Modified.
     * @param maxLogits null, or nh entries. Modified: set to S_h per head.
     * @return y (N, C), a new array
     */
    public static INDArray forward(INDArray qkv, int B, int T, int nh, double scale, double dropout, Cache[] cache,
                                   double[] maxLogits) {
        int C = (int) qkv.size(1) / 3;
        int hs = C / nh;
        DataType type = qkv.dataType();
        INDArray att = Nd4j.createUninitialized(type, new long[]{B, nh, T, T}, 'c');          // (B, nh, T, T)
        HeadGemm.gemm(false, true, scale, head(qkv, 0, B, T, nh, hs), head(qkv, C, B, T, nh, hs),
                HeadMatrices.stacked(att));
        if (maxLogits != null) {
            maxCausalPerHead(att, B, nh, T, maxLogits);
        }
        if (HostKernels.applies(att)) {
            HostKernels.causalSoftmax(att);
        } else {
            INDArray rows = att.reshape('c', new long[]{(long) B * nh, (long) T * T});         // view
            rows.addiRowVector(causalMask(T, type));
            INDArray byRow = att.reshape('c', new long[]{(long) B * nh * T, T});               // view
            Nd4j.exec(new SoftMax(byRow, byRow, 1));
        }
        INDArray mask = DropoutOps.mask(dropout, att);
        INDArray attDropped = mask == null ? att : att.mul(mask);
        INDArray y = Nd4j.createUninitialized(type, new long[]{(long) B * T, C}, 'c');        // (N, C)
        HeadGemm.gemm(false, false, 1.0, HeadMatrices.stacked(attDropped), head(qkv, 2 * C, B, T, nh, hs),
                head(y, 0, B, T, nh, hs));
        cache[0] = new Cache(qkv, att, attDropped, mask, B, T, nh, scale);
        return y;
    }

    /**
     * @param dy upstream gradient (N, C). Not modified.
     * @return dqkv (N, 3C), a new array
     */
    public static INDArray backward(INDArray dy, Cache c) {
        int B = c.B(), T = c.T(), nh = c.nh();
        INDArray qkv = c.qkv();
        int C = (int) qkv.size(1) / 3;
        int hs = C / nh;
        DataType type = qkv.dataType();
        HeadMatrices dyh = head(dy, 0, B, T, nh, hs);
        INDArray dqkv = Nd4j.createUninitialized(type, new long[]{(long) B * T, 3L * C}, 'c');  // (N, 3C)
        HeadGemm.gemm(true, false, 1.0, HeadMatrices.stacked(c.attDropped()), dyh, head(dqkv, 2 * C, B, T, nh, hs));
        INDArray datt = Nd4j.createUninitialized(type, new long[]{B, nh, T, T}, 'c');         // (B, nh, T, T)
        HeadGemm.gemm(false, true, 1.0, dyh, head(qkv, 2 * C, B, T, nh, hs), HeadMatrices.stacked(datt));
        if (c.dropMask() != null) {
            datt.muli(c.dropMask());
        }
        INDArray att = c.att();
        INDArray ds;                                                                 // (B, nh, T, T), over the scale
        if (HostKernels.applies(att, datt)) {
            HostKernels.softmaxBackward(att, datt);
            ds = datt;
        } else {
            INDArray rowDot = datt.mul(att).sum(true, 3);                            // (B, nh, T, 1)
            ds = datt.reshape('c', new long[]{(long) B * nh * T, T})
                    .subiColumnVector(rowDot.reshape('c', new long[]{(long) B * nh * T, 1}))
                    .reshape('c', new long[]{B, nh, T, T}).muli(att);
        }
        double scale = c.scale();                                                    // 1/√hs unless overridden
        HeadMatrices dsh = HeadMatrices.stacked(ds);
        HeadGemm.gemm(false, false, scale, dsh, head(qkv, C, B, T, nh, hs), head(dqkv, 0, B, T, nh, hs));
        HeadGemm.gemm(true, false, scale, dsh, head(qkv, 0, B, T, nh, hs), head(dqkv, C, B, T, nh, hs));
        return dqkv;
    }

    /** @return the (T, hs) blocks of every head of a packed (N, width) array, starting at column first */
    private static HeadMatrices head(INDArray packed, int first, int B, int T, int nh, int hs) {
        return HeadMatrices.packed(packed, first, B, T, nh, hs);
    }

    /** @return the (T·T) additive mask, 0 on and below the diagonal, −∞ above (cached per T and type) */
    /**
     * @param scores    (B, nh, T, T) scaled scores before the mask and softmax. Not modified.
     * @param maxLogits nh entries. Modified: the largest causal score (j ≤ i) of each head over the batch.
     */
    static void maxCausalPerHead(INDArray scores, int B, int nh, int T, double[] maxLogits) {
        INDArray masked = scores.reshape('c', new long[]{(long) B * nh, (long) T * T})
                .addRowVector(causalMask(T, scores.dataType()));                           // (B·nh, T·T), new
        INDArray perHead = masked.reshape('c', new long[]{B, nh, (long) T * T}).max(0, 2);  // (nh)
        for (int h = 0; h < nh; h++) {
            maxLogits[h] = perHead.getDouble(h);
        }
    }

    static INDArray causalMask(int T, DataType dtype) {
        return MASKS.computeIfAbsent(T + ":" + dtype, key -> {
            double[] m = new double[T * T];
            for (int i = 0; i < T; i++) {
                for (int j = i + 1; j < T; j++) {
                    m[i * T + j] = Double.NEGATIVE_INFINITY;
                }
            }
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                return Nd4j.create(m, new long[]{(long) T * T}, DataType.DOUBLE).castTo(dtype);
            }
        });
    }
}
