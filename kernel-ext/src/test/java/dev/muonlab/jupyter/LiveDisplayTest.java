package dev.muonlab.jupyter;

import dev.muonlab.jupyter.render.FigureRenderer;
import dev.muonlab.jupyter.render.PlotlyLoader;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.traces.ScatterTrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LiveDisplayTest {

    private static Figure chart(int epoch) {
        return new Figure(Layout.builder().title("epoch " + epoch).build(),
                ScatterTrace.builder(new double[] {1, 2}, new double[] {epoch, epoch + 1}).build());
    }

    private static RecordingSink sink() {
        Renderer renderer = new Renderer();
        MuonLabJupyter.registerRenderers(renderer, new PlotlyLoader("2.35.3", "/* bundle */"));
        return new RecordingSink(renderer);
    }

    @Test
    void updatesReplaceTheSameOutput() {
        RecordingSink sink = sink();
        LiveDisplay live = new LiveDisplay(sink, Table.create("results", DoubleColumn.create("loss", 1.0)));
        live.update(Table.create("results", DoubleColumn.create("loss", 1.0, 0.5)));
        assertEquals(2, sink.published().size());
        assertEquals("display_data", sink.published().get(0).kind());
        assertEquals("update_display_data", sink.last().kind());
        assertEquals(live.id(), sink.published().get(0).id());
        assertEquals(live.id(), sink.last().id());
        assertTrue(sink.last().text().startsWith("results: 2 rows × 1 column"), sink.last().text());
    }

    @Test
    void aChartThatCarriedPlotlyKeepsCarryingItWhenRedrawn() {
        RecordingSink sink = sink();
        LiveDisplay first = new LiveDisplay(sink, chart(0));
        assertTrue(PlotlyLoader.carriesLibrary(sink.last().html()), "the session's first figure carries the library");
        first.update(chart(1));
        assertTrue(PlotlyLoader.carriesLibrary(sink.last().html()), "so its replacement must carry it too");
        assertTrue(sink.last().text().contains("epoch 1"));

        LiveDisplay second = new LiveDisplay(sink, chart(0));
        second.update(chart(2));
        assertFalse(PlotlyLoader.carriesLibrary(sink.last().html()), "other charts stay small");
        for (RecordingSink.Published p : sink.published()) {
            assertNull(p.data().getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.parse(FigureRenderer.PLOTLY_JSON)),
                    "no Plotly JSON in live outputs: the plotly package's JupyterLab renderer would ignore the updates");
        }
    }
}
