package dev.muonlab.gpt;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Multi-head causal self-attention without its projections, as nanoGPT's
 * {@code CausalSelfAttention.forward} (Vaswani et al. 2017): from qkv = x W_attnᵀ (N, 3C), split
 * into q, k, v of (B, nh, T, hs); att = softmax(q kᵀ/√hs + causal mask); y = dropout(att) v,
 * re-assembled to (N, C). Batched gemm over the B·nh heads.
 *
 * <p>Backward (chain rule): dv = attᵀ dy, datt = dy vᵀ, softmax backward ds = att ⊙ (datt − Σ_j
 * att ⊙ datt), dq = ds k/√hs, dk = dsᵀ q/√hs.
 */
public final class AttentionOps {

    /** What the backward pass needs. Shapes (B, nh, T, hs) for q, k, v; (B, nh, T, T) for att. */
    public record Cache(INDArray q, INDArray k, INDArray v, INDArray att, INDArray attDropped, INDArray dropMask,
                        int B, int T, int nh) {
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
        int C = (int) qkv.size(1) / 3;
        int hs = C / nh;
        INDArray split = qkv.reshape('c', new long[]{B, T, 3, nh, hs}).permute(2, 0, 3, 1, 4);  // (3, B, nh, T, hs) view
        INDArray q = split.get(NDArrayIndex.point(0)).dup('c');                    // (B, nh, T, hs)
        INDArray k = split.get(NDArrayIndex.point(1)).dup('c');
        INDArray v = split.get(NDArrayIndex.point(2)).dup('c');
        INDArray att = Nd4j.matmul(q, k, false, true, false);                      // (B, nh, T, T)
        att.muli(1.0 / Math.sqrt(hs));
        INDArray rows = att.reshape('c', new long[]{(long) B * nh, (long) T * T});             // view
        rows.addiRowVector(causalMask(T, att.dataType()));
        INDArray byRow = att.reshape('c', new long[]{(long) B * nh * T, T});                   // view
        Nd4j.exec(new SoftMax(byRow, byRow, 1));
        INDArray mask = DropoutOps.mask(dropout, att);
        INDArray attDropped = mask == null ? att : att.mul(mask);
        INDArray y = Nd4j.matmul(attDropped, v);                                   // (B, nh, T, hs)
        cache[0] = new Cache(q, k, v, att, attDropped, mask, B, T, nh);
        return y.permute(0, 2, 1, 3).dup('c').reshape('c', new long[]{(long) B * T, C});       // (N, C)
    }

    /**
     * @param dy upstream gradient (N, C). Not modified.
     * @return dqkv (N, 3C), a new array
     */
    public static INDArray backward(INDArray dy, Cache c) {
        int B = c.B(), T = c.T(), nh = c.nh();
        int hs = (int) c.q().size(3);
        int C = nh * hs;
        INDArray dyh = dy.reshape('c', new long[]{B, T, nh, hs}).permute(0, 2, 1, 3).dup('c');   // (B, nh, T, hs)
        INDArray dv = Nd4j.matmul(c.attDropped(), dyh, true, false, false);          // (B, nh, T, hs)
        INDArray datt = Nd4j.matmul(dyh, c.v(), false, true, false);                 // (B, nh, T, T)
        if (c.dropMask() != null) {
            datt.muli(c.dropMask());
        }
        INDArray att = c.att();
        INDArray rowDot = datt.mul(att).sum(true, 3);                                // (B, nh, T, 1)
        INDArray ds = datt.reshape('c', new long[]{(long) B * nh * T, T})
                .subiColumnVector(rowDot.reshape('c', new long[]{(long) B * nh * T, 1}))
                .reshape('c', new long[]{B, nh, T, T}).muli(att).muli(1.0 / Math.sqrt(hs));      // (B, nh, T, T)
        INDArray dq = Nd4j.matmul(ds, c.k());                                        // (B, nh, T, hs)
        INDArray dk = Nd4j.matmul(ds, c.q(), true, false, false);                    // (B, nh, T, hs)
        INDArray dqkv = Nd4j.create(dy.dataType(), B, T, 3, nh, hs);                 // (B, T, 3, nh, hs)
        INDArray split = dqkv.permute(2, 0, 3, 1, 4);                                // (3, B, nh, T, hs) view
        split.get(NDArrayIndex.point(0)).assign(dq);
        split.get(NDArrayIndex.point(1)).assign(dk);
        split.get(NDArrayIndex.point(2)).assign(dv);
        return dqkv.reshape('c', new long[]{(long) B * T, 3L * C});
    }

    /** @return the (T·T) additive mask, 0 on and below the diagonal, −∞ above (cached per T and type) */
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
