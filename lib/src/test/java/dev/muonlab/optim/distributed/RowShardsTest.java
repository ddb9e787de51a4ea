package dev.muonlab.optim.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link RowShards}: NumPy array_split's blocks, checked by hand and by covering every row once. */
class RowShardsTest {

    @Test
    void sevenRowsOverThreeRanksAreThreeTwoTwo() {
        RowShards s = new RowShards(7, 3);
        assertEquals(0, s.offset(0));
        assertEquals(3, s.length(0));
        assertEquals(3, s.offset(1));
        assertEquals(2, s.length(1));
        assertEquals(5, s.offset(2));
        assertEquals(7, s.end(2));
    }

    @Test
    void moreRanksThanRowsLeavesTheLastRanksEmpty() {
        RowShards s = new RowShards(2, 4);
        assertEquals(1, s.length(0));
        assertEquals(1, s.length(1));
        assertEquals(0, s.length(2));
        assertEquals(2, s.offset(3));
        assertEquals(0, s.length(3));
    }

    @Test
    void blocksCoverEveryRowOnceAndDifferByAtMostOne() {
        for (long rows = 0; rows <= 40; rows++) {
            for (int k = 1; k <= 9; k++) {
                RowShards s = new RowShards(rows, k);
                long next = 0;
                long min = Long.MAX_VALUE;
                long max = 0;
                for (int r = 0; r < k; r++) {
                    assertEquals(next, s.offset(r), "rows " + rows + " k " + k + " rank " + r);
                    next = s.end(r);
                    min = Math.min(min, s.length(r));
                    max = Math.max(max, s.length(r));
                }
                assertEquals(rows, next);
                assertTrue(max - min <= 1);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new RowShards(5, 0));
        assertThrows(IllegalArgumentException.class, () -> new RowShards(5, 2).offset(2));
    }
}
