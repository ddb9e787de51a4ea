package dev.muonlab.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** The table reproduces Lemma 1 with the exact polar factor: measured RMS = s / sqrt(max(rows, cols)). */
class UpdateRmsTableTest {

    @Test
    void measuredRmsFollowsLemmaOne() {
        Table t = UpdateRmsTable.of(UpdateRmsTable.transformerShapes(16), MuonConfig.exactPolar(), 7);
        assertEquals(4 * UpdateScale.values().length, t.rowCount());
        for (int i = 0; i < t.rowCount(); i++) {
            assertEquals(t.doubleColumn("lemma1_rms").get(i), t.doubleColumn("update_rms").get(i), 1e-9, "row " + i);
            if (t.stringColumn("scale").get(i).equals("MATCH_RMS_ADAMW")) {
                assertEquals(0.2, t.doubleColumn("update_rms").get(i), 1e-9);
            }
        }
        int row = t.stringColumn("shape").indexOf("64x16");                     // first row of the 64x16 shape: ORIGINAL
        assertEquals("ORIGINAL", t.stringColumn("scale").get(row));
        assertEquals(2.0 / 8.0, t.doubleColumn("update_rms").get(row), 1e-9);  // sqrt(64/16) / sqrt(64)
    }
}
