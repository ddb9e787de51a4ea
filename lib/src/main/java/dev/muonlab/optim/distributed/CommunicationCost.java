package dev.muonlab.optim.distributed;

import java.util.List;

/**
 * Optimizer memory and communication per step of Distributed Muon against ZeRO-1 AdamW, both over
 * k data-parallel ranks (Moonlight, Liu et al. 2025, arXiv 2502.16982, §3.4; Muon Lab's
 * references §3.4).
 *
 * <p><b>The paper's accounting</b>, in bytes per parameter element: ZeRO-1 AdamW reduce-scatters the
 * fp32 gradient (4) and all-gathers the fp32 parameters (4): 8. Distributed Muon adds a gather of the
 * momentum in bf16 (2) before Newton-Schulz: 4 + 2 + 4 = 10, so at most 10/8 = 1.25× AdamW's
 * volume; the extra gather is needed only for matrices whose rows are split over several ranks, so
 * the ratio lies in (1, 1.25] (1 when no matrix is split). Memory: one momentum buffer against
 * AdamW's two (m and v), half of AdamW's optimizer state.
 *
 * <p><b>The volume model here</b> counts elements received, summed over ranks, for a collective
 * over k ranks of an array of n elements: a reduce-scatter or an all-gather delivers each of the k
 * blocks to the k − 1 ranks that do not own it (a ring sends each block k − 1 hops), (k − 1)·n in
 * all, (k − 1)/k·n per rank on average; k = 1 communicates nothing. The ratio then is
 * (4N + 2N_M + 4N)/(8N) = 1 + N_M/(4N), with N all parameter elements and N_M those of the Muon
 * matrices that the momentum gather moves (here every Muon matrix: row blocks split each one).
 */
public final class CommunicationCost {

    /** Bytes of an fp32 element: the gradient reduce-scatter and the parameter all-gather. */
    public static final int FP32_BYTES = 4;
    /** Bytes of a bf16 element: the momentum gather (Newton-Schulz runs in bf16 in the paper). */
    public static final int BF16_BYTES = 2;

    private CommunicationCost() {
    }

    /**
     * A parameter as the accounting sees it.
     *
     * @param rows first dimension (the one split into row blocks)
     * @param cols the product of the others (1 for a vector)
     * @param muon true when Muon updates it (a hidden matrix), false when AdamW does (embeddings, gains)
     */
    public record Param(long rows, long cols, boolean muon) {
        public long elements() {
            return rows * cols;
        }
    }

    /**
     * One step's volume, summed over all k ranks.
     *
     * @param reduceScatterElements gradient elements received in the reduce-scatter, (k − 1)·N
     * @param gatherElements        momentum elements received in Muon's gather, (k − 1)·N_M (0 for AdamW)
     * @param allGatherElements     parameter elements received in the all-gather, (k − 1)·N
     * @param bytes                 4·reduce-scatter + 2·gather + 4·all-gather
     */
    public record Volume(long reduceScatterElements, long gatherElements, long allGatherElements, long bytes) {
        /** @return total elements moved */
        public long elements() {
            return reduceScatterElements + gatherElements + allGatherElements;
        }
    }

    /** @return N, all parameter elements */
    public static long totalElements(List<Param> params) {
        return params.stream().mapToLong(Param::elements).sum();
    }

    /** @return N_M, the elements of the Muon-updated matrices */
    public static long muonElements(List<Param> params) {
        return params.stream().filter(Param::muon).mapToLong(Param::elements).sum();
    }

    /** @return ZeRO-1 AdamW's volume per step over k ranks: fp32 reduce-scatter + fp32 all-gather */
    public static Volume zero1AdamW(List<Param> params, int k) {
        long n = (long) (k - 1) * totalElements(params);
        return new Volume(n, 0, n, FP32_BYTES * n + FP32_BYTES * n);
    }

    /**
     * @return Distributed Muon's volume per step over k ranks: ZeRO-1's two collectives plus the bf16
     *         gather of the Muon matrices' momentum (the AdamW-routed parameters need none)
     */
    public static Volume distributedMuon(List<Param> params, int k) {
        long n = (long) (k - 1) * totalElements(params);
        long g = (long) (k - 1) * muonElements(params);
        return new Volume(n, g, n, FP32_BYTES * n + BF16_BYTES * g + FP32_BYTES * n);
    }

    /** @return Distributed Muon's bytes over ZeRO-1 AdamW's, 1 + N_M/(4N); NaN for k = 1 (0/0) */
    public static double ratio(List<Param> params, int k) {
        return (double) distributedMuon(params, k).bytes() / zero1AdamW(params, k).bytes();
    }

    /**
     * Optimizer-state elements rank r holds under row-block sharding ({@link RowShards}):
     * Muon keeps one momentum buffer per Muon matrix, AdamW two (m, v) for its parameters.
     *
     * @param muonOptimizer true for Distributed Muon (AdamW still on the non-Muon parameters), false for ZeRO-1 AdamW on all
     */
    public static long stateElements(List<Param> params, int k, int r, boolean muonOptimizer) {
        long n = 0;
        for (Param p : params) {
            long mine = new RowShards(p.rows(), k).length(r) * p.cols();
            n += (muonOptimizer && p.muon() ? 1 : 2) * mine;
        }
        return n;
    }

    /**
     * The transient memory Distributed Muon needs on each rank during a step: the largest gathered
     * full matrix (Newton-Schulz's input, plus its own workspace of a few matrices of that size, not
     * counted here). ZeRO-1 AdamW needs none.
     *
     * @return max rows·cols over the Muon matrices, in elements
     */
    public static long gatheredElements(List<Param> params) {
        return params.stream().filter(Param::muon).mapToLong(Param::elements).max().orElse(0);
    }
}
