package dev.muonlab.optim.distributed;

/**
 * The order in which a reduce-scatter adds the k ranks' contributions to rank r's block. Float
 * addition is not associative, so the order decides the last bits of the sum; both orders are within
 * the same bound of the exact sum: |ŝ − s| ≤ γ_{k−1}·Σ|c_i|, γ_n = n·u/(1 − n·u), u = 2^−24 for fp32
 * (recursive summation, Higham, "Accuracy and Stability of Numerical Algorithms", 2nd ed., §4.2).
 */
public enum SumOrder {
    /** c_0 + c_1 + … + c_{k−1}, left to right: the order {@link DistributedMuon#fullGradient} gives the single process. */
    RANK,
    /**
     * A ring reduce-scatter's order: the partial sum of rank r's block starts at rank r + 1 and travels
     * the ring, c_{r+1} + c_{r+2} + … + c_{r+k} (indices mod k), ending at its owner r.
     */
    RING;

    /** @return the index of the j-th contribution added into rank r's block, j = 0 … k − 1 */
    public int contributor(int r, int j, int k) {
        return this == RANK ? j : (r + 1 + j) % k;
    }

    /** @return γ_n = n·u/(1 − n·u) for fp32 (u = 2^−24): the relative bound of a sum of n + 1 terms */
    public static double gammaFp32(int n) {
        double u = Math.scalb(1.0, -24);
        return n * u / (1 - n * u);
    }
}
