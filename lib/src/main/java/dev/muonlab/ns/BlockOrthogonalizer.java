package dev.muonlab.ns;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Split-block orthogonalization (microsoft/dion {@code split_sizes} and {@code num_heads}; Keller
 * Jordan's modded-nanogpt orthogonalizes Q, K, V separately; references.md §0 "QKV split into three
 * square blocks"): the rows of an (out, in) matrix are cut into consecutive blocks and each block gets
 * its own polar factor, as if it were a separate parameter. For nanoGPT's fused {@code c_attn} (3C, C)
 * the blocks are q, k, v (C rows each), or, per head, 3·H blocks of C/H rows ({@link #perHead}).
 *
 * <p>Why: the fused matrix's polar factor mixes q, k and v (and the heads), whose gradients have
 * different scales; orthogonalizing the whole lets the largest block dominate the others' step sizes.
 *
 * @param inner  the orthogonalizer each block goes through
 * @param blocks the row counts of the blocks, in order (they must add up to the input's row count)
 */
public record BlockOrthogonalizer(Orthogonalizer inner, int[] blocks) implements Orthogonalizer {

    public BlockOrthogonalizer {
        if (inner == null || blocks == null || blocks.length == 0 || Arrays.stream(blocks).anyMatch(b -> b < 1)) {
            throw new IllegalArgumentException("block orthogonalizer: an inner orthogonalizer and positive block sizes are required");
        }
        blocks = blocks.clone();
    }

    /** @return q, k, v as three blocks of {@code width} rows (dion {@code split_sizes=[C, C, C]}) */
    public static BlockOrthogonalizer qkv(Orthogonalizer inner, int width) {
        return new BlockOrthogonalizer(inner, new int[] {width, width, width});
    }

    /**
     * @return q, k, v cut per head: 3·heads blocks of width/heads rows (nanoGPT's c_attn rows are q's heads
     *         in order, then k's, then v's)
     */
    public static BlockOrthogonalizer perHead(Orthogonalizer inner, int width, int heads) {
        if (heads < 1 || width % heads != 0) {
            throw new IllegalArgumentException("per-head split: width " + width + " is not a multiple of heads " + heads);
        }
        int[] b = new int[3 * heads];
        Arrays.fill(b, width / heads);
        return new BlockOrthogonalizer(inner, b);
    }

    /**
     * @param G (rows, cols) with rows = Σ blocks. Not modified.
     * @return a new (rows, cols) array: each row block replaced by its own orthogonalization
     */
    @Override
    public INDArray orthogonalize(INDArray G) {
        MatrixChecks.requireMatrixShape(G, "input");
        long total = Arrays.stream(blocks).asLongStream().sum();
        if (total != G.rows()) {
            throw new IllegalArgumentException("block sizes " + Arrays.toString(blocks) + " add up to " + total
                    + " rows, the matrix has " + G.rows());
        }
        INDArray out = Nd4j.create(G.dataType(), G.rows(), G.columns());
        long start = 0;
        for (int b : blocks) {
            INDArray block = G.get(NDArrayIndex.interval(start, start + b), NDArrayIndex.all()).dup('c');   // (b, cols)
            out.get(NDArrayIndex.interval(start, start + b), NDArrayIndex.all())
                    .assign(inner.orthogonalize(block).castTo(G.dataType()));
            start += b;
        }
        return out;
    }

    @Override
    public String toString() {
        return "Blocks" + Arrays.toString(blocks) + "[" + inner + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlockOrthogonalizer b && b.inner.equals(inner) && Arrays.equals(b.blocks, blocks);
    }

    @Override
    public int hashCode() {
        return 31 * inner.hashCode() + Arrays.hashCode(blocks);
    }
}
