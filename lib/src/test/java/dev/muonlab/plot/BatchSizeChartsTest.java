package dev.muonlab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/** Notebook 06's figures: the right traces, the paper's claim and "simulated" where the issue asks for them. */
class BatchSizeChartsTest {

    @Test
    void tokenRatioMarksTheClaimAndDrawsEachIntervalDotted() {
        Table ratios = Table.create("r", StringColumn.create("optimizer", "muon", "muon"), DoubleColumn.create("batch", 4, 16),
                DoubleColumn.create("target", 2.5, 2.5), DoubleColumn.create("ratio", 1.2, 1.3),
                DoubleColumn.create("low", 1.1, 1.2), DoubleColumn.create("high", 1.3, 1.4));
        Figure f = BatchSizeCharts.tokenRatio(ratios);
        assertEquals(3 + 3, f.getTraces().length, "R = 1, the 10 % and 15 % lines; ratio, low, high");
        String js = f.asJavascript("d");
        assertTrue(js.contains("paper: 10 % fewer tokens") && js.contains("95 % CI"), js);
        assertEquals(3, BatchSizeCharts.tokenRatio(ratios.emptyCopy()).getTraces().length, "no data: the claim alone");
    }

    @Test
    void isoLossIsLabelledSimulatedAndSatoMarksTheGridEdge() {
        Table iso = Table.create("i", StringColumn.create("optimizer", "adamw", "adamw"), DoubleColumn.create("target", 2.5, 2.5),
                DoubleColumn.create("batch", 4, 16), DoubleColumn.create("devices", 1, 4), DoubleColumn.create("steps", 100, 40),
                DoubleColumn.create("step_seconds", 0.1, 0.3), DoubleColumn.create("time_s", 10, 3));
        assertTrue(BatchSizeCharts.isoLoss(iso).asJavascript("d").contains("SIMULATED"));
        Table b = Table.create("b", StringColumn.create("optimizer", "muon", "muon", "muon"), DoubleColumn.create("momentum", 0.8, 0.9, 0.99),
                DoubleColumn.create("weight_decay", 0, 0, 0), DoubleColumn.create("target", 2.6, 2.6, 2.6),
                DoubleColumn.create("b_star", 12, 8, 4), DoubleColumn.create("argmin_batch", 16, 8, 4),
                DoubleColumn.create("at_edge", 0, 0, 1), DoubleColumn.create("batches_reached", 4, 4, 4),
                DoubleColumn.create("sato_factor", 0.52, 0.28, 0.03));
        Figure f = BatchSizeCharts.satoGrid(b, 2.6);
        assertEquals(2, f.getTraces().length, "the series and its edge marker");
        assertTrue(f.asJavascript("d").contains("at the grid"));
    }
}
