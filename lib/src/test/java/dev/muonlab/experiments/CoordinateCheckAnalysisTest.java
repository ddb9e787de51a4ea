package dev.muonlab.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.muonlab.sweep.Verdicts;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The coordinate check's read-out: exact growth ratios and the stated verdict rules at their edges. */
class CoordinateCheckAnalysisTest {

    /** Two widths, two steps, two layers; the last step's RMS as given, step 0 at 1. */
    private static Table check(double spBlockWide, double spLogitsWide, double mupBlockWide, double mupLogitsWide) {
        Table t = Table.create("c", IntColumn.create("width"), StringColumn.create("parameterization"), IntColumn.create("step"),
                StringColumn.create("layer"), DoubleColumn.create("rms"));
        String[] ps = {"SP", "muP"};
        double[][] wide = {{spBlockWide, spLogitsWide}, {mupBlockWide, mupLogitsWide}};
        String[] layers = {"block0", "logits"};
        for (int p = 0; p < 2; p++) {
            for (int w : new int[]{64, 512}) {
                for (int step = 0; step < 2; step++) {
                    for (int l = 0; l < 2; l++) {
                        t.intColumn("width").append(w);
                        t.stringColumn("parameterization").append(ps[p]);
                        t.intColumn("step").append(step);
                        t.stringColumn("layer").append(layers[l]);
                        t.doubleColumn("rms").append(step == 1 && w == 512 ? wide[p][l] : step == 1 ? 0.5 : 1.0);
                    }
                }
            }
        }
        return t;
    }

    @Test
    void growthIsTheLastStepsWideOverNarrowRms() {
        Table g = CoordinateCheckAnalysis.growth(check(1.0, 4.0, 0.6, 0.5));
        assertEquals(4, g.rowCount());
        assertEquals("SP", g.stringColumn("parameterization").get(0), "SP first");
        assertEquals(2.0, g.doubleColumn("growth").get(0), 0.0, "SP block0 1.0 / 0.5");
        assertEquals(8.0, g.doubleColumn("growth").get(1), 0.0, "SP logits 4.0 / 0.5");
        assertEquals(1.0, g.doubleColumn("growth").get(3), 0.0, "muP logits 0.5 / 0.5");
    }

    @Test
    void rulesDecideAtTheirStatedBounds() {
        assertEquals(Verdicts.Verdict.REPRODUCED, CoordinateCheckAnalysis.flat(new double[]{Math.sqrt(2), 1 / Math.sqrt(2)}));
        assertEquals(Verdicts.Verdict.INCONCLUSIVE, CoordinateCheckAnalysis.flat(new double[]{1.0, 1.5}));
        assertEquals(Verdicts.Verdict.INCONCLUSIVE, CoordinateCheckAnalysis.flat(new double[]{2.0}));
        assertEquals(Verdicts.Verdict.NOT_REPRODUCED, CoordinateCheckAnalysis.flat(new double[]{1.0, 0.49}));
        assertEquals(Verdicts.Verdict.REPRODUCED, CoordinateCheckAnalysis.drifts(2.0));
        assertEquals(Verdicts.Verdict.INCONCLUSIVE, CoordinateCheckAnalysis.drifts(1.5));
        assertEquals(Verdicts.Verdict.NOT_REPRODUCED, CoordinateCheckAnalysis.drifts(1.4));
    }

    @Test
    void verdictsReadTheWholeTable() {
        Table v = CoordinateCheckAnalysis.verdicts(check(1.0, 4.0, 0.6, 0.5));
        assertEquals("reproduced", v.stringColumn("verdict").get(0), "muP ×1.2 and ×1.0: flat");
        assertEquals("reproduced", v.stringColumn("verdict").get(1), "SP logits ×8");
        Table refuted = CoordinateCheckAnalysis.verdicts(check(1.0, 0.6, 2.0, 0.5));
        assertEquals("not reproduced", refuted.stringColumn("verdict").get(0), "muP block0 ×4: beyond ×2");
        assertEquals("not reproduced", refuted.stringColumn("verdict").get(1), "SP logits ×1.2: below ×√2");
    }

    @Test
    void aMissingCellIsNamed() {
        Table t = check(1, 1, 1, 1);
        Table broken = t.where(t.stringColumn("layer").isNotEqualTo("logits").or(t.intColumn("width").isNotEqualTo(512)));
        assertThrows(IllegalArgumentException.class, () -> CoordinateCheckAnalysis.growth(broken));
    }
}
