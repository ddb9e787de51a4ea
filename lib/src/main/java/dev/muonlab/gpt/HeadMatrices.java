package dev.muonlab.gpt;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A (batches × heads) grid of equally shaped row-major matrices inside one dense row-major array,
 * addressed as cuBLAS's strided-batched gemm addresses its operands: matrix (b, h) starts at element
 * {@code offset + b·batchStride + h·headStride} of the array's buffer and has leading dimension
 * {@code ld} (elements between consecutive rows).
 *
 * <p>Why: attention works on q, k, v of every head, which nanoGPT gets by reshaping and transposing
 * qkv (N, 3C) to (B, nh, T, hs) copies. Addressed this way, head h of sequence b is the
 * (T, hs) block at rows b·T.., columns h·hs.. of the packed array itself, so no copy is needed.
 *
 * @param array       a dense, row-major array holding every matrix. Not modified by this record.
 * @param offset      element index of matrix (0, 0) relative to the array's first element
 * @param rows        rows of each matrix
 * @param cols        columns of each matrix
 * @param ld          leading dimension, ≥ cols
 * @param batchStride elements between matrices (b, h) and (b + 1, h)
 * @param headStride  elements between matrices (b, h) and (b, h + 1)
 * @param batches     number of sequences B
 * @param heads       number of heads nh
 */
public record HeadMatrices(INDArray array, long offset, int rows, int cols, int ld, long batchStride,
                           long headStride, int batches, int heads) {

    public HeadMatrices {
        if (ld < cols) {
            throw new IllegalArgumentException("leading dimension " + ld + " < columns " + cols);
        }
        long last = offset + (batches - 1) * batchStride + (heads - 1) * headStride + (long) (rows - 1) * ld + cols;
        if (offset < 0 || last > array.length()) {
            throw new IllegalArgumentException("matrices reach element " + last + " of an array of " + array.length());
        }
    }

    /**
     * Head h of sequence b is columns [{@code first} + h·w, {@code first} + (h + 1)·w) of rows
     * [b·T, (b + 1)·T) of a packed (B·T, width) activation, w = {@code cols}.
     *
     * @param packed (B·T, width) row-major, e.g. qkv (N, 3C) with first = 0, C or 2C, or y (N, C)
     */
    public static HeadMatrices packed(INDArray packed, int first, int B, int T, int nh, int headWidth) {
        int width = (int) packed.size(1);
        return new HeadMatrices(packed, first, T, headWidth, width, (long) T * width, headWidth, B, nh);
    }

    /** Matrix (b, h) is {@code stacked[b, h]} of a (B, nh, rows, cols) row-major array. */
    public static HeadMatrices stacked(INDArray stacked) {
        int B = (int) stacked.size(0), nh = (int) stacked.size(1);
        int rows = (int) stacked.size(2), cols = (int) stacked.size(3);
        return new HeadMatrices(stacked, 0, rows, cols, cols, (long) nh * rows * cols, (long) rows * cols, B, nh);
    }

    /** One (rows, cols) matrix: a 2-D row-major array as a 1 × 1 grid. */
    public static HeadMatrices whole(INDArray matrix) {
        int rows = (int) matrix.size(0), cols = (int) matrix.size(1);
        return new HeadMatrices(matrix, 0, rows, cols, cols, 0, 0, 1, 1);
    }

    /** @return the (B, nh, rows, cols) strided view of these matrices: shares the array's memory */
    public INDArray view() {
        return Nd4j.create(array.data(), new long[]{batches, heads, rows, cols},
                new long[]{batchStride, headStride, ld, 1}, array.offset() + offset, 'c');
    }
}
