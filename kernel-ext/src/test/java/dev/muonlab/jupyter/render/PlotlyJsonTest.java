package dev.muonlab.jupyter.render;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.api.LinePlot;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Line;
import tech.tablesaw.plotly.components.Marker;
import tech.tablesaw.plotly.traces.BarTrace;
import tech.tablesaw.plotly.traces.HeatmapTrace;
import tech.tablesaw.plotly.traces.ScatterTrace;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The strict-JSON figure, serialised and parsed back with a strict reader. */
class PlotlyJsonTest {

    /** Parses {@code json} rejecting everything RFC 8259 rejects (single quotes, NaN, trailing commas). */
    static JsonObject parseStrict(String json) {
        JsonReader reader = new JsonReader(new StringReader(json));
        reader.setStrictness(Strictness.STRICT);
        try {
            return new Gson().getAdapter(JsonElement.class).read(reader).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonObject roundTrip(Figure figure) {
        return parseStrict(new Gson().toJson(PlotlyJson.figure(figure)));
    }

    @Test
    void lineChartKeepsValuesTitlesAxesAndStyle() {
        Layout layout = Layout.builder().title("Loss vs step")
                .xAxis(Axis.builder().title("step").build())
                .yAxis(Axis.builder().title("loss").type(Axis.Type.LOG).build())
                .build();
        ScatterTrace muon = ScatterTrace.builder(new double[] {1, 2, 3}, new double[] {0.5, Double.NaN, 0.125})
                .mode(ScatterTrace.Mode.LINE).name("Muon").line(Line.builder().color("red").width(2).build()).build();
        ScatterTrace adam = ScatterTrace.builder(new double[] {1, 2}, new double[] {0.7, 0.6})
                .mode(ScatterTrace.Mode.LINE_AND_MARKERS).name("AdamW").marker(Marker.builder().size(4).build()).build();

        JsonObject json = roundTrip(new Figure(layout, muon, adam));

        JsonArray data = json.getAsJsonArray("data");
        assertEquals(2, data.size());
        JsonObject first = data.get(0).getAsJsonObject();
        assertEquals("scatter", first.get("type").getAsString());
        assertEquals("Muon", first.get("name").getAsString());
        assertEquals("lines", first.get("mode").getAsString());
        assertEquals(parseStrict("{\"v\":[1.0,2.0,3.0]}").get("v"), first.get("x"), "numbers, not strings");
        assertEquals(0.5, first.getAsJsonArray("y").get(0).getAsDouble());
        assertTrue(first.getAsJsonArray("y").get(1).isJsonNull(), "NaN becomes null, a gap");
        assertEquals("red", first.getAsJsonObject("line").get("color").getAsString());
        assertEquals(2.0, first.getAsJsonObject("line").get("width").getAsDouble());
        JsonObject second = data.get(1).getAsJsonObject();
        assertEquals("lines+markers", second.get("mode").getAsString());
        assertEquals(4.0, second.getAsJsonObject("marker").get("size").getAsDouble());

        JsonObject jsonLayout = json.getAsJsonObject("layout");
        assertEquals("Loss vs step", jsonLayout.getAsJsonObject("title").get("text").getAsString());
        assertEquals("step", jsonLayout.getAsJsonObject("xaxis").getAsJsonObject("title").get("text").getAsString());
        assertEquals("log", jsonLayout.getAsJsonObject("yaxis").get("type").getAsString());
        assertEquals(700, jsonLayout.get("width").getAsInt(), "Tablesaw's default size, as its HTML draws it");
        assertEquals(450, jsonLayout.get("height").getAsInt());
    }

    @Test
    void plotFromATableUsesTheColumnValues() {
        Table log = Table.create("log", IntColumn.create("step", 10, 20, 30), DoubleColumn.create("loss", 3.5, 2.25, 1.75));
        JsonObject json = roundTrip(LinePlot.create("Training loss", log, "step", "loss"));
        JsonObject trace = json.getAsJsonArray("data").get(0).getAsJsonObject();
        assertEquals(parseStrict("{\"v\":[10,20,30]}").get("v"), trace.get("x"));
        assertEquals(parseStrict("{\"v\":[3.5,2.25,1.75]}").get("v"), trace.get("y"));
        assertEquals("Training loss", json.getAsJsonObject("layout").getAsJsonObject("title").get("text").getAsString());
    }

    @Test
    void barCategoriesAndHeatmapMatrix() {
        Figure bars = new Figure(BarTrace.builder(new Object[] {"GD", "Adam", "Muon"}, new double[] {3, 2, 1}).build());
        JsonObject bar = roundTrip(bars).getAsJsonArray("data").get(0).getAsJsonObject();
        assertEquals("bar", bar.get("type").getAsString());
        assertEquals(parseStrict("{\"v\":[\"GD\",\"Adam\",\"Muon\"]}").get("v"), bar.get("x"));

        Figure heat = new Figure(HeatmapTrace.builder(new Object[] {"a", "b"}, new Object[] {"r"}, new double[][] {{1, 2}}).build());
        JsonObject map = roundTrip(heat).getAsJsonArray("data").get(0).getAsJsonObject();
        assertEquals("heatmap", map.get("type").getAsString());
        assertEquals(parseStrict("{\"v\":[[1.0,2.0]]}").get("v"), map.get("z"));
    }

    @Test
    void titlesWithQuotesStayIntactAndTablesawsOwnOutputIsNotJson() {
        Figure figure = new Figure(Layout.builder().title("Muon's \"error\" <b>κ</b>").build(),
                ScatterTrace.builder(new double[] {1}, new double[] {2}).build());
        assertEquals("Muon's \"error\" <b>κ</b>",
                roundTrip(figure).getAsJsonObject("layout").getAsJsonObject("title").get("text").getAsString());
        String tablesawLayout = figure.getLayout().asJavascript();
        String literal = tablesawLayout.substring(tablesawLayout.indexOf('{'), tablesawLayout.lastIndexOf('}') + 1);
        assertThrows(RuntimeException.class, () -> parseStrict(literal), "Tablesaw writes JavaScript, which a strict JSON reader rejects");
        assertFalse(new Gson().toJson(PlotlyJson.figure(figure)).contains("NaN"));
    }
}
