package dev.muonlab.experiments.ns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.muonlab.experiments.Findings;
import dev.muonlab.progress.ProgressListener;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Kim &amp; Oh's rank experiment (App. H.2): the slope of their Table 8, and the smoke run's table. */
class RankStudyTest {

    /** Least squares on exact powers recovers the exponent to rounding. */
    private static final double EXACT = 1e-12;

    @Test
    void slopeIsTheExponentOfAPowerLaw() {
        Table t = Table.create("rank", StringColumn.create("variant"), IntColumn.create("rank"), DoubleColumn.create("nuclearNorm"));
        for (int r : new int[] {16, 32, 64, 128, 216}) {
            t.stringColumn(0).append("SGD-M");
            t.intColumn(1).append(r);
            t.doubleColumn(2).append(3.0 * Math.pow(r, 0.292));
            t.stringColumn(0).append("Muon NS κ=2 q=3");
            t.intColumn(1).append(r);
            t.doubleColumn(2).append(0.5 * Math.pow(r, -0.106));
        }
        assertEquals(0.292, RankStudy.slope(t, "SGD-M"), EXACT);
        assertEquals(-0.106, RankStudy.slope(t, "Muon NS κ=2 q=3"), EXACT);
        String findings = Findings.rankSlopes(t);
        assertTrue(findings.contains("0.292 (-0.208 after dividing by √r)"), findings);
        assertTrue(findings.contains("minus Muon NS κ=2 q=3's = 0.398"), findings);
    }

    @Test
    void smokeRunMeasuresEveryWidthAndOptimizer() {
        RankStudy study = RankStudy.smoke();
        Table t = study.run(2, ProgressListener.NONE);
        int variants = study.base().variants().size();
        assertEquals(study.widths().size() * variants, t.rowCount());
        for (int i = 0; i < t.rowCount(); i++) {
            assertEquals(study.widths().get(i / variants), t.intColumn("rank").getInt(i));
            assertEquals(study.base().variants().get(i % variants).label(), t.stringColumn("variant").get(i));
            double nuclear = t.doubleColumn("nuclearNorm").getDouble(i);
            assertTrue(Double.isFinite(nuclear) && nuclear > 0, "nuclear norm " + nuclear);
        }
        assertTrue(Double.isFinite(RankStudy.slope(t, "SGD-M")));
        assertEquals(List.of(16, 64, 256), study.widths());
    }
}
