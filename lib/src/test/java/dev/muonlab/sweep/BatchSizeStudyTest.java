package dev.muonlab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** The batch-size study at smoke size: its bookkeeping, and one robust property of real training. */
class BatchSizeStudyTest {

    /** An untrained GPT predicts nearly uniformly over the 65 characters: loss ≈ ln 65 (nanoGPT's init). */
    static final double UNIFORM_LOSS = Math.log(65);
    static final double INIT_TOLERANCE = 0.1;
    /** What 30-120 steps of either optimizer must at least take off the initial loss (seen: ~1 nat). */
    static final double MIN_PROGRESS = 0.3;

    @TempDir
    Path dir;

    @Test
    void specsScaleTheLearningRateBySqrtBAndFixTheTokenBudget() {
        List<RunSpec> specs = new BatchSizeStudy().specs(SweepPreset.FULL);
        assertEquals(3 * 4 * 3 + 3 * 2 * 2, specs.size(), "main grid (3 seeds) + lr check (×0.5, ×2 at B = 4, 256, seed 1)");
        assertEquals(specs.size(), Sweep.checkedSpecs(new BatchSizeStudy(), SweepPreset.FULL).size());
        List<RunSpec> scaled = new BatchSizeStudy().specs(SweepPreset.FULL, 4);
        for (int i = 0; i < specs.size(); i++) {
            assertEquals(4 * specs.get(i).getLong("tokens"), scaled.get(i).getLong("tokens"));
            assertTrue(!specs.get(i).hash().equals(scaled.get(i).hash()), "a scaled run is another spec");
        }
        for (RunSpec s : specs) {
            double scale = s.getDouble("lr_multiplier") * Math.sqrt(s.getInt("batch") / 12.0);
            assertEquals(1e-3 * scale, s.getDouble("lr"), 1e-15);
            assertEquals(0.02 * scale, s.getDouble("muon_lr"), 1e-15);
            assertEquals(s.getLong("tokens") / (s.getInt("batch") * 64L), CharGptRun.steps(s));
        }
    }

    @Test
    void everySmokeRunLearnsFromTheUniformStart() {
        BatchSizeStudy study = new BatchSizeStudy();
        RunStore store = new RunStore(dir, w -> { throw new AssertionError(w); });
        Sweep.Outcome out = Sweep.run(study, SweepPreset.SMOKE, store, new LocalExecutor(2), (d, t, m) -> { });
        Table t = out.results();
        assertEquals(4, t.rowCount());
        Table curves = Sweep.curves(study.specs(SweepPreset.SMOKE), store);
        for (int i = 0; i < t.rowCount(); i++) {
            String run = t.stringColumn("run").get(i);
            Table c = curves.where(curves.stringColumn("run").isEqualTo(run));
            double initial = c.doubleColumn("val_loss").getDouble(0);
            assertEquals(UNIFORM_LOSS, initial, INIT_TOLERANCE, run);
            assertEquals(0.0, t.doubleColumn("diverged").getDouble(i), run);
            double last = t.doubleColumn("final_val_loss").getDouble(i);
            assertTrue(last < initial - MIN_PROGRESS, run + ": " + initial + " -> " + last);
            assertEquals(16 * 16 * 30, t.doubleColumn("tokens_seen").getDouble(i), 16 * 16, run);
            double tokensToHalfway = TokensToTarget.firstCrossing(c.doubleColumn("tokens").asDoubleArray(),
                    c.doubleColumn("val_loss").asDoubleArray(), (initial + last) / 2);
            assertTrue(tokensToHalfway > 0 && tokensToHalfway <= t.doubleColumn("tokens_seen").getDouble(i), run);
        }
    }
}
