package dev.muonlab.jupyter.widget;

import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Where widget messages go: the three comm operations of the Jupyter widget messaging protocol
 * (https://github.com/jupyter-widgets/ipywidgets/blob/main/packages/schema/messages.md). The kernel implementation
 * ({@link KernelWidgets}) publishes {@code comm_open}, {@code comm_msg} and {@code comm_close} on IOPub; unit tests
 * record the messages instead, so the state JSON can be checked without a Jupyter connection.
 *
 * <p>Payloads are plain maps, lists, strings, numbers and booleans, which every copy of Gson (the kernel's or a
 * stock JJava's shaded one) writes as the same JSON.
 */
public interface WidgetTransport {

    /** Drops every message: widgets made where no kernel is connected still hold and change their state. */
    WidgetTransport NONE = new WidgetTransport() {
        @Override
        public void open(Widget widget, Map<String, Object> data, Map<String, Object> metadata) {
        }

        @Override
        public void send(Widget widget, Map<String, Object> data) {
        }

        @Override
        public void close(Widget widget) {
        }
    };

    /**
     * Sends {@code comm_open} with target {@code jupyter.widget} and comm id {@code widget.modelId()}.
     *
     * @param widget   the widget whose model the frontend creates
     * @param data     {@code {"state": {...}, "buffer_paths": []}}
     * @param metadata {@code {"version": "2.1.0"}}
     */
    void open(Widget widget, Map<String, Object> data, Map<String, Object> metadata);

    /**
     * Sends {@code comm_msg} to the widget's model.
     *
     * @param widget the widget
     * @param data   {@code {"method": "update" | "echo_update", "state": {...}, "buffer_paths": []}} or
     *               {@code {"method": "custom", "content": {...}}}
     */
    void send(Widget widget, Map<String, Object> data);

    /** Sends {@code comm_close}: the frontend drops the model and its views. */
    void close(Widget widget);

    /**
     * @return where listeners and click handlers run: the kernel's single widget-event thread, so that they never
     *         hold up the shell thread that reads comm messages; here, in the calling thread (for unit tests)
     */
    default Executor events() {
        return Runnable::run;
    }
}
