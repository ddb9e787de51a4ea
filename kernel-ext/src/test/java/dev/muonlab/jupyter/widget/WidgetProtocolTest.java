package dev.muonlab.jupyter.widget;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The messages of the widget protocol 2.1.0, without a kernel: update, echo_update, request_state, custom, close. */
class WidgetProtocolTest {

    private final RecordingTransport t = new RecordingTransport();

    private static Map<String, Object> update(Map<String, Object> state) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", "update");
        m.put("state", state);
        m.put("buffer_paths", List.of());
        return m;
    }

    @Test
    void frontendUpdateIsAppliedEchoedAndObserved() {
        IntSlider q = new IntSlider(t, "q", 3, 0, 10, 1);
        List<Widget.Change> changes = new ArrayList<>();
        q.observe(changes::add);
        q.handle(update(Map.of("value", new BigDecimal("7"))));
        assertEquals(7, q.value());
        RecordingTransport.Sent echo = t.last();
        assertEquals("echo_update", echo.method());
        assertEquals(Map.of("value", 7), echo.state());
        assertEquals(List.of(), echo.data().get("buffer_paths"));
        assertEquals(1, changes.size());
        assertEquals(3, changes.get(0).oldValue());
        assertEquals(7, changes.get(0).newValue());
        assertTrue(changes.get(0).fromFrontend());
    }

    @Test
    void unknownKeysAreIgnoredAndUnchangedValuesAreEchoedButNotObserved() {
        IntSlider q = new IntSlider(t, "q", 3, 0, 10, 1);
        List<Widget.Change> changes = new ArrayList<>();
        q.observe(changes::add);
        q.handle(update(Map.of("value", 3, "no_such_key", 1)));
        assertEquals(Map.of("value", 3), t.last().state());
        assertTrue(changes.isEmpty());
        assertFalse(q.state().containsKey("no_such_key"));
    }

    @Test
    void aFailingListenerDoesNotStopTheOthers() {
        IntSlider q = new IntSlider(t, "q", 3, 0, 10, 1);
        List<Object> seen = new ArrayList<>();
        q.observe(change -> {
            throw new IllegalStateException("listener bug");
        });
        q.observe(change -> seen.add(change.newValue()));
        q.handle(update(Map.of("value", 5)));
        assertEquals(List.of(5), seen);
    }

    @Test
    void javaChangeSendsUpdate() {
        FloatSlider x = new FloatSlider(t, "x", 0.5, 0, 1, 0.1);
        List<Widget.Change> changes = new ArrayList<>();
        x.observe(changes::add);
        x.value(2.0); // clamped, as ipywidgets' validator does
        assertEquals("update", t.last().method());
        assertEquals(Map.of("value", 1.0), t.last().state());
        assertFalse(changes.get(0).fromFrontend());
        int before = t.sent.size();
        x.value(1.0);
        assertEquals(before, t.sent.size(), "no message when nothing changed");
    }

    @Test
    void requestStateIsAnsweredWithTheFullState() {
        Checkbox c = new Checkbox(t, "c", true);
        c.handle(Map.of("method", "request_state"));
        assertEquals("update", t.last().method());
        assertEquals(c.state(), t.last().state());
    }

    @Test
    void dropdownSyncsIndexAndLabels() {
        Dropdown d = new Dropdown(t, "schedule", List.of("keller", "cubic", "polar-express"), "cubic");
        assertEquals(1, d.index());
        d.handle(update(Map.of("index", new BigDecimal("2"))));
        assertEquals("polar-express", d.value());
        d.value("keller");
        assertEquals(Map.of("index", 0), t.last().state());
        assertThrows(IllegalArgumentException.class, () -> d.value("nope"));
    }

    @Test
    void buttonClickIsACustomMessage() {
        Button b = new Button(t, "Run");
        List<Button> clicks = new ArrayList<>();
        b.onClick(clicks::add);
        b.handle(Map.of("method", "custom", "content", Map.of("event", "click")));
        b.handle(Map.of("method", "custom", "content", Map.of("event", "other")));
        assertEquals(List.of(b), clicks);
    }

    @Test
    void closeSendsCommCloseOnceAndStopsMessages() {
        IntSlider q = new IntSlider(t, "q", 3, 0, 10, 1);
        q.close();
        q.close();
        assertEquals(1, t.to(q).stream().filter(s -> s.kind().equals("close")).count());
        assertFalse(q.isOpen());
        int before = t.sent.size();
        q.value(5);
        q.handle(update(Map.of("value", 6)));
        assertEquals(before, t.sent.size());
        assertEquals(6, q.value(), "the kernel side keeps its state");
    }

    @Test
    void boxReferencesChildrenAndOutputTakesNbformatOutputs() {
        IntSlider q = new IntSlider(t, "q", 3, 0, 10, 1);
        Checkbox c = new Checkbox(t, "c", false);
        Box box = new Box(t, Box.Direction.HORIZONTAL, List.of(q, c));
        assertEquals(List.of(q.reference(), c.reference()), box.get("children"));
        Output out = new Output(t);
        Map<String, Object> shown = Map.of("output_type", "display_data", "data", Map.of("text/plain", "hi"), "metadata", Map.of());
        out.outputs(List.of(shown));
        assertEquals(Map.of("outputs", List.of(shown)), t.last().state());
        out.clear();
        assertEquals(Map.of("outputs", List.of()), t.last().state());
    }

    @Test
    void buffersArePutBackAtTheirPaths() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("data", new ArrayList<>(List.of("a", "b")));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("state", state);
        data.put("buffer_paths", List.of(List.of("data", 1), List.of("raw")));
        byte[] one = {1};
        byte[] two = {2};
        Buffers.put(data, List.of(one, two));
        assertEquals(List.of("a", one), state.get("data"));
        assertEquals(two, state.get("raw"));
    }
}
