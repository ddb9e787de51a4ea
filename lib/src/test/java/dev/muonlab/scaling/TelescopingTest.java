package dev.muonlab.scaling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.muonlab.scaling.Telescoping.Stage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Telescoping}: stage grids and costs worked by hand (Essential AI, arXiv 2505.02222, Algorithm 1). */
class TelescopingTest {

    private static int[] points(List<Stage> stages) {
        return stages.stream().mapToInt(Stage::points).toArray();
    }

    @Test
    void twoHyperParametersFromEightPointsGiveThePapersGrids() {
        // N_0 = 256 → N_c = 2048: three doublings; 4^(−1/2) = 1/2 per doubling: 8, 4 → 5, 2 → 3, 1 → 1
        List<Stage> s = Telescoping.stages(256, 2048, 2, 8, Telescoping.WIDTH_SQUARED);
        assertArrayEquals(new int[] {8, 5, 3, 1}, points(s));                       // 8×8, 5×5, 3×3, 1×1
        assertArrayEquals(new long[] {256, 512, 1024, 2048}, s.stream().mapToLong(Stage::width).toArray());
        assertArrayEquals(new long[] {64, 25, 9, 1}, s.stream().mapToLong(Stage::runs).toArray());
        assertArrayEquals(new double[] {64, 100, 144, 64}, s.stream().mapToDouble(Stage::cost).toArray(), 0);  // runs·4^s
        assertEquals(372, Telescoping.totalCost(s), 0);
        assertEquals(64 * 64, Telescoping.fullGridCost(256, 2048, 2, 8, 2), 0);      // 4096: 11× the telescoped 372
        assertEquals(4 * 64, Telescoping.exactTotalCost(8, 2, 3, 2), 1e-9);          // every exact stage costs m^k = 64
        assertArrayEquals(new double[] {8, 4, 2, 1}, s.stream().mapToDouble(Stage::exactPoints).toArray(), 1e-12);
    }

    @Test
    void oneAndThreeHyperParameters() {
        // k = 1, m = 16: exact 16, 4, 1, 0.25 → 16, 5, 1, 1; costs 16, 20, 16, 64
        List<Stage> one = Telescoping.stages(64, 512, 1, 16, 2);
        assertArrayEquals(new int[] {16, 5, 1, 1}, points(one));
        assertEquals(16 + 20 + 16 + 64, Telescoping.totalCost(one), 0);
        assertEquals(16 * 64, Telescoping.fullGridCost(64, 512, 1, 16, 2), 0);
        // k = 3, m = 8: exact 8, 8·4^(−1/3) = 5.04, 8·4^(−2/3) = 3.17 → 8, 5, 3; runs 512, 125, 27; costs 512, 500, 432
        List<Stage> three = Telescoping.stages(128, 512, 3, 8, 2);
        assertArrayEquals(new int[] {8, 5, 3}, points(three));
        assertEquals(5.039684199579493, three.get(1).exactPoints(), 1e-12);
        assertEquals(512 + 500 + 432, Telescoping.totalCost(three), 0);
        assertEquals(3 * 512, Telescoping.exactTotalCost(8, 3, 2, 2), 1e-9);
        assertEquals(512 * 16, Telescoping.fullGridCost(128, 512, 3, 8, 2), 0);
    }

    @Test
    void costExponentIsAParameter() {
        // p = 4 (tokens ∝ parameters, Chinchilla-style): stage s costs runs·16^s
        List<Stage> s = Telescoping.stages(256, 1024, 2, 8, 4);
        assertArrayEquals(new double[] {64, 25 * 16, 9 * 256}, s.stream().mapToDouble(Stage::cost).toArray(), 0);
    }

    @Test
    void nearestOddRoundsTiesUp() {
        assertEquals(1, Telescoping.nearestOdd(0.25));
        assertEquals(1, Telescoping.nearestOdd(1));
        assertEquals(3, Telescoping.nearestOdd(2));
        assertEquals(3, Telescoping.nearestOdd(3.9));
        assertEquals(5, Telescoping.nearestOdd(4));
        assertEquals(5, Telescoping.nearestOdd(5.04));
        assertEquals(7, Telescoping.nearestOdd(6));
    }

    @Test
    void refusesWidthsThatAreNotDoublings() {
        assertThrows(IllegalArgumentException.class, () -> Telescoping.stages(256, 768, 2, 8, 2));
        assertThrows(IllegalArgumentException.class, () -> Telescoping.stages(256, 128, 2, 8, 2));
        assertEquals(0, Telescoping.doublings(256, 256));
    }
}
