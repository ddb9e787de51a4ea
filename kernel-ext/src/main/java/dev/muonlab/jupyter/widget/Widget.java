package dev.muonlab.jupyter.widget;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * One widget model, kept in the kernel and mirrored in the frontend, speaking the Jupyter widget messaging protocol
 * version {@value #PROTOCOL_VERSION} that ipywidgets 8 frontends use (JupyterLab 4, Notebook 7, VS Code):
 * https://github.com/jupyter-widgets/ipywidgets/blob/main/packages/schema/messages.md.
 *
 * <ul>
 *   <li>Creation sends {@code comm_open} (target {@code jupyter.widget}, metadata {@code {"version": "2.1.0"}}) with
 *       the full state and {@code buffer_paths: []}; its comm id is the model id.</li>
 *   <li>A change made in Java sends {@code {"method": "update", "state": {key: value}}}.</li>
 *   <li>An {@code update} from the frontend is applied and answered with {@code echo_update} of the same keys, as
 *       ipywidgets 8 does (protocol 2.1: the frontend uses the echo to settle concurrent edits); a frontend that
 *       predates 2.1 ignores it.</li>
 *   <li>{@code request_state} is answered with an {@code update} holding the full state.</li>
 *   <li>{@code custom} messages go to {@link #onCustom(Map)} (a button's {@code {"event": "click"}}).</li>
 * </ul>
 *
 * <p>Why the keys and defaults are spelled out in each subclass: the frontend model takes whatever state arrives,
 * and a missing key there is a missing default here. Every subclass is checked against the state ipywidgets 8.1
 * itself produces ({@code widget-states.json}, a test resource). Thread-safe: the state is changed from cells, from
 * the shell thread (frontend updates) and from interact workers. Listeners run on the transport's event thread, never
 * on the thread that handles comm messages, so a slow listener cannot hold up the kernel.
 */
public abstract class Widget {

    /** The widget messaging protocol version sent in {@code comm_open}'s metadata. */
    public static final String PROTOCOL_VERSION = "2.1.0";
    /** The mime type of a widget view in a cell output. */
    public static final String VIEW_MIME = "application/vnd.jupyter.widget-view+json";

    static final String CONTROLS = "@jupyter-widgets/controls";
    static final String BASE = "@jupyter-widgets/base";
    static final String VERSION = "2.0.0";

    private static final Logger LOG = LoggerFactory.getLogger(Widget.class);

    private final String modelId = UUID.randomUUID().toString().replace("-", "");
    private final Map<String, Object> state = new LinkedHashMap<>();
    private final WidgetTransport transport;
    private final List<Consumer<Change>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean open;

    /** A changed value: which key, the old and the new value, and whether the frontend made the change. */
    public record Change(Widget widget, String key, Object oldValue, Object newValue, boolean fromFrontend) {
    }

    /**
     * Sets the model and view names; the subclass adds its keys with {@link #init} and then calls {@link #open()}.
     */
    protected Widget(WidgetTransport transport, String modelName, String modelModule, String modelVersion,
                     String viewName, String viewModule, String viewVersion) {
        this.transport = Objects.requireNonNull(transport);
        init("_model_module", modelModule);
        init("_model_module_version", modelVersion);
        init("_model_name", modelName);
        init("_view_count", null);
        init("_view_module", viewModule);
        init("_view_module_version", viewVersion);
        init("_view_name", viewName);
    }

    /** Adds a key with its default, before {@link #open()}. */
    protected final void init(String key, Object value) {
        state.put(key, value);
    }

    /** Sends {@code comm_open} with the full state. Called once, at the end of the concrete constructor. */
    protected final void open() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("state", state());
        data.put("buffer_paths", List.of());
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("version", PROTOCOL_VERSION);
        open = true;
        transport.open(this, data, metadata);
    }

    /** @return the model id, which is also the comm id; children are referenced as {@code "IPY_MODEL_" + id} */
    public final String modelId() {
        return modelId;
    }

    /** @return a copy of the whole state, as sent in {@code comm_open} */
    public final synchronized Map<String, Object> state() {
        return new LinkedHashMap<>(state);
    }

    /** @return the value of one key of the state (null if absent) */
    public final synchronized Object get(String key) {
        return state.get(key);
    }

    /**
     * Changes one key from Java: sends {@code update} and tells the listeners, if the value changed.
     *
     * @param key   a key of this model's state
     * @param value the new JSON-able value (after {@link #fromFrontend} conversion, e.g. an Integer for an int)
     */
    public final void set(String key, Object value) {
        Object old;
        synchronized (this) {
            if (!state.containsKey(key)) {
                throw new IllegalArgumentException(getClass().getSimpleName() + " has no key " + key);
            }
            old = state.put(key, value);
            if (Objects.equals(old, value)) {
                return;
            }
            if (open) {
                transport.send(this, message("update", Map.of(key, value)));
            }
        }
        fire(new Change(this, key, old, value, false));
    }

    /**
     * @param listener called after each change of any key (from Java or from the frontend), on the widget event
     *                 thread, which all widgets share: keep it short (long work belongs in {@link Interact}, which
     *                 has a worker of its own and skips outdated values)
     * @return this widget
     */
    public Widget observe(Consumer<Change> listener) {
        listeners.add(inCallersLoader(listener));
        return this;
    }

    /**
     * Runs {@code action} with the context class loader of the thread that registered it (a cell's: libraries such
     * as ND4J find their services through it), and reports an exception instead of ending the event thread.
     */
    static <T> Consumer<T> inCallersLoader(Consumer<T> action) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return value -> {
            Thread t = Thread.currentThread();
            ClassLoader before = t.getContextClassLoader();
            t.setContextClassLoader(loader);
            try {
                action.accept(value);
            } catch (RuntimeException | Error e) {
                LOG.warn("widget listener failed", e);
                System.err.println("widget listener failed: " + e); // the running cell's stderr, else the kernel log
            } finally {
                t.setContextClassLoader(before);
            }
        };
    }

    /**
     * Handles the {@code data} of a {@code comm_msg} from the frontend. Called on the kernel's shell thread.
     *
     * @param data the message data as plain JSON values (maps, lists, strings, numbers, booleans). Not modified.
     */
    public final void handle(Map<String, Object> data) {
        Object method = data.get("method");
        if ("update".equals(method) && data.get("state") instanceof Map<?, ?> incoming) {
            applyUpdate(incoming);
        } else if ("request_state".equals(method)) {
            synchronized (this) {
                transport.send(this, message("update", state));
            }
        } else if ("custom".equals(method) && data.get("content") instanceof Map<?, ?> content) {
            @SuppressWarnings("unchecked") Map<String, Object> c = (Map<String, Object>) content;
            onCustom(c);
        }
    }

    private void applyUpdate(Map<?, ?> incoming) {
        List<Change> changes = new ArrayList<>();
        synchronized (this) {
            Map<String, Object> echo = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : incoming.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (!state.containsKey(key)) {
                    continue;
                }
                Object value = fromFrontend(key, e.getValue());
                echo.put(key, value);
                Object old = state.put(key, value);
                if (!Objects.equals(old, value)) {
                    changes.add(new Change(this, key, old, value, true));
                }
            }
            if (!echo.isEmpty() && open) {
                transport.send(this, message("echo_update", echo));
            }
        }
        changes.forEach(this::fire);
    }

    /** Converts a JSON value from the frontend to this model's Java type (numbers arrive as BigDecimal). */
    protected Object fromFrontend(String key, Object json) {
        return json;
    }

    /** Called on the shell thread for a {@code custom} message; nothing by default. */
    protected void onCustom(Map<String, Object> content) {
    }

    /** Runs {@code action} on the transport's event thread (listeners, click handlers). */
    protected final void dispatch(Runnable action) {
        transport.events().execute(action);
    }

    private void fire(Change change) {
        for (Consumer<Change> l : listeners) {
            dispatch(() -> l.accept(change));
        }
    }

    /** Sends {@code comm_close}; the frontend removes the model and its views. */
    public final void close() {
        synchronized (this) {
            if (!open) {
                return;
            }
            open = false;
        }
        transport.close(this);
    }

    /** Called when the frontend closed the comm: no more messages are sent. */
    final void closedByFrontend() {
        open = false;
    }

    /** @return whether the comm is open */
    public final boolean isOpen() {
        return open;
    }

    /** @return {@code {"version_major": 2, "version_minor": 0, "model_id": ...}}, the cell output of this widget */
    public final Map<String, Object> view() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("version_major", 2);
        v.put("version_minor", 0);
        v.put("model_id", modelId);
        return v;
    }

    /** @return {@code "IPY_MODEL_<id>"}, how another model's state refers to this one */
    public final String reference() {
        return "IPY_MODEL_" + modelId;
    }

    /** @return the keys shown by {@link #toString()}, the text/plain fallback of a view */
    protected List<String> shownKeys() {
        return List.of("value", "description");
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(getClass().getSimpleName()).append('(');
        String sep = "";
        for (String key : shownKeys()) {
            Object v = get(key);
            if (v != null && !"".equals(v)) {
                s.append(sep).append(key).append('=').append(v instanceof String ? "'" + v + "'" : v);
                sep = ", ";
            }
        }
        return s.append(')').toString();
    }

    private static Map<String, Object> message(String method, Map<String, Object> state) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", method);
        m.put("state", Collections.unmodifiableMap(new LinkedHashMap<>(state)));
        m.put("buffer_paths", List.of());
        return m;
    }
}
