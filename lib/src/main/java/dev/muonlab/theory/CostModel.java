package dev.muonlab.theory;

import dev.muonlab.ns.OddPolynomial;
import dev.muonlab.ns.Schedule;

/**
 * FLOP counts of Newton-Schulz and of an SVD on an (m, n) matrix, in the wide orientation
 * (m ≤ n after transposing), counting a multiply-add as 2 FLOPs and full GEMMs (no symmetric
 * savings), the convention of Keller Jordan's blog ("2(2nm² + m³)" per quintic step) and of
 * Kim &amp; Oh (arXiv 2601.19156, App. E: FLOPs_NS = Θ(2q(κ+1)m²n), FLOPs_SVD = Θ(4m²n + 8m³)).
 */
public final class CostModel {

    private CostModel() {
    }

    /**
     * One step of an odd polynomial with k = gramDegree ≥ 1: A = XXᵀ (2m²n), k − 1 Horner
     * products in A (2m³ each), the final product with X (2m²n); k = 0 is a scaling (mn).
     */
    public static double stepFlops(long rows, long cols, OddPolynomial p) {
        double m = Math.min(rows, cols);
        double n = Math.max(rows, cols);
        int k = p.gramDegree();
        return k == 0 ? m * n : 4 * m * m * n + 2.0 * (k - 1) * m * m * m;
    }

    /** @return the FLOPs of the whole schedule on an (rows, cols) matrix */
    public static double scheduleFlops(long rows, long cols, Schedule schedule) {
        double sum = 0;
        for (OddPolynomial p : schedule.steps()) {
            sum += stepFlops(rows, cols, p);
        }
        return sum;
    }

    /** @return Kim &amp; Oh's SVD estimate 4m²n + 8m³ (m ≤ n) */
    public static double svdFlops(long rows, long cols) {
        double m = Math.min(rows, cols);
        double n = Math.max(rows, cols);
        return 4 * m * m * n + 8 * m * m * m;
    }

    /** @return 2mnk: one GEMM of (m, k)·(k, n) */
    public static double gemmFlops(long m, long n, long k) {
        return 2.0 * m * n * k;
    }
}
