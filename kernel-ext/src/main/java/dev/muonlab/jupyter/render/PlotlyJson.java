package dev.muonlab.jupyter.render;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Component;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.traces.Trace;

import java.lang.reflect.Array;
import java.time.temporal.TemporalAccessor;

/**
 * Builds the strict-JSON Plotly figure {@code {"data": [...], "layout": {...}}} of a Tablesaw
 * {@link Figure}: the {@code application/vnd.plotly.v1+json} output that JupyterLab's Plotly renderer
 * and other tools read.
 *
 * <p>Why not Tablesaw's own output: it writes JavaScript literals (single quotes, numbers as strings,
 * HTML entities), which is not JSON. This adapter reads the figure's values through
 * {@link TablesawFields} and writes them with gson: numbers as numbers, NaN and infinities as
 * {@code null} (a gap, as Plotly draws them), dates as ISO strings. Titles are written in the
 * {@code {"text": ...}} form, which every plotly.js since 1.x reads (the plain-string form was dropped
 * in 3.0). It covers the attributes Tablesaw's templates emit for scatter, line, bar, histogram,
 * box, violin, pie, heatmap and contour traces and for 2-D layouts; the text/html output (drawn from
 * Tablesaw's own script) remains the complete rendering.
 */
public final class PlotlyJson {

    /** Trace attributes holding data arrays: Plotly's key equals Tablesaw's field name. */
    private static final String[] DATA_KEYS = {"x", "y", "z", "text", "labels", "values", "open", "high", "low", "close", "ids"};

    private PlotlyJson() {
    }

    /**
     * @param figure a Tablesaw figure. Not modified.
     * @return {@code {"data": [trace...], "layout": {...}}}
     */
    public static JsonObject figure(Figure figure) {
        JsonObject out = new JsonObject();
        JsonArray data = new JsonArray();
        Trace[] traces = figure.getTraces();
        if (traces != null) {
            for (Trace trace : traces) {
                data.add(trace(trace));
            }
        }
        out.add("data", data);
        out.add("layout", figure.getLayout() == null ? new JsonObject() : layout(figure.getLayout()));
        return out;
    }

    /** @return one trace's attributes, e.g. {@code {"type": "scatter", "x": [...], "y": [...], "mode": "lines"}} */
    static JsonObject trace(Trace trace) {
        JsonObject out = new JsonObject();
        put(out, "type", TablesawFields.read(trace, "type"));
        put(out, "name", TablesawFields.read(trace, "name"));
        for (String key : DATA_KEYS) {
            put(out, key, TablesawFields.read(trace, key));
        }
        put(out, "mode", TablesawFields.read(trace, "mode"));
        put(out, "orientation", TablesawFields.read(trace, "orientation"));
        Object fill = TablesawFields.read(trace, "fill");
        if (fill != null && !"none".equals(fill.toString())) {
            put(out, "fill", fill);
        }
        put(out, "fillcolor", TablesawFields.read(trace, "fillColor"));
        put(out, "showlegend", TablesawFields.read(trace, "showLegend"));
        putNonEmpty(out, "legendgroup", TablesawFields.read(trace, "legendGroup"));
        putUnless(out, "opacity", TablesawFields.read(trace, "opacity"), 1.0);
        Object visible = TablesawFields.read(trace, "visible");
        if (visible != null && !"true".equalsIgnoreCase(visible.toString())) {
            put(out, "visible", visible);
        }
        put(out, "xaxis", TablesawFields.read(trace, "xAxis"));
        put(out, "yaxis", TablesawFields.read(trace, "yAxis"));
        put(out, "line", TablesawFields.read(trace, "line"));
        Object marker = TablesawFields.read(trace, "marker");
        if (marker != null) {
            out.add("marker", marker(marker));
        }
        put(out, "histnorm", TablesawFields.read(trace, "histNorm"));
        put(out, "histfunc", TablesawFields.read(trace, "histFunc"));
        putUnless(out, "nbinsx", TablesawFields.read(trace, "nBinsX"), 0);
        putUnless(out, "nbinsy", TablesawFields.read(trace, "nBinsY"), 0);
        if (Boolean.TRUE.equals(TablesawFields.read(trace, "showBoxPlot"))) {
            out.add("box", visibleObject());
        }
        if (Boolean.TRUE.equals(TablesawFields.read(trace, "showMeanLine"))) {
            out.add("meanline", visibleObject());
        }
        return out;
    }

    /** @return the layout: title, size, fonts, colours, modes and the 2-D axes */
    static JsonObject layout(Layout layout) {
        JsonObject out = new JsonObject();
        Object title = TablesawFields.read(layout, "title");
        if (title != null && !title.toString().isEmpty()) {
            out.add("title", title(title.toString(), TablesawFields.read(layout, "titleFont")));
        }
        put(out, "width", TablesawFields.read(layout, "width"));
        put(out, "height", TablesawFields.read(layout, "height"));
        if (Boolean.TRUE.equals(TablesawFields.read(layout, "autoSize"))) {
            out.addProperty("autosize", true);
        }
        put(out, "showlegend", TablesawFields.read(layout, "showLegend"));
        put(out, "font", TablesawFields.read(layout, "font"));
        put(out, "margin", TablesawFields.read(layout, "margin"));
        put(out, "paper_bgcolor", TablesawFields.read(layout, "paperBgColor"));
        put(out, "plot_bgcolor", TablesawFields.read(layout, "plotBgColor"));
        put(out, "hovermode", TablesawFields.read(layout, "hoverMode"));
        put(out, "dragmode", TablesawFields.read(layout, "dragMode"));
        put(out, "barmode", TablesawFields.read(layout, "barMode"));
        Object decimal = TablesawFields.read(layout, "decimalSeparator");
        Object thousands = TablesawFields.read(layout, "thousandsSeparator");
        if (decimal != null && thousands != null) {
            out.addProperty("separators", decimal + "" + thousands);
        }
        String[][] axes = {{"xaxis", "xAxis"}, {"yaxis", "yAxis"}, {"yaxis2", "yAxis2"}, {"yaxis3", "yAxis3"}, {"yaxis4", "yAxis4"}};
        for (String[] axis : axes) {
            Object value = TablesawFields.read(layout, axis[1]);
            if (value instanceof Axis a) {
                out.add(axis[0], axis(a));
            }
        }
        return out;
    }

    /** @return an axis: title, type, range and placement (the attributes Tablesaw's template emits when set) */
    static JsonObject axis(Axis axis) {
        JsonObject out = new JsonObject();
        Object title = TablesawFields.read(axis, "title");
        if (title != null && !title.toString().isEmpty()) {
            out.add("title", title(title.toString(), TablesawFields.read(axis, "titleFont")));
        }
        put(out, "type", TablesawFields.read(axis, "type"));
        put(out, "range", TablesawFields.read(axis, "range"));
        put(out, "autorange", TablesawFields.read(axis, "autoRange"));
        put(out, "side", TablesawFields.read(axis, "side"));
        put(out, "overlaying", TablesawFields.read(axis, "overlaying"));
        put(out, "categoryorder", TablesawFields.read(axis, "categoryOrder"));
        put(out, "domain", TablesawFields.read(axis, "domain"));
        if (Boolean.FALSE.equals(TablesawFields.read(axis, "visible"))) {
            out.addProperty("visible", false);
        }
        Object ticks = TablesawFields.read(axis, "tickSettings");
        if (ticks != null) {
            put(out, "tickformat", TablesawFields.read(ticks, "format"));
            put(out, "tickprefix", TablesawFields.read(ticks, "prefix"));
            put(out, "ticksuffix", TablesawFields.read(ticks, "suffix"));
            put(out, "tickvals", TablesawFields.read(ticks, "tickValues"));
            put(out, "ticktext", TablesawFields.read(ticks, "tickText"));
        }
        return out;
    }

    private static JsonObject marker(Object marker) {
        JsonObject out = new JsonObject();
        put(out, "size", scalarIfSingle(TablesawFields.read(marker, "size")));
        put(out, "color", scalarIfSingle(TablesawFields.read(marker, "color")));
        put(out, "color", TablesawFields.read(marker, "colorArray"));
        put(out, "colorscale", TablesawFields.read(marker, "colorScalePalette"));
        put(out, "symbol", TablesawFields.read(marker, "symbol"));
        putUnless(out, "opacity", TablesawFields.read(marker, "opacity"), 1.0);
        put(out, "line", TablesawFields.read(marker, "line"));
        if (Boolean.TRUE.equals(TablesawFields.read(marker, "showScale"))) {
            out.addProperty("showscale", true);
        }
        return out;
    }

    private static JsonObject title(String text, Object font) {
        JsonObject out = new JsonObject();
        out.addProperty("text", text);
        put(out, "font", font);
        return out;
    }

    private static JsonObject visibleObject() {
        JsonObject out = new JsonObject();
        out.addProperty("visible", true);
        return out;
    }

    private static Object scalarIfSingle(Object array) {
        return array != null && array.getClass().isArray() && Array.getLength(array) == 1 ? Array.get(array, 0) : array;
    }

    private static void put(JsonObject out, String key, Object value) {
        if (value != null) {
            out.add(key, json(value));
        }
    }

    private static void putNonEmpty(JsonObject out, String key, Object value) {
        if (value != null && !value.toString().isEmpty()) {
            out.add(key, json(value));
        }
    }

    private static void putUnless(JsonObject out, String key, Object value, Number plotlyDefault) {
        if (value instanceof Number n && n.doubleValue() != plotlyDefault.doubleValue()) {
            out.add(key, json(value));
        }
    }

    /**
     * @param value a number, boolean, string, enum, date, array (primitive, object or nested) or
     *              Tablesaw component. Not modified.
     * @return its strict-JSON form: non-finite numbers become null; enums their Plotly name (the
     *         names "true"/"false" become booleans); components the JSON Tablesaw's Jackson writes
     */
    static JsonElement json(Object value) {
        if (value == null) {
            return JsonNull.INSTANCE;
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            return Double.isFinite(d) ? new JsonPrimitive(n) : JsonNull.INSTANCE;
        }
        if (value instanceof Boolean b) {
            return new JsonPrimitive(b);
        }
        if (value instanceof Enum<?>) {
            String name = value.toString();
            if (name.equalsIgnoreCase("true") || name.equalsIgnoreCase("false")) {
                return new JsonPrimitive(Boolean.parseBoolean(name));
            }
            return new JsonPrimitive(name);
        }
        if (value instanceof Component component) {
            String json = component.asJSON();
            return json == null ? JsonNull.INSTANCE : JsonParser.parseString(json);
        }
        if (value.getClass().isArray()) {
            JsonArray array = new JsonArray();
            int n = Array.getLength(value);
            for (int i = 0; i < n; i++) {
                array.add(json(Array.get(value, i)));
            }
            return array;
        }
        if (value instanceof TemporalAccessor) {
            return new JsonPrimitive(value.toString());
        }
        return new JsonPrimitive(value.toString());
    }
}
