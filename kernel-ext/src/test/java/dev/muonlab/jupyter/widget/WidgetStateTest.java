package dev.muonlab.jupyter.widget;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each widget's state against what ipywidgets 8.1 produces for the same arguments ({@code widget-states.json}, made
 * by {@code kernel-ext/src/test/python/make_widget_states.py}): every key, every default, every model and view name
 * and version. Compared as JSON trees, with model references masked as {@code "IPY_MODEL_*"}, numbers as doubles.
 */
class WidgetStateTest {

    private static final Gson GSON = new GsonBuilder().serializeNulls().create();
    private final RecordingTransport t = new RecordingTransport();

    private static JsonObject oracle(String name) throws IOException {
        try (InputStream in = WidgetStateTest.class.getResourceAsStream("widget-states.json")) {
            JsonObject all = JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getAsJsonObject();
            return all.getAsJsonObject(name);
        }
    }

    /** The state as JSON, references masked, numbers normalised to doubles (Python writes 1 and 1.0 apart). */
    private static JsonObject json(Map<String, Object> state) {
        Map<String, Object> masked = new LinkedHashMap<>();
        state.forEach((k, v) -> masked.put(k, mask(v)));
        return normalise(GSON.toJsonTree(masked)).getAsJsonObject();
    }

    private static Object mask(Object v) {
        if (v instanceof String s && s.startsWith("IPY_MODEL_")) {
            return "IPY_MODEL_*";
        }
        if (v instanceof List<?> l) {
            return l.stream().map(WidgetStateTest::mask).toList();
        }
        return v;
    }

    private static com.google.gson.JsonElement normalise(com.google.gson.JsonElement e) {
        if (e.isJsonObject()) {
            JsonObject o = new JsonObject();
            e.getAsJsonObject().entrySet().forEach(x -> o.add(x.getKey(), normalise(x.getValue())));
            return o;
        }
        if (e.isJsonArray()) {
            com.google.gson.JsonArray a = new com.google.gson.JsonArray();
            e.getAsJsonArray().forEach(x -> a.add(normalise(x)));
            return a;
        }
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
            return new com.google.gson.JsonPrimitive(e.getAsDouble());
        }
        return e;
    }

    private static void assertSameState(String name, Widget widget) throws IOException {
        assertEquals(normalise(oracle(name)), json(widget.state()), name);
    }

    @Test
    void controlsMatchIpywidgets() throws IOException {
        IntSlider q = new IntSlider(t, "steps q", 5, 1, 12, 1);
        assertSameState("IntSlider", q);
        assertSameState("FloatSlider", new FloatSlider(t, "x", 0.5, 0.0, 1.0, 0.1));
        assertSameState("FloatLogSlider", new FloatLogSlider(t, "lower", 1e-3, -4, 0, 0.25));
        assertSameState("Dropdown", new Dropdown(t, "precision", List.of("fp64", "fp32", "bf16"), "fp32"));
        assertSameState("Checkbox", new Checkbox(t, "log axis", true));
        assertSameState("Button", new Button(t, "Run"));
        assertSameState("Output", new Output(t));
        assertSameState("HBox", new Box(t, Box.Direction.HORIZONTAL, List.of(q)));
        assertSameState("VBox", new Box(t, Box.Direction.VERTICAL, List.of(q)));
    }

    @Test
    void layoutAndStylesMatchIpywidgets() throws IOException {
        IntSlider q = new IntSlider(t, "steps q", 5, 1, 12, 1);
        assertSameState("Layout", q.layout());
        assertSameState("SliderStyle", q.style());
        assertSameState("DescriptionStyle", new Dropdown(t, "", List.of("a"), null).style());
        assertSameState("CheckboxStyle", new Checkbox(t, "", false).style());
        assertSameState("ButtonStyle", new Button(t, "").style());
    }

    @Test
    void openSendsTheFullStateWithProtocolVersionAfterTheModelsItReferences() {
        IntSlider q = new IntSlider(t, "q", 3, 0, 10, 1);
        List<String> opened = t.sent.stream().filter(s -> s.kind().equals("open")).map(RecordingTransport.Sent::modelId).toList();
        assertEquals(List.of(q.layout().modelId(), q.style().modelId(), q.modelId()), opened);
        RecordingTransport.Sent open = t.to(q).get(0);
        assertEquals(Map.of("version", "2.1.0"), open.metadata());
        assertEquals(List.of(), open.data().get("buffer_paths"));
        assertEquals(q.state(), open.state());
        assertEquals(q.layout().reference(), open.state().get("layout"));
        assertTrue(q.reference().startsWith("IPY_MODEL_"));
    }

    @Test
    void viewIsVersion2() {
        Checkbox c = new Checkbox(t, "c", false);
        assertEquals(Map.of("version_major", 2, "version_minor", 0, "model_id", c.modelId()), c.view());
        assertEquals("Checkbox(value=false, description='c')", c.toString());
    }

    @Test
    void nullsSurviveTheWireFormat() {
        String json = new Gson().toJson(new CommJson.RawJson(GSON.toJson(Map.of("tooltip", List.of()))));
        assertEquals("{\"tooltip\":[]}", json);
        Map<String, Object> withNull = new LinkedHashMap<>();
        withNull.put("tooltip", null);
        assertEquals("{\"tooltip\":null}", new Gson().toJson(CommJson.raw(withNull)));
    }
}
