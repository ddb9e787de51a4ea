package dev.muonlab.optim.distributed;

/**
 * How a matrix of {@code rows} rows is cut into k contiguous row blocks, one per data-parallel rank,
 * the partition Distributed Muon keeps its momentum and parameter shards in (Moonlight, Liu et al.
 * 2025, arXiv 2502.16982, §3.4 Algorithm 1: "DP-partitioned momentum m and parameters p").
 *
 * <p>Rule (NumPy's {@code array_split}): the first {@code rows mod k} ranks get ⌈rows/k⌉ rows, the
 * others ⌊rows/k⌋, so block sizes differ by at most one and a rank gets 0 rows when k &gt; rows.
 * Megatron's distributed optimizer cuts the flattened buffer instead, so a matrix may lie whole in
 * one rank's range; row blocks are the simplest cut that keeps every shard a matrix.
 *
 * @param rows the matrix's first dimension, &gt;= 0
 * @param k    the number of ranks, &gt;= 1
 */
public record RowShards(long rows, int k) {

    public RowShards {
        if (rows < 0 || k < 1) {
            throw new IllegalArgumentException("row shards: need rows >= 0 and k >= 1, got rows " + rows + ", k " + k);
        }
    }

    /** @return the first row of rank r's block, in [0, rows] */
    public long offset(int r) {
        check(r);
        long base = rows / k;
        long extra = rows % k;
        return r * base + Math.min(r, extra);
    }

    /** @return the number of rows rank r holds: ⌈rows/k⌉ for r &lt; rows mod k, else ⌊rows/k⌋ */
    public long length(int r) {
        check(r);
        return rows / k + (r < rows % k ? 1 : 0);
    }

    /** @return one past rank r's last row */
    public long end(int r) {
        return offset(r) + length(r);
    }

    private void check(int r) {
        if (r < 0 || r >= k) {
            throw new IllegalArgumentException("rank " + r + " outside [0, " + k + ")");
        }
    }
}
