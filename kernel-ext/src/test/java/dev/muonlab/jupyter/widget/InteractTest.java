package dev.muonlab.jupyter.widget;

import dev.muonlab.jupyter.DisplaySink;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Interact without a kernel: what the cell shows, and the Output widgets following the controls. */
class InteractTest {

    private final RecordingTransport t = new RecordingTransport();
    private final List<DisplayData> displayed = new ArrayList<>();
    private final DisplaySink sink = new DisplaySink() {
        private final Renderer renderer = new Renderer();

        @Override
        public DisplayData render(Object value, Map<String, Object> params) {
            return renderer.render(value, params);
        }

        @Override
        public void display(DisplayData data) {
            displayed.add(data);
        }

        @Override
        public void update(String id, DisplayData data) {
        }
    };

    private static Object text(Output out, int i) {
        @SuppressWarnings("unchecked") Map<String, Object> data = (Map<String, Object>) out.outputs().get(i).get("data");
        return data.get("text/plain");
    }

    @Test
    void showsControlsThenOneOutputPerPartAndRecomputesOnChange() throws Exception {
        IntSlider q = new IntSlider(t, "q", 2, 1, 10, 1);
        Dropdown d = new Dropdown(t, "d", List.of("3", "5"), "5");
        Interact it = new Interact(t, sink, () -> new Outputs(List.of("q=" + q.value(), "d=" + d.value())),
                List.of(q, d), LatestValueWorker.singleThread("test-interact", null));
        assertEquals(3, displayed.size());
        assertEquals(it.controls().view(), displayed.get(0).getData(MIMEType.parse(Widget.VIEW_MIME)));
        assertEquals(List.of(q, d), it.controls().children());
        assertEquals(it.outputs().get(0).view(), displayed.get(1).getData(MIMEType.parse(Widget.VIEW_MIME)));
        assertEquals("q=2", displayed.get(1).getData(MIMEType.TEXT_PLAIN), "the first result is the static fallback");
        assertEquals("q=2", text(it.outputs().get(0), 0));
        assertEquals("d=5", text(it.outputs().get(1), 0));
        assertEquals(1, it.computations());

        q.handle(Map.of("method", "update", "state", Map.of("value", new BigDecimal(9))));
        d.handle(Map.of("method", "update", "state", Map.of("index", new BigDecimal(0))));
        assertTrue(it.awaitIdle(5000));
        assertEquals("q=9", text(it.outputs().get(0), 0));
        assertEquals("d=3", text(it.outputs().get(1), 0));
        assertTrue(it.computations() >= 2 && it.computations() <= 3, "one or two recomputations: " + it.computations());
    }

    @Test
    void aFailingRecomputationShowsTheErrorAndTheNextOneRecovers() throws Exception {
        IntSlider q = new IntSlider(t, "q", 1, 0, 10, 1);
        Interact it = new Interact(t, sink, () -> {
            if (q.value() == 0) {
                throw new ArithmeticException("q must be positive");
            }
            return "1/q=" + (1.0 / q.value());
        }, List.of(q), Runnable::run);
        q.value(0);
        assertEquals("stream", it.outputs().get(0).outputs().get(0).get("output_type"));
        assertTrue(it.outputs().get(0).outputs().get(0).get("text").toString().contains("q must be positive"));
        assertTrue(it.lastError() instanceof ArithmeticException);
        q.value(4);
        assertEquals("1/q=0.25", text(it.outputs().get(0), 0));
    }

    @Test
    void aFailingFirstComputationFailsTheCell() {
        IntSlider q = new IntSlider(t, "q", 1, 0, 10, 1);
        assertThrows(IllegalStateException.class, () -> new Interact(t, sink, () -> {
            throw new IllegalStateException("bad");
        }, List.of(q), Runnable::run));
    }

    @Test
    void buttonClicksRecompute() {
        Button b = new Button(t, "again");
        AtomicInteger n = new AtomicInteger();
        Interact it = new Interact(t, sink, () -> "run " + n.incrementAndGet(), List.of(b), Runnable::run);
        b.handle(Map.of("method", "custom", "content", Map.of("event", "click")));
        assertEquals("run 2", text(it.outputs().get(0), 0));
    }
}
