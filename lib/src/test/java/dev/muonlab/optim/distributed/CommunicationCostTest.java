package dev.muonlab.optim.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.muonlab.optim.distributed.CommunicationCost.Param;
import dev.muonlab.optim.distributed.CommunicationCost.Volume;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Distributed Muon's memory and communication against ZeRO-1 AdamW, against numbers worked by hand,
 * and Moonlight's bound (arXiv 2502.16982 §3.4: 4 + 2 + 4 bytes against 4 + 4, at most 1.25×).
 */
class CommunicationCostTest {

    /** A tiny GPT-like model: embedding (65, 32) and gain (32) on AdamW, two MLP matrices on Muon. */
    private static final List<Param> MODEL = List.of(new Param(65, 32, false), new Param(128, 32, true),
            new Param(32, 128, true), new Param(32, 1, false));

    @Test
    void volumesAtFourRanksMatchTheHandCount() {
        // N = 2080 + 4096 + 4096 + 32 = 10304, N_M = 8192; k − 1 = 3
        assertEquals(10304, CommunicationCost.totalElements(MODEL));
        assertEquals(8192, CommunicationCost.muonElements(MODEL));
        Volume adamw = CommunicationCost.zero1AdamW(MODEL, 4);
        Volume muon = CommunicationCost.distributedMuon(MODEL, 4);
        assertEquals(30912, adamw.reduceScatterElements());
        assertEquals(30912, adamw.allGatherElements());
        assertEquals(0, adamw.gatherElements());
        assertEquals(247296, adamw.bytes());                     // 8 · 30912
        assertEquals(24576, muon.gatherElements());              // 3 · 8192
        assertEquals(296448, muon.bytes());                      // 247296 + 2 · 24576
        assertEquals(86400, muon.elements());
        assertEquals(296448.0 / 247296.0, CommunicationCost.ratio(MODEL, 4), 0);
        assertEquals(1 + 8192.0 / (4 * 10304), CommunicationCost.ratio(MODEL, 4), 1e-15);   // 1.19876
    }

    @Test
    void ratioSpansMoonlightsOneToOnePointTwoFive() {
        List<Param> allMuon = List.of(new Param(64, 64, true), new Param(256, 64, true));
        List<Param> noMuon = List.of(new Param(64, 64, false));
        for (int k = 2; k <= 64; k *= 2) {
            assertEquals(1.25, CommunicationCost.ratio(allMuon, k), 0, "upper bound, k " + k);
            assertEquals(1.0, CommunicationCost.ratio(noMuon, k), 0);
            double r = CommunicationCost.ratio(MODEL, k);
            assertTrue(r > 1 && r <= 1.25);
        }
        assertTrue(Double.isNaN(CommunicationCost.ratio(MODEL, 1)));                 // one rank: nothing moves
        assertEquals(0, CommunicationCost.distributedMuon(MODEL, 1).bytes());
    }

    @Test
    void muonHoldsHalfOfAdamWsStateOnItsMatrices() {
        // k = 4: (128, 32) → 32 rows · 32 = 1024; (32, 128) → 8 · 128 = 1024; (65, 32) → 17 or 16 rows; (32, 1) → 8
        assertEquals(1024 + 1024 + 2 * (17 * 32 + 8), CommunicationCost.stateElements(MODEL, 4, 0, true));   // 3152
        assertEquals(2 * (1024 + 1024 + 17 * 32 + 8), CommunicationCost.stateElements(MODEL, 4, 0, false));  // 5200
        assertEquals(1024 + 1024 + 2 * (16 * 32 + 8), CommunicationCost.stateElements(MODEL, 4, 1, true));   // 3088
        long muonTotal = 0;
        long adamTotal = 0;
        for (int r = 0; r < 4; r++) {
            muonTotal += CommunicationCost.stateElements(MODEL, 4, r, true);
            adamTotal += CommunicationCost.stateElements(MODEL, 4, r, false);
        }
        assertEquals(8192 + 2 * 2112, muonTotal);                // every element held once, Muon's once, AdamW's twice
        assertEquals(2 * 10304, adamTotal);
        assertEquals(4096, CommunicationCost.gatheredElements(MODEL));
    }
}
