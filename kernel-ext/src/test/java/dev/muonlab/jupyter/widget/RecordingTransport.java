package dev.muonlab.jupyter.widget;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A {@link WidgetTransport} that records the messages a kernel would publish, in order; events run inline. */
final class RecordingTransport implements WidgetTransport {

    /** One message: "open", "send" or "close", the model id and its data (null for close). */
    record Sent(String kind, String modelId, Map<String, Object> data, Map<String, Object> metadata) {
        Object method() {
            return data == null ? null : data.get("method");
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> state() {
            return (Map<String, Object>) data.get("state");
        }
    }

    final List<Sent> sent = new ArrayList<>();

    @Override
    public synchronized void open(Widget widget, Map<String, Object> data, Map<String, Object> metadata) {
        sent.add(new Sent("open", widget.modelId(), data, metadata));
    }

    @Override
    public synchronized void send(Widget widget, Map<String, Object> data) {
        sent.add(new Sent("send", widget.modelId(), data, null));
    }

    @Override
    public synchronized void close(Widget widget) {
        sent.add(new Sent("close", widget.modelId(), null, null));
    }

    synchronized List<Sent> to(Widget widget) {
        return sent.stream().filter(s -> s.modelId().equals(widget.modelId())).toList();
    }

    synchronized Sent last() {
        return sent.get(sent.size() - 1);
    }
}
