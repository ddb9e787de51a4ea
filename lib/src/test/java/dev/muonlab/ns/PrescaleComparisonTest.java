package dev.muonlab.ns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The pre-scaling table: exact values for a known spectrum, and the ordering the norms imply. */
class PrescaleComparisonTest {

    @Test
    void startingSpectrumFollowsTheDivisors() {
        double[] s = {2.0, 1.0, 0.5, 0.01};
        INDArray G = TestMatrices.withSpectrum(121, 4, 12, s);
        List<PrescaleComparison.Row> rows = PrescaleComparison.table(G, Schedule.keller(5), PrescaleComparison.standard());
        double fro = Math.sqrt(4 + 1 + 0.25 + 1e-4) + 1e-7;
        assertEquals(0.01 / fro, rows.get(0).startMin(), 1e-12);
        assertEquals(2.0 / fro, rows.get(0).startMax(), 1e-12);
        assertEquals(1.0, rows.get(1).startMax(), 1e-6);                          // spectral: σ_max → 1
        double s4 = Math.pow(16 + 1 + 0.0625 + 1e-8, 0.25) + 1e-7;
        assertEquals(0.01 / s4, rows.get(2).startMin(), 1e-12);
        // Frobenius ≥ Schatten-4 ≥ σ_max: the small singular values start larger in that order
        assertTrue(rows.get(0).startMin() < rows.get(2).startMin() && rows.get(2).startMin() < rows.get(1).startMin());
        assertTrue(rows.get(3).startMax() <= 1 + 1e-12, "AOL keeps σ_max ≤ 1");
        // NS inflates the small singular values under every pre-scaling
        rows.forEach(r -> assertTrue(r.endMin() > 3 * r.startMin(), r.toString()));
    }

    @Test
    void theTableHoldsTheRows() {
        double[] spectrum = new double[16];
        for (int i = 0; i < 16; i++) {
            spectrum[i] = Math.pow(1e-3, i / 15.0);
        }
        INDArray G = TestMatrices.withSpectrum(5, 16, 40, spectrum);
        List<PrescaleComparison.Row> rows = PrescaleComparison.table(G, Schedule.keller(5), PrescaleComparison.standard());
        tech.tablesaw.api.Table t = PrescaleComparison.asTable(rows);
        assertEquals(4, t.rowCount());
        assertEquals(List.of("frobenius", "spectral", "schatten4", "aol"), t.stringColumn(0).asList());
        assertEquals(rows.get(2).endMin(), t.doubleColumn(3).getDouble(2), 0);
    }
}
