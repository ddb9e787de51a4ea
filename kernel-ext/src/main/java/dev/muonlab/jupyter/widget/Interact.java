package dev.muonlab.jupyter.widget;

import com.google.gson.Gson;
import dev.muonlab.jupyter.DisplaySink;
import dev.muonlab.jupyter.GsonBridge;
import dev.muonlab.jupyter.render.PlotlyLoader;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Controls bound to a function, its result redrawn in place whenever a control changes: ipywidgets' {@code interact}
 * for Java. The function reads the controls itself ({@code () -> chart(q.value(), d.value())}) and returns anything
 * the kernel renders (a Plotly figure, a Tablesaw table, an INDArray), or {@link Outputs} for several.
 *
 * <p>What the cell shows: the controls (a VBox view), then one output per part of the result. Each part's output is
 * the view of an {@link Output} widget whose {@code outputs} the kernel replaces after every recomputation, and the
 * same bundle carries the first result as ordinary mime data (HTML, Plotly JSON, text): a page without widget support
 * (an nbconvert report, a notebook viewer) shows that, and JupyterLab shows the live widget.
 *
 * <p>Debounced: the first result is computed in the cell; later ones on this interact's own worker thread
 * ({@link LatestValueWorker}): while one computation runs, further changes only replace the one pending request, so
 * a fast drag costs one run in flight plus one with the last value, never a queue. A computation that throws shows
 * its error in the first output and the worker goes on.
 */
public final class Interact {

    private static final Gson GSON = new Gson();

    private final Supplier<?> function;
    private final DisplaySink sink;
    private final WidgetTransport transport;
    private final Box controls;
    private final List<Output> outputs = new ArrayList<>();
    private final LatestValueWorker<Long> worker;
    private final AtomicLong computations = new AtomicLong();
    private final AtomicLong changes = new AtomicLong();
    private volatile Throwable lastError;

    /**
     * Computes the first result, shows the controls and the result, and starts listening to the controls.
     *
     * @param transport where the widget messages go
     * @param sink      renders values and publishes the cell's outputs
     * @param function  called once now and after each change of a control's value
     * @param controls  the widgets that trigger recomputation (their {@code value}, a dropdown's {@code index}, a
     *                  button's clicks)
     * @param executor  runs the recomputations; one thread, see {@link LatestValueWorker#singleThread}
     * @throws RuntimeException whatever the first computation throws: the cell fails, as a cell would
     */
    public Interact(WidgetTransport transport, DisplaySink sink, Supplier<?> function, List<? extends Widget> controls,
                    Executor executor) {
        this.transport = transport;
        this.sink = sink;
        this.function = function;
        this.worker = new LatestValueWorker<>(generation -> recompute(), this::failed, executor);
        List<Object> first = parts(function.get());
        computations.incrementAndGet();
        this.controls = new Box(transport, Box.Direction.VERTICAL, controls);
        DisplayData controlsView = new DisplayData(this.controls.toString());
        controlsView.putData(Widget.VIEW_MIME, this.controls.view());
        controlsView.setDisplayId(UUID.randomUUID().toString());
        sink.display(controlsView);
        for (Object part : first) {
            Output out = new Output(transport);
            DisplayData data = sink.render(part, Map.of());
            out.outputs(List.of(widgetOutput(part, data)));
            data.putData(Widget.VIEW_MIME, out.view());
            data.setDisplayId(UUID.randomUUID().toString());
            outputs.add(out);
            sink.display(data);
        }
        for (Widget w : controls) {
            w.observe(change -> {
                if (change.key().equals("value") || change.key().equals("index")) {
                    worker.submit(changes.incrementAndGet());
                }
            });
            if (w instanceof Button b) {
                b.onClick(button -> worker.submit(changes.incrementAndGet()));
            }
        }
    }

    private void recompute() {
        List<Object> parts = parts(function.get());
        computations.incrementAndGet();
        lastError = null;
        for (int i = 0; i < outputs.size(); i++) {
            List<Map<String, Object>> shown = new ArrayList<>();
            if (i < parts.size()) {
                shown.add(widgetOutput(parts.get(i), sink.render(parts.get(i), Map.of())));
            }
            if (i == outputs.size() - 1) { // more parts than at first: they go into the last output
                for (int j = outputs.size(); j < parts.size(); j++) {
                    shown.add(widgetOutput(parts.get(j), sink.render(parts.get(j), Map.of())));
                }
            }
            outputs.get(i).outputs(shown);
        }
    }

    private void failed(Throwable t) {
        lastError = t;
        if (!outputs.isEmpty()) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("output_type", "stream");
            error.put("name", "stderr");
            error.put("text", "interact: " + t + "\n");
            outputs.get(0).outputs(List.of(error));
        }
    }

    /**
     * An nbformat display_data for an Output widget. A bundle that carried plotly.js (the session's first figure)
     * is rendered again without it: the widget state must not hold a 4.6 MB copy; the page has the library already.
     */
    private Map<String, Object> widgetOutput(Object part, DisplayData data) {
        Object html = data.getData(MIMEType.TEXT_HTML);
        DisplayData shown = html instanceof String s && PlotlyLoader.carriesLibrary(s) ? sink.render(part, Map.of()) : data;
        return nbformatOutput(shown);
    }

    /** @return {@code {"output_type": "display_data", "data": {...}, "metadata": {...}}} */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> nbformatOutput(DisplayData data) {
        Map<String, Object> plain = (Map<String, Object>) GsonBridge.toPlain(GSON.toJsonTree(data));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("output_type", "display_data");
        out.put("data", plain.getOrDefault("data", Map.of()));
        Object metadata = plain.get("metadata");
        out.put("metadata", metadata == null ? Map.of() : metadata);
        return out;
    }

    private static List<Object> parts(Object result) {
        if (result instanceof Outputs o) {
            return o.parts();
        }
        List<Object> one = new ArrayList<>();
        one.add(result);
        return one;
    }

    /** @return the VBox of the controls */
    public Box controls() {
        return controls;
    }

    /** @return the Output widgets, one per part of the first result */
    public List<Output> outputs() {
        return List.copyOf(outputs);
    }

    /** @return how many times the function ran (the first run included) */
    public long computations() {
        return computations.get();
    }

    /** @return how many control changes asked for a recomputation */
    public long changes() {
        return changes.get();
    }

    /** @return the last recomputation's exception, or null if it succeeded */
    public Throwable lastError() {
        return lastError;
    }

    /**
     * Waits for the recomputations in flight or pending (tests; a cell that wants the final result).
     *
     * @param timeoutMs the longest wait
     * @return true when idle
     * @throws InterruptedException if interrupted
     */
    public boolean awaitIdle(long timeoutMs) throws InterruptedException {
        return worker.awaitIdle(timeoutMs);
    }

    @Override
    public String toString() {
        return "Interact(" + controls.children().size() + " controls, " + outputs.size() + " outputs, "
                + computations() + " computations)";
    }
}
