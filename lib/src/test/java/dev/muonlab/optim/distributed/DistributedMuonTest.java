package dev.muonlab.optim.distributed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.muonlab.optim.MuonConfig;
import dev.muonlab.optim.Optimizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Distributed Muon (Moonlight Algorithm 1) against the repository's single-process Muon
 * ({@link Optimizer} with the same {@link MuonConfig}): the parameters must agree bit for bit
 * after several steps, because the reduce-scatter adds the contributions in the order
 * {@link DistributedMuon#fullGradient} does and every other operation is elementwise or a copy.
 */
class DistributedMuonTest {

    private static final int STEPS = 4;

    /** (7, 5): 7 rows split unevenly over 2, 3 and 4 ranks; (4, 6): wide; (2, 3): rank 2 and 3 hold no rows at k = 4. */
    private static Map<String, INDArray> params() {
        Map<String, INDArray> p = new LinkedHashMap<>();
        p.put("tall", randn(1, 7, 5));
        p.put("wide", randn(2, 4, 6));
        p.put("small", randn(3, 2, 3));
        return p;
    }

    /** @return a (rows, cols) fp32 matrix of seeded standard normals (java.util.Random's, so exact anywhere) */
    static INDArray randn(long seed, long rows, long cols) {
        Random r = new Random(seed);
        float[] x = new float[(int) (rows * cols)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return Nd4j.create(x, new long[] {rows, cols}, 'c');
    }

    private static Map<String, INDArray> copy(Map<String, INDArray> p) {
        Map<String, INDArray> c = new LinkedHashMap<>();
        p.forEach((n, a) -> c.put(n, a.dup()));
        return c;
    }

    private static void assertSameBits(Map<String, INDArray> expected, Map<String, INDArray> actual, String what) {
        expected.forEach((n, a) -> assertArrayEquals(a.dup('c').data().asFloat(), actual.get(n).dup('c').data().asFloat(),
                what + ": parameter " + n));
    }

    private static void runAgainstSingleProcess(MuonConfig config, int k) {
        Map<String, INDArray> single = params();
        Map<String, INDArray> distributed = copy(single);
        Optimizer reference = Optimizer.builder().group("muon", config, single).recordUpdateRms(true).build();
        try (DistributedMuon dm = new DistributedMuon(config, distributed, k)) {
            for (int t = 0; t < STEPS; t++) {
                List<Map<String, INDArray>> contributions = new ArrayList<>();
                for (int r = 0; r < k; r++) {
                    Map<String, INDArray> c = new LinkedHashMap<>();
                    int rank = r, step = t;
                    single.forEach((n, a) -> c.put(n, randn(1000L * step + 10L * rank + n.length(), a.rows(), a.columns())));
                    contributions.add(c);
                }
                reference.step(DistributedMuon.fullGradients(contributions));
                dm.step(contributions);
                assertSameBits(single, distributed, "k=" + k + " step " + (t + 1));
                assertEquals(reference.lastUpdateRms(), dm.lastUpdateRms(), "update RMS, step " + (t + 1));
                for (String n : single.keySet()) {                                     // the momentum too, row block by row block
                    INDArray M = reference.state(n).get("momentum");
                    RowShards s = dm.shards(n);
                    for (int r = 0; r < k; r++) {
                        if (s.length(r) > 0) {
                            assertArrayEquals(M.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(s.offset(r), s.end(r)),
                                            org.nd4j.linalg.indexing.NDArrayIndex.all()).dup('c').data().asFloat(),
                                    dm.momentumShard(r, n).dup('c').data().asFloat(), "momentum " + n + " rank " + r);
                        }
                    }
                }
            }
            assertEquals(STEPS, dm.stepCount());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4})
    void moonlightMuonMatchesSingleProcessBitForBit(int k) {
        // sum momentum, Nesterov, 0.2·sqrt(max(A, B)), decoupled wd 0.1; a larger lr so the steps move the weights
        runAgainstSingleProcess(MuonConfig.moonlight().withLr(0.05), k);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void kellerMuonMatchesSingleProcessBitForBit(int k) {
        runAgainstSingleProcess(MuonConfig.keller().withWeightDecay(0.01), k);
    }

    @Test
    void shardsHoldTheRowBlocksAndTheMomentumCount() {
        try (DistributedMuon dm = new DistributedMuon(MuonConfig.moonlight(), copy(params()), 4)) {
            // tall (7, 5): rows 2, 2, 2, 1; wide (4, 6): 1 each; small (2, 3): 1, 1, 0, 0
            assertArrayEquals(new long[] {2, 5}, dm.paramShard(0, "tall").shape());
            assertArrayEquals(new long[] {1, 5}, dm.paramShard(3, "tall").shape());
            assertNull(dm.paramShard(2, "small"));
            assertEquals(2 * 5 + 6 + 3, dm.momentumElements(0));
            assertEquals(2 * 5 + 6 + 3, dm.momentumElements(1));
            assertEquals(2 * 5 + 6, dm.momentumElements(2));
            assertEquals(5 + 6, dm.momentumElements(3));
            List<CommunicationCost.Param> shapes = List.of(new CommunicationCost.Param(7, 5, true),
                    new CommunicationCost.Param(4, 6, true), new CommunicationCost.Param(2, 3, true));
            for (int r = 0; r < 4; r++) {
                assertEquals(CommunicationCost.stateElements(shapes, 4, r, true), dm.momentumElements(r), "rank " + r);
            }
            INDArray P = dm.paramShard(1, "tall");                                     // rows 2..3 of the parameter
            assertArrayEquals(params().get("tall").getRow(2).toFloatVector(), P.getRow(0).toFloatVector());
        }
    }
}
