package dev.muonlab.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The read-outs' tables notebook 08 charts, on small hand-made sweeps whose answers are known. */
class MoonlightTablesTest {

    @Test
    void finalLossByTargetAveragesEachEntrantOverSeeds() {
        Table results = Table.create("r",
                StringColumn.create("optimizer", "adamw", "adamw", "muon", "muon-moonlight", "muon-moonlight", "muon-moonlight"),
                DoubleColumn.create("update_rms", Double.NaN, Double.NaN, Double.NaN, 0.2, 0.2, 0.8),
                DoubleColumn.create("final_val_loss", 2.0, 2.2, 1.7, 1.9, 2.1, 1.75),
                DoubleColumn.create(UpdateRmsAnalysis.MEASURED, 0.21, 0.23, 1.0, 0.17, 0.19, 0.7));
        Table t = UpdateRmsAnalysis.finalLossByTarget(results);
        assertEquals(List.of("adamw", "muon", "muon-moonlight", "muon-moonlight"), t.stringColumn("optimizer").asList(),
                "targets without runs (0.05, 0.1, 0.4) are left out");
        assertEquals(2.1, t.doubleColumn("final_loss_mean").getDouble(0), 1e-12);
        assertEquals(Math.sqrt(0.02), t.doubleColumn("final_loss_sd").getDouble(0), 1e-12);
        assertEquals(0.22, t.doubleColumn("measured_rms_mean").getDouble(0), 1e-12);
        assertEquals(0.2, t.doubleColumn("update_rms").getDouble(2), 0);
        assertEquals(2.0, t.doubleColumn("final_loss_mean").getDouble(2), 1e-12);
        assertTrue(Double.isNaN(t.doubleColumn("final_loss_sd").getDouble(3)), "one seed: no sd");
        assertEquals(1, t.intColumn("seeds").getInt(3));
    }

    @Test
    void xmodelArmsAreSeedMeansWithTheSwitchStep() {
        Table results = Table.create("r", StringColumn.create("run", "a1", "b1", "a2", "b2"),
                StringColumn.create("stable_optimizer", "adamw", "adamw", "adamw", "adamw"),
                StringColumn.create("decay_optimizer", "adamw", "muon-moonlight", "adamw", "muon-moonlight"),
                DoubleColumn.create("seed", 1, 1, 2, 2), DoubleColumn.create("steps", 8, 8, 8, 8),
                DoubleColumn.create("decay_steps", 4, 4, 4, 4), DoubleColumn.create("final_val_loss", 2.0, 1.9, 2.2, 2.0));
        Table curves = Table.create("c", StringColumn.create("run", "a1", "a1", "a1", "b1", "b1", "b1", "a2", "a2", "a2", "b2", "b2", "b2"),
                DoubleColumn.create("step", 0, 4, 8, 0, 4, 8, 0, 4, 8, 0, 4, 8),
                DoubleColumn.create("val_loss", 4, 3, 2.0, 4, 3, 1.9, 4.2, 3.2, 2.2, 4.2, 3.2, 2.0));
        Table c = XmodelSwitchAnalysis.armCurves(results, curves);
        assertEquals(6, c.rowCount(), "two arms × three steps; no all-Muon runs");
        assertEquals("adamw → muon-moonlight", c.stringColumn("arm").getString(3));
        assertEquals(3.1, c.doubleColumn("val_loss").getDouble(4), 1e-12);
        assertEquals(4, c.doubleColumn("switch_step").getDouble(0), 0);
        assertEquals(2, c.intColumn("seeds").getInt(5));
        Table f = XmodelSwitchAnalysis.finalLosses(results, curves);
        assertEquals(2, f.rowCount());
        assertEquals(3.1, f.doubleColumn("loss_at_switch").getDouble(1), 1e-12);
        assertEquals(1.95, f.doubleColumn("final_loss_mean").getDouble(1), 1e-12);
        assertEquals(Math.sqrt(0.005), f.doubleColumn("final_loss_sd").getDouble(1), 1e-12);
    }

    @Test
    void weightDecayMeanCurvesAndTheirCrossing() {
        Table results = Table.create("r", StringColumn.create("run", "w1", "n1", "w2", "n2"), DoubleColumn.create("seed", 1, 1, 2, 2),
                DoubleColumn.create("wd_all", 0.1, 0, 0.1, 0));
        Table curves = Table.create("c", StringColumn.create("run"), DoubleColumn.create("tokens"), DoubleColumn.create("val_loss"),
                DoubleColumn.create("hidden_weight_rms"), DoubleColumn.create("logit_rms"));
        double[][] loss = {{3.0, 2.2, 2.0}, {3.0, 2.0, 2.2}, {3.0, 2.4, 2.0}, {3.0, 2.2, 2.4}};   // WD behind at 100, ahead at 200
        String[] runs = {"w1", "n1", "w2", "n2"};
        for (int r = 0; r < 4; r++) {
            for (int i = 0; i < 3; i++) {
                curves.stringColumn("run").append(runs[r]);
                curves.doubleColumn("tokens").append(100.0 * i);
                curves.doubleColumn("val_loss").append(loss[r][i]);
                curves.doubleColumn("hidden_weight_rms").append(r % 2 == 0 ? 0.02 : 0.02 + 0.01 * i);
                curves.doubleColumn("logit_rms").append(1.0 + r);
            }
        }
        Table m = WeightDecayAnalysis.meanCurves(results, curves);
        assertEquals(6, m.rowCount());
        assertEquals(0.1, m.doubleColumn("weight_decay").getDouble(0), 0);
        assertEquals(2.3, m.doubleColumn("val_loss").getDouble(1), 1e-12);
        assertEquals(2.3, m.doubleColumn("val_loss").getDouble(5), 1e-12);
        assertEquals(0.04, m.doubleColumn("hidden_weight_rms").getDouble(5), 1e-12);
        assertEquals(3.0, m.doubleColumn("logit_rms").getDouble(3), 1e-12);
        // mean difference: 0 at 0 (skipped), +0.2 at 100, −0.3 at 200: crosses at 100 + 100·0.2/0.5 = 140
        assertArrayEquals(new double[]{140}, WeightDecayAnalysis.crossingTokens(results, curves), 1e-9);
    }

    @Test
    void lawsRecoverAnExactPowerLawAndItsRatio() {
        Table results = Table.create("r", StringColumn.create("run"), StringColumn.create("optimizer"), DoubleColumn.create("width"),
                DoubleColumn.create("layers"), DoubleColumn.create("block"));
        Table curves = Table.create("c", StringColumn.create("run"), DoubleColumn.create("tokens"), DoubleColumn.create("val_loss"));
        double[] a = {3.0, 2.8}, b = {-0.05, -0.05};
        String[] opts = {"adamw", "muon"};
        for (int o = 0; o < 2; o++) {
            String run = opts[o];
            results.stringColumn("run").append(run);
            results.stringColumn("optimizer").append(run);
            results.doubleColumn("width").append(32);
            results.doubleColumn("layers").append(2);
            results.doubleColumn("block").append(16);
            for (int t = 1; t <= 6; t++) {
                double c = WidthRun.flopsPerToken(2, 32, 16, 65) * 1000.0 * t;
                curves.stringColumn("run").append(run);
                curves.doubleColumn("tokens").append(1000.0 * t);
                curves.doubleColumn("val_loss").append(a[o] * Math.pow(c, b[o]));
            }
        }
        Table laws = ScalingLawAnalysis.laws(results, curves);
        assertEquals(List.of("adamw", "muon"), laws.stringColumn("optimizer").asList());
        assertEquals(3.0, laws.doubleColumn("a").getDouble(0), 1e-6);
        assertEquals(-0.05, laws.doubleColumn("b").getDouble(1), 1e-9);
        assertTrue(Double.isNaN(laws.doubleColumn("ratio_vs_adamw").getDouble(0)), "AdamW is the reference");
        double expected = Math.pow(2.8 / 3.0, 1 / 0.05);                                  // (a_M/a_A)^(−1/b): equal exponents
        assertEquals(expected, laws.doubleColumn("ratio_vs_adamw").getDouble(1), 1e-6);
        assertEquals(expected, laws.doubleColumn("ratio_low").getDouble(1), 1e-6, "exact data: the interval collapses");
    }
}
