package dev.muonlab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.muonlab.MuonLabHome;
import dev.muonlab.train.TrainConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * Issue 17's studies (Moonlight's update RMS and weight decay, Xmodel-2.5's switch): their specs,
 * that the RMS target field left every stored run's identity alone, and one smoke sweep each into a
 * temporary store.
 */
class MoonlightStudiesTest {

    @TempDir
    Path dir;

    private static Sweep.Outcome smoke(Study study, RunStore store) {
        return Sweep.run(study, SweepPreset.SMOKE, store, new LocalExecutor(2), (d, t, m) -> { });
    }

    /** Every committed critical-batch result is still found under its spec's hash. */
    @Test
    void theStoredCriticalBatchRunsKeepTheirHashes() {
        Path stored = MuonLabHome.root().resolve("data/results/critical-batch");
        List<RunSpec> specs = new CriticalBatchStudy().specs(SweepPreset.FULL);
        for (RunSpec s : specs) {
            assertTrue(Files.isDirectory(stored.resolve(s.hash())), "stored run " + s.hash() + " of " + s);
            TrainConfig c = CharGptRun.config(s);
            assertTrue(Double.isNaN(c.updateRms()), "no RMS override on an old spec");
            assertFalse(c.describe().containsKey("update_rms"), "config.properties unchanged");
        }
        TrainConfig c = CharGptRun.config(specs.get(0));
        assertEquals(c, TrainConfig.parse(c.describe()), "an old folder reads back as it was");
        assertEquals(0.4, TrainConfig.parse(c.withUpdateRms(0.4).describe()).updateRms(), 0.0);
    }

    @Test
    void theRegistryListsTheThreeStudies() {
        assertTrue(Studies.names().containsAll(List.of("update-rms", "weight-decay", "xmodel-switch")));
    }

    @Test
    void updateRmsSmokeRunsEveryTargetAndReadsOut() {
        UpdateRmsStudy study = new UpdateRmsStudy();
        List<RunSpec> full = study.specs(SweepPreset.FULL);
        assertEquals(7 * 3, full.size());
        for (RunSpec s : full) {
            double r = s.params().containsKey("update_rms") ? s.getDouble("update_rms") : Double.NaN;
            assertEquals(r, CharGptRun.config(s).updateRms(), 0.0, "the target reaches the config");
        }
        Sweep.Outcome o = smoke(study, new RunStore(dir, w -> { throw new AssertionError(w); }));
        assertEquals(7, o.executed());
        assertEquals(0.0, o.results().doubleColumn("diverged").sum());
        Table v = study.summary(SweepPreset.SMOKE, o.results(), Table.create("none")).orElseThrow();
        assertEquals(5, v.rowCount());
        assertEquals("inconclusive", v.stringColumn("verdict").getString(0), "one seed decides nothing");
        for (int i = 0; i < o.results().rowCount(); i++) {
            double measured = o.results().doubleColumn(UpdateRmsAnalysis.MEASURED).getDouble(i);
            double r = o.results().doubleColumn("update_rms").getDouble(i);
            if (!Double.isNaN(r)) {
                assertEquals(r, measured, r * UpdateRmsAnalysis.NS5_TOLERANCE, "the measured update RMS/lr in training");
            }
        }
    }

    @Test
    void weightDecaySmokeRecordsWeightAndLogitRms() {
        WeightDecayStudy study = new WeightDecayStudy();
        RunStore store = new RunStore(dir, w -> { throw new AssertionError(w); });
        Sweep.Outcome o = smoke(study, store);
        assertEquals(2, o.executed());
        Table curves = Sweep.curves(o.specs(), store);
        for (String c : WeightRmsProbe.COLUMNS) {
            assertTrue(curves.numberColumn(c).min() > 0, c + " is positive");
            assertTrue(Double.isFinite(curves.numberColumn(c).max()), c + " is finite");
        }
        List<WeightDecayAnalysis.Pair> pairs = WeightDecayAnalysis.pairs(o.results(), curves);
        assertEquals(1, pairs.size());
        WeightDecayAnalysis.Pair p = pairs.get(0);
        assertEquals(p.weightWd()[0], p.weightNoWd()[0], 0.0, "same seed: same initial weights");
        assertTrue(WeightDecayAnalysis.last(p.weightNoWd()) > WeightDecayAnalysis.last(p.weightWd()),
                "decay 0.1 shrinks the hidden weights");
        assertEquals(3, study.summary(SweepPreset.SMOKE, o.results(), curves).orElseThrow().rowCount());
    }

    @Test
    void crossingsAreInterpolatedAndExactZerosSkipped() {
        double[] x = {0, 10, 20, 30, 40};
        double[] d = {0, 0.2, 0.1, -0.1, -0.3};
        assertEquals(1, WeightDecayAnalysis.crossings(x, d).length);
        assertEquals(25.0, WeightDecayAnalysis.crossings(x, d)[0], 1e-12);
        assertEquals(Verdicts.Verdict.REPRODUCED,
                WeightDecayAnalysis.crossVerdict(WeightDecayAnalysis.crossings(x, d), d, new double[]{-0.2, -0.4}));
        assertEquals(Verdicts.Verdict.NOT_REPRODUCED,
                WeightDecayAnalysis.crossVerdict(new double[0], new double[]{0, 0.1, 0.2}, new double[]{0.2, 0.1}));
        assertEquals(0, WeightDecayAnalysis.crossings(x, new double[]{0, 1, 2, 3, 4}).length);
    }

    /** The forks (a) and (b) share the stable phase bit for bit and part at the switch; (c) differs from the start. */
    @Test
    void xmodelSmokeForksOneStablePhase() {
        XmodelSwitchStudy study = new XmodelSwitchStudy();
        RunStore store = new RunStore(dir, w -> { throw new AssertionError(w); });
        Sweep.Outcome o = smoke(study, store);
        assertEquals(3, o.executed());
        List<RunSpec> specs = o.specs();
        int at = XmodelSwitchStudy.switchStep(specs.get(1));
        Table a = store.load(specs.get(0)).orElseThrow().curve();
        Table b = store.load(specs.get(1)).orElseThrow().curve();
        Table c = store.load(specs.get(2)).orElseThrow().curve();
        boolean partedAfter = false;
        for (int i = 0; i < a.rowCount(); i++) {
            double step = a.numberColumn("step").getDouble(i);
            double la = a.numberColumn("val_loss").getDouble(i), lb = b.numberColumn("val_loss").getDouble(i);
            if (step <= at) {
                assertEquals(la, lb, 0.0, "stable phase, step " + step);
            } else {
                partedAfter |= la != lb;
            }
        }
        assertTrue(partedAfter, "the decay phases differ");
        assertTrue(a.numberColumn("val_loss").getDouble(1) != c.numberColumn("val_loss").getDouble(1), "all-Muon differs early");
        Table v = study.summary(SweepPreset.SMOKE, o.results(), Sweep.curves(specs, store)).orElseThrow();
        assertEquals(4, v.rowCount());
        assertEquals("inconclusive", v.stringColumn("verdict").getString(0), "a loss cannot decide an accuracy claim");
        assertEquals("reproduced", v.stringColumn("verdict").getString(3), "the identity check");
    }

    /** Table 8's own numbers, spread over three seeds, reproduce; an end at the optimum does not; one seed decides nothing. */
    @Test
    void updateRmsRuleReadsTable8() {
        java.util.TreeMap<Double, double[]> t8 = new java.util.TreeMap<>();
        t8.put(0.05, new double[]{3.503, 3.513, 3.493});
        t8.put(0.1, new double[]{3.374, 3.384, 3.364});
        t8.put(0.2, new double[]{3.325, 3.335, 3.315});
        t8.put(0.4, new double[]{3.314, 3.324, 3.304});
        t8.put(0.8, new double[]{3.543, 3.553, 3.533});
        assertEquals(0.4, UpdateRmsAnalysis.bestTarget(t8));
        assertEquals(Verdicts.Verdict.REPRODUCED, UpdateRmsAnalysis.interiorOptimum(t8));
        t8.put(0.8, new double[]{3.203, 3.213, 3.193});
        assertEquals(Verdicts.Verdict.NOT_REPRODUCED, UpdateRmsAnalysis.interiorOptimum(t8));
        java.util.TreeMap<Double, double[]> one = new java.util.TreeMap<>();
        UpdateRmsStudy.TARGETS.forEach(r -> one.put(r, new double[]{3 + Math.abs(r - 0.3)}));
        assertEquals(Verdicts.Verdict.INCONCLUSIVE, UpdateRmsAnalysis.interiorOptimum(one));
    }

    @Test
    void xmodelLossProxyNeedsThreePairedSeeds() {
        double[] adamw = {1.50, 1.60, 1.55};
        double[] muon = {1.47, 1.571, 1.519};
        assertEquals(Verdicts.Verdict.REPRODUCED, XmodelSwitchAnalysis.lowerPaired(muon, adamw));
        assertEquals(Verdicts.Verdict.NOT_REPRODUCED, XmodelSwitchAnalysis.lowerPaired(adamw, muon));
        assertEquals(Verdicts.Verdict.INCONCLUSIVE, XmodelSwitchAnalysis.lowerPaired(new double[]{1.47, 1.57},
                new double[]{1.50, 1.60}));
    }
}
