package dev.muonlab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The simulated iso-loss time: steps × measured step seconds / devices, devices = B / B_min. */
class IsoLossTest {

    @Test
    void timeIsStepsTimesStepSecondsOverDevices() {
        assertEquals(12.5, IsoLoss.time(100, 0.5, 4), 1e-12);
        assertEquals(4.0, IsoLoss.devices(16, 4));
        assertEquals(1.0, IsoLoss.devices(4, 4));
    }

    @Test
    void theTableMeasuresStepSecondsPerBatchAndSkipsUnreachedTargets() {
        Table best = Table.create("best", StringColumn.create("optimizer"), DoubleColumn.create("batch"),
                DoubleColumn.create("target"), DoubleColumn.create("lr_multiplier"), DoubleColumn.create("steps_mean"));
        Object[][] rows = {{"adamw", 4.0, 2.5, 1.0, 1000.0}, {"adamw", 16.0, 2.5, 1.0, 400.0}, {"adamw", 16.0, 2.0, 1.0, Double.NaN}};
        for (Object[] r : rows) {
            best.stringColumn("optimizer").append((String) r[0]);
            best.doubleColumn("batch").append((double) r[1]);
            best.doubleColumn("target").append((double) r[2]);
            best.doubleColumn("lr_multiplier").append((double) r[3]);
            best.doubleColumn("steps_mean").append((double) r[4]);
        }
        Table results = Table.create("r", StringColumn.create("optimizer"), DoubleColumn.create("batch"),
                DoubleColumn.create("lr_multiplier"), DoubleColumn.create("seconds"), DoubleColumn.create("steps_done"));
        // B = 4: two seeds at 0.01 and 0.03 s a step (mean 0.02); B = 16: 0.08 s; a ×2 run at B = 16 is ignored
        Object[][] runs = {{4.0, 1.0, 40.0, 4000.0}, {4.0, 1.0, 120.0, 4000.0}, {16.0, 1.0, 80.0, 1000.0}, {16.0, 2.0, 999.0, 1000.0}};
        for (Object[] r : runs) {
            results.stringColumn("optimizer").append("adamw");
            results.doubleColumn("batch").append((double) r[0]);
            results.doubleColumn("lr_multiplier").append((double) r[1]);
            results.doubleColumn("seconds").append((double) r[2]);
            results.doubleColumn("steps_done").append((double) r[3]);
        }
        Table t = IsoLoss.table(best, results);
        assertEquals(2, t.rowCount());
        assertEquals(1000 * 0.02 / 1, t.doubleColumn("time_s").getDouble(0), 1e-12);
        assertEquals(4.0, t.doubleColumn("devices").getDouble(1));
        assertEquals(0.08, t.doubleColumn("step_seconds").getDouble(1), 1e-12);
        assertEquals(400 * 0.08 / 4, t.doubleColumn("time_s").getDouble(1), 1e-12);
    }
}
