package dev.muonlab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.muonlab.optim.MuonConfig;
import dev.muonlab.train.TrainConfig;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** Sato et al.'s grid as a study: its specs, how β and λ reach the optimizer, resume, and the smoke read-out. */
class CriticalBatchStudyTest {

    @TempDir
    Path dir;

    @Test
    void theFullGridIsThePapersAndEverySpecHashesDistinctly() {
        CriticalBatchStudy study = (CriticalBatchStudy) Studies.byName("critical-batch");
        List<RunSpec> specs = study.specs(SweepPreset.FULL);
        assertEquals(2 * 4 * 3 * 4, specs.size());
        Set<String> hashes = new HashSet<>();
        specs.forEach(s -> hashes.add(s.hash()));
        assertEquals(specs.size(), hashes.size());
        Set<String> batchSizeHashes = new HashSet<>();
        new BatchSizeStudy().specs(SweepPreset.FULL).forEach(s -> batchSizeHashes.add(s.hash()));
        assertTrue(hashes.stream().noneMatch(batchSizeHashes::contains));
        for (RunSpec s : specs) {
            assertTrue(CriticalBatchStudy.BETAS.contains(s.getDouble("momentum")));
            assertTrue(CriticalBatchStudy.LAMBDAS.contains(s.getDouble("weight_decay")));
            assertEquals(3L << 16, s.getLong("tokens"));
        }
        assertThrows(IllegalArgumentException.class, () -> study.specs(SweepPreset.FULL, 0));
    }

    /** β and λ land where the study's comment says: Muon's momentum and hidden decay; AdamW's β₁ and decay. */
    @Test
    void betaAndLambdaReachTheRunsConfig() {
        for (RunSpec s : new CriticalBatchStudy().specs(SweepPreset.FULL)) {
            TrainConfig c = CharGptRun.config(s);
            assertEquals(s.getDouble("momentum"), c.momentum());
            if (s.get("optimizer").equals("adamw")) {
                assertEquals(s.getDouble("weight_decay"), c.weightDecay());
                assertTrue(Double.isNaN(c.hiddenWeightDecay()));
            } else {
                assertEquals(0.1, c.weightDecay(), "Muon's AdamW groups keep nanoGPT's decay");
                assertEquals(s.getDouble("weight_decay"), c.hiddenWeightDecay());
            }
        }
        // a batch-size run has neither: the recipes' own, as before the overrides existed
        TrainConfig plain = CharGptRun.config(new BatchSizeStudy().specs(SweepPreset.DEFAULT).get(3));
        assertTrue(Double.isNaN(plain.momentum()) && Double.isNaN(plain.hiddenWeightDecay()));
    }

    @Test
    void theSmokeSweepResumesAndReadsOut() {
        CriticalBatchStudy study = new CriticalBatchStudy();
        RunStore store = new RunStore(dir, w -> { throw new AssertionError(w); });
        Sweep.Outcome first = Sweep.run(study, SweepPreset.SMOKE, store, new LocalExecutor(2), (d, t, m) -> { });
        assertEquals(8, first.executed());
        Sweep.Outcome again = Sweep.run(study, SweepPreset.SMOKE, store, new LocalExecutor(2), (d, t, m) -> { });
        assertEquals(0, again.executed());
        assertEquals(8, again.skipped());
        Table results = again.results();
        assertEquals(0.0, results.doubleColumn("diverged").sum());
        Table bStars = CriticalBatchAnalysis.bStars(results, Sweep.curves(study.specs(SweepPreset.SMOKE), store),
                CriticalBatchStudy.targets(SweepPreset.SMOKE));
        assertEquals(2 * 2 * 2, bStars.rowCount(), "optimizer × β × target");
        for (int i = 0; i < bStars.rowCount(); i++) {
            double b = bStars.doubleColumn("b_star").getDouble(i);
            assertTrue(Double.isNaN(b) || b == 4 || b == 16, "two batches: b* is one of them");
        }
        assertFalse(CriticalBatchAnalysis.verdicts(bStars).isEmpty());
        assertEquals(4 * (2 * 0.9 + 1) * (1 - 0.9) / 4 + 0.01, CriticalBatchAnalysis.satoFactor(0.9, 0.01), 1e-12);
    }
}
