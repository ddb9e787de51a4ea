package dev.muonlab.optim.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.muonlab.gpt.GptConfig;
import dev.muonlab.gpt.GptParameters;
import dev.muonlab.optim.MuonConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import tech.tablesaw.api.Table;

/** Notebook 08's tables: exactly 0 in rank order, rounding-sized under a ring, and the accounting's own numbers. */
class DistributedMuonCheckTest {

    private static Map<String, INDArray> params() {
        Map<String, INDArray> p = new LinkedHashMap<>();
        p.put("tall", DistributedMuonTest.randn(1, 7, 5));
        p.put("wide", DistributedMuonTest.randn(2, 4, 6));
        return p;
    }

    @Test
    void rankOrderIsExactAndTheRingOnlyRounds() {
        Map<String, INDArray> p = params();
        INDArray before = p.get("tall").dup();
        Table t = DistributedMuonCheck.agreement(MuonConfig.moonlight().withLr(0.05), p, 4, 3, 7);
        assertEquals(8, t.rowCount());
        for (int i = 0; i < t.rowCount(); i++) {
            int k = t.intColumn("ranks").getInt(i);
            double d = t.doubleColumn("max_abs_difference").getDouble(i);
            if (t.stringColumn("order").getString(i).equals("rank") || k <= 2) {
                assertEquals(0, d, "k " + k + " " + t.stringColumn("order").getString(i));
            } else {
                assertTrue(d > 0 && d <= 4 * Math.ulp(4f), "ring, k " + k + ": " + d);
            }
        }
        assertEquals(before, p.get("tall"), "the caller's parameters are not modified");
    }

    @Test
    void costsFollowCommunicationCostOnAGptsParameters() {
        GptConfig small = new GptConfig("t", 65, 2, 2, 32, 16, 4, 0.0, false, true);
        Map<String, INDArray> gpt = GptParameters.initialize(small, DataType.FLOAT, 1).asMap();
        List<CommunicationCost.Param> acc = DistributedMuonCheck.accounting(gpt);
        assertEquals(gpt.size(), acc.size());
        assertTrue(acc.stream().anyMatch(CommunicationCost.Param::muon));
        assertFalse(acc.get(0).muon(), "the token embedding is on AdamW");
        long n = gpt.values().stream().mapToLong(INDArray::length).sum();
        assertEquals(n, CommunicationCost.totalElements(acc));
        Map<String, INDArray> hidden = DistributedMuonCheck.muonMatrices(gpt);
        assertEquals(acc.stream().filter(CommunicationCost.Param::muon).count(), hidden.size());
        assertTrue(hidden.keySet().stream().allMatch(k -> k.startsWith("transformer.h.") && k.endsWith(".weight")), hidden.keySet().toString());
        assertEquals(CommunicationCost.muonElements(acc), hidden.values().stream().mapToLong(INDArray::length).sum());
        Table c = DistributedMuonCheck.costs(acc, 4);
        assertEquals(4, c.rowCount());
        assertTrue(Double.isNaN(c.doubleColumn("bytes_ratio").getDouble(0)), "one rank moves nothing");
        for (int i = 1; i < 4; i++) {
            double r = c.doubleColumn("bytes_ratio").getDouble(i);
            assertEquals(1 + CommunicationCost.muonElements(acc) / (4.0 * n), r, 1e-12);
            assertTrue(r > 1 && r <= 1.25);
            assertTrue(c.doubleColumn("muon_state_per_rank").getDouble(i) < c.doubleColumn("adamw_state_per_rank").getDouble(i));
        }
        assertEquals(CommunicationCost.stateElements(acc, 1, 0, false), c.doubleColumn("adamw_state_per_rank").getDouble(0), 0);
    }
}
