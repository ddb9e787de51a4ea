package dev.muonlab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/** Notebook 08's figures: the traces each claim needs, log axes where the paper's are, values from the input. */
class MoonlightChartsTest {

    /** @return how many of the layout's axes are logarithmic (Tablesaw writes {@code type: 'log'}) */
    private static int logAxes(Figure f) {
        String js = f.getLayout().asJavascript();
        return js.split("type: 'log'", -1).length - 1;
    }

    private static Table byTarget() {
        return Table.create("t", StringColumn.create("optimizer", "adamw", "muon", "muon-moonlight", "muon-moonlight", "muon-moonlight"),
                DoubleColumn.create("update_rms", Double.NaN, Double.NaN, 0.1, 0.2, 0.4), IntColumn.create("seeds", 3, 3, 3, 3, 3),
                DoubleColumn.create("final_loss_mean", 2.091, 1.731, 2.130, 1.971, 1.834),
                DoubleColumn.create("final_loss_sd", 0.010, 0.010, 0.010, 0.011, 0.008),
                DoubleColumn.create("measured_rms_mean", 0.211, Double.NaN, 0.083, 0.170, 0.351));
    }

    @Test
    void updateRmsDrawsTheSweepAndBothReferencesWithTheirSpread() {
        Figure f = MoonlightCharts.updateRms(byTarget());
        assertEquals(3 * 3, f.getTraces().length, "Moonlight's line, AdamW and Keller: each mean, − sd, + sd");
        assertEquals(1, logAxes(f), "log r, linear loss");
        String moonlight = f.getTraces()[0].asJavascript(0);
        assertTrue(moonlight.contains("1.971") && moonlight.contains("0.4"), moonlight);
        String keller = f.getTraces()[6].asJavascript(0);
        assertTrue(keller.contains("Keller") && keller.contains("1.731") && keller.contains("0.1"), keller);
        assertTrue(f.getTraces()[8].asJavascript(0).contains("1.741"), "Keller's mean + sd");
        assertTrue(f.getTraces()[8].asJavascript(0).contains("showlegend: false"), f.getTraces()[8].asJavascript(0));
        Table oneSeed = byTarget();
        oneSeed.doubleColumn("final_loss_sd").set(oneSeed.doubleColumn("final_loss_sd").isNotMissing(), Double.NaN);
        assertEquals(3, MoonlightCharts.updateRms(oneSeed).getTraces().length, "one seed: no spread to draw");
    }

    @Test
    void measuredRmsIsLogLogWithTheTargetLine() {
        Figure f = MoonlightCharts.measuredUpdateRms(byTarget());
        assertEquals(3, f.getTraces().length, "RMS = r, the measured points, AdamW");
        assertEquals(2, logAxes(f));
        assertTrue(f.getTraces()[1].asJavascript(0).contains("0.351"));
        assertTrue(f.getTraces()[2].asJavascript(0).contains("0.211"));
    }

    @Test
    void weightDecayMarksTheCrossing() {
        Table c = Table.create("c", DoubleColumn.create("weight_decay", 0.1, 0.1, 0.0, 0.0), DoubleColumn.create("tokens", 0, 100, 0, 100),
                DoubleColumn.create("val_loss", 4, 2, 4, 2.5), DoubleColumn.create("hidden_weight_rms", 0.02, 0.03, 0.02, 0.05),
                DoubleColumn.create("logit_rms", 1, 2, 1, 3), IntColumn.create("seeds", 2, 2, 2, 2));
        Figure f = MoonlightCharts.weightDecay(c, "val_loss", new double[]{60});
        assertEquals(2 + 1, f.getTraces().length);
        assertTrue(f.getTraces()[2].asJavascript(0).contains("60"));
        assertEquals(0, logAxes(f));
        Figure w = MoonlightCharts.weightDecay(c, "hidden_weight_rms", new double[0]);
        assertEquals(2, w.getTraces().length);
        assertTrue(w.getTraces()[0].asJavascript(0).contains("λ = 0.0") && w.getTraces()[0].asJavascript(0).contains("0.05"));
    }

    @Test
    void computeFrontiersFitALawThroughEachFrontier() {
        List<String> runs = new ArrayList<>();
        Table results = Table.create("r", StringColumn.create("run"), StringColumn.create("optimizer"), DoubleColumn.create("width"),
                DoubleColumn.create("layers"), DoubleColumn.create("block"));
        Table curves = Table.create("c", StringColumn.create("run"), DoubleColumn.create("tokens"), DoubleColumn.create("val_loss"));
        for (String o : List.of("adamw", "muon")) {
            for (int w : new int[]{16, 32, 64}) {
                String run = o + w;
                runs.add(run);
                results.stringColumn("run").append(run);
                results.stringColumn("optimizer").append(o);
                results.doubleColumn("width").append(w);
                results.doubleColumn("layers").append(2);
                results.doubleColumn("block").append(16);
                for (int t = 1; t <= 4; t++) {
                    curves.stringColumn("run").append(run);
                    curves.doubleColumn("tokens").append(1000.0 * t);
                    curves.doubleColumn("val_loss").append((o.equals("muon") ? 3.0 : 3.3) * Math.pow(w * 1000.0 * t, -0.05));
                }
            }
        }
        Figure f = MoonlightCharts.computeFrontiers(results, curves);
        assertEquals(2 * 3, f.getTraces().length, "per optimizer: points, frontier, law (no muon-moonlight runs)");
        assertEquals(2, logAxes(f));
        assertTrue(f.getTraces()[5].asJavascript(0).contains("muon: L = 3."), "the law's name carries its fit");
        String lowest = String.valueOf(3.0 * Math.pow(64 * 4000.0, -0.05));
        assertTrue(f.getTraces()[4].asJavascript(0).contains(lowest), "the frontier ends at the lowest loss " + lowest);
    }

    @Test
    void xmodelSwitchDrawsEachArmAndTheSwitch() {
        Table a = Table.create("a", StringColumn.create("arm", "adamw → adamw", "adamw → adamw", "adamw → muon-moonlight",
                        "adamw → muon-moonlight"), DoubleColumn.create("step", 0, 64, 0, 64), DoubleColumn.create("val_loss", 4.2, 2.1, 4.2, 2.0),
                IntColumn.create("seeds", 3, 3, 3, 3), DoubleColumn.create("switch_step", 48, 48, 48, 48));
        Figure f = MoonlightCharts.xmodelSwitch(a);
        assertEquals(2 + 1, f.getTraces().length);
        String sw = f.getTraces()[2].asJavascript(0);
        assertTrue(sw.contains("48") && sw.contains("4.2") && sw.contains("2.0"), sw);
        assertTrue(f.getTraces()[1].asJavascript(0).contains("adamw → muon-moonlight"));
        String zoom = MoonlightCharts.xmodelSwitch(a, 32).getTraces()[0].asJavascript(0);
        assertTrue(zoom.contains("2.1") && !zoom.contains("4.2"), "the zoom drops the steps before 32: " + zoom);
    }
}
