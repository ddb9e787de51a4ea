package dev.muonlab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The report on a synthetic sweep with known answers: AdamW's tokens to L = 2.5 follow McCandlish's
 * E = E_min (1 + B / B_crit), Muon needs 1/1.2, 1/1.4, 1/1.6 of them at B = 4, 16, 64 (three seeds at
 * ×0.98, ×1, ×1.02), and an lr check at B = 4 costs ×1.3 tokens at multiplier 2.
 */
class BatchSizeReportTest {

    static final double[] BATCHES = {4, 16, 64};
    static final double[] MUON_GAIN = {1.2, 1.4, 1.6};
    static final int BLOCK = 64;

    @Test
    void verdictsFollowFromTheNumbers() {
        Table results = Table.create("r", StringColumn.create("run"), StringColumn.create("optimizer"), DoubleColumn.create("batch"),
                DoubleColumn.create("lr_multiplier"), DoubleColumn.create("seed"), DoubleColumn.create("block"),
                DoubleColumn.create("seconds"), DoubleColumn.create("steps_done"));
        Table curves = Table.create("c", StringColumn.create("run"), DoubleColumn.create("tokens"), DoubleColumn.create("val_loss"));
        int id = 0;
        for (String opt : new String[]{"adamw", "muon"}) {
            for (int bi = 0; bi < BATCHES.length; bi++) {
                double b = BATCHES[bi];
                double adamwTokens = 2e5 * (1 + b / 10);
                double tokens = opt.equals("adamw") ? adamwTokens : adamwTokens / MUON_GAIN[bi];
                for (double[] ms : new double[][]{{1, 1}, {1, 2}, {1, 3}, {2, 1}}) {
                    if (ms[0] == 2 && b != 4) {
                        continue;
                    }
                    double t = tokens * (ms[0] == 2 ? 1.3 : 1) * (ms[1] == 1 ? 0.98 : ms[1] == 2 ? 1.0 : 1.02);
                    String run = "r" + id++;
                    results.stringColumn("run").append(run);
                    results.stringColumn("optimizer").append(opt);
                    results.doubleColumn("batch").append(b);
                    results.doubleColumn("lr_multiplier").append(ms[0]);
                    results.doubleColumn("seed").append(ms[1]);
                    results.doubleColumn("block").append(BLOCK);
                    results.doubleColumn("seconds").append(b * 10);          // 0.01·B s a step over 1000 steps
                    results.doubleColumn("steps_done").append(1000);
                    for (double[] p : new double[][]{{0, 4.0}, {2 * t, 1.0}}) {   // 2.5 exactly at t
                        curves.stringColumn("run").append(run);
                        curves.doubleColumn("tokens").append(p[0]);
                        curves.doubleColumn("val_loss").append(p[1]);
                    }
                }
            }
        }
        BatchSizeReport r = BatchSizeReport.of(results, curves, new double[]{2.5});
        assertEquals(6, r.best().rowCount(), "multiplier 1 only");
        assertEquals(3, r.ratios().rowCount());
        for (int i = 0; i < 3; i++) {
            assertEquals(MUON_GAIN[i], r.ratios().doubleColumn("ratio").getDouble(i), 1e-9);
            assertTrue(r.ratios().doubleColumn("low").getDouble(i) > 1);
        }
        assertEquals(2, r.lrCheck().rowCount());
        assertEquals(1.3, r.lrCheck().doubleColumn("relative").getDouble(0), 1e-9);
        // simulated time at B = 16 for AdamW: steps = tokens / (16·64), step 0.16 s, 4 devices
        double steps16 = 2e5 * (1 + 1.6) / (16 * BLOCK);
        Table iso = r.isoLoss().where(r.isoLoss().stringColumn("optimizer").isEqualTo("adamw")
                .and(r.isoLoss().doubleColumn("batch").isEqualTo(16)));
        assertEquals(steps16 * 0.16 / 4, iso.doubleColumn("time_s").getDouble(0), 1e-9);
        Table v = r.verdicts();
        assertEquals(4, v.rowCount());
        assertEquals("reproduced", v.stringColumn("verdict").get(0), "R ≥ 1: every CI above 1");
        assertEquals("reproduced", v.stringColumn("verdict").get(1), "R rises with B");
        assertEquals("not reproduced", v.stringColumn("verdict").get(2), "R ≈ 1.4: 29 % fewer, above 10-15 %");
        // tokens grow with B for both: both token-optimal at the grid's smallest batch → unresolved
        assertEquals("inconclusive", v.stringColumn("verdict").get(3));
    }
}
