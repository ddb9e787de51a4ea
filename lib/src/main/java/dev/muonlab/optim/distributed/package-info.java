/**
 * Distributed Muon (Moonlight, Liu et al. 2025, arXiv 2502.16982, §3.4, Algorithm 1), simulated on
 * one machine: {@link dev.muonlab.optim.distributed.DistributedMuon} runs k ranks on threads over
 * row-block shards ({@link dev.muonlab.optim.distributed.RowShards}) and equals single-process Muon
 * bit for bit; {@link dev.muonlab.optim.distributed.CommunicationCost} counts optimizer memory and
 * communication against ZeRO-1 AdamW.
 *
 * <p><b>Design notes.</b>
 * <ul>
 *   <li>Row blocks, not Megatron's cut of the flattened buffer: every shard stays a matrix, and every
 *       matrix is split, so the simulation always pays the extra gather (the paper's upper bound).</li>
 *   <li>The reduce-scatter sums in rank order, the order the single process is given; a ring's
 *       rotated order changes the last fp32 bits (seen by reversing the order: the equality test
 *       fails at k = 3 and 4); {@link dev.muonlab.optim.distributed.SumOrder#RING} runs the ring's order,
 *       equal to single-process Muon only to fp32 rounding (1-2 ulps seen).</li>
 *   <li>Newton-Schulz runs on every rank, as in the paper, not once with a broadcast: it costs k×
 *       the compute here but no extra communication.</li>
 * </ul>
 */
package dev.muonlab.optim.distributed;
