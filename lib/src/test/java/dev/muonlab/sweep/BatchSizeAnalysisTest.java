package dev.muonlab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The read-out on synthetic runs whose curves fall linearly, so T_L is known exactly: each run's
 * steps to L follow McCandlish et al.'s S = S_min (1 + B_crit / B), times 1.5 at the worse lr
 * multiplier, times 0.99 or 1.01 for its two seeds (mean exactly 1).
 */
class BatchSizeAnalysisTest {

    static final int BLOCK = 64;
    static final double TARGET = 2.5;
    static final double[] BATCHES = {8, 32, 128};

    static double exactSteps(String opt, double batch) {
        return opt.equals("adamw") ? 600 * (1 + 40 / batch) : 450 * (1 + 60 / batch);
    }

    @Test
    void recoversTheCriticalBatchTheRatioAndTheBestMultiplier() {
        Table results = Table.create("r", StringColumn.create("run"), StringColumn.create("optimizer"), DoubleColumn.create("batch"),
                DoubleColumn.create("lr_multiplier"), DoubleColumn.create("seed"), DoubleColumn.create("block"));
        Table curves = Table.create("c", StringColumn.create("run"), DoubleColumn.create("tokens"), DoubleColumn.create("val_loss"));
        int id = 0;
        for (String opt : new String[]{"adamw", "muon"}) {
            for (double b : BATCHES) {
                for (double m : new double[]{0.5, 1.0}) {
                    for (int seed = 1; seed <= 2; seed++) {
                        String run = "r" + id++;
                        double steps = exactSteps(opt, b) * (m == 1.0 ? 1 : 1.5) * (seed == 1 ? 0.99 : 1.01);
                        double tokens = steps * b * BLOCK;
                        results.stringColumn("run").append(run);
                        results.stringColumn("optimizer").append(opt);
                        results.doubleColumn("batch").append(b);
                        results.doubleColumn("lr_multiplier").append(m);
                        results.doubleColumn("seed").append(seed);
                        results.doubleColumn("block").append(BLOCK);
                        // a straight line from 4.0 at 0 tokens to 1.0 at 2·tokens: 2.5 exactly at `tokens`
                        for (double[] p : new double[][]{{0, 4.0}, {2 * tokens, 1.0}}) {
                            curves.stringColumn("run").append(run);
                            curves.doubleColumn("tokens").append(p[0]);
                            curves.doubleColumn("val_loss").append(p[1]);
                        }
                    }
                }
            }
        }
        Table perRun = BatchSizeAnalysis.tokensToTargets(results, curves, new double[]{TARGET, 0.5});
        Table best = BatchSizeAnalysis.best(perRun.where(perRun.doubleColumn("target").isEqualTo(TARGET)));
        assertEquals(6, best.rowCount());
        for (int i = 0; i < best.rowCount(); i++) {
            String opt = best.stringColumn("optimizer").get(i);
            double b = best.doubleColumn("batch").getDouble(i);
            assertEquals(1.0, best.doubleColumn("lr_multiplier").getDouble(i));
            assertEquals(exactSteps(opt, b), best.doubleColumn("steps_mean").getDouble(i), 1e-9);
            assertEquals(2.0, best.doubleColumn("seeds_reached").getDouble(i));
        }
        Table ratios = BatchSizeAnalysis.ratios(perRun, best, 1);
        assertEquals(3, ratios.rowCount());
        for (int i = 0; i < 3; i++) {
            double b = ratios.doubleColumn("batch").getDouble(i);
            assertEquals(exactSteps("adamw", b) / exactSteps("muon", b), ratios.doubleColumn("ratio").getDouble(i), 1e-12);
        }
        Table crit = BatchSizeAnalysis.criticalBatches(best);
        assertEquals(40, crit.where(crit.stringColumn("optimizer").isEqualTo("adamw")).doubleColumn("critical_batch").getDouble(0), 1e-6);
        assertEquals(60, crit.where(crit.stringColumn("optimizer").isEqualTo("muon")).doubleColumn("critical_batch").getDouble(0), 1e-6);
        // tokens ∝ S·B = S_min (B + B_crit): fewest at the smallest batch
        assertEquals(8, crit.doubleColumn("token_optimal_batch").getDouble(0));
        // the unreachable target 0.5 leaves every T_L missing
        Table never = BatchSizeAnalysis.best(perRun.where(perRun.doubleColumn("target").isEqualTo(0.5)));
        assertEquals(0.0, never.doubleColumn("seeds_reached").sum());
    }
}
