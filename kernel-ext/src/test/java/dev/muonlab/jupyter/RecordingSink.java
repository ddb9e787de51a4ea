package dev.muonlab.jupyter;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@link DisplaySink} that renders with a real jjava {@link Renderer} and records what a kernel
 * would publish (display_data and update_display_data), in order.
 */
final class RecordingSink implements DisplaySink {

    /** One published message. */
    record Published(String kind, String id, DisplayData data) {
        String html() {
            return (String) data.getData(MIMEType.TEXT_HTML);
        }

        String text() {
            return (String) data.getData(MIMEType.TEXT_PLAIN);
        }
    }

    private final Renderer renderer;
    private final List<Published> published = new ArrayList<>();

    RecordingSink(Renderer renderer) {
        this.renderer = renderer;
    }

    @Override
    public DisplayData render(Object value, Map<String, Object> params) {
        return renderer.render(value, params);
    }

    @Override
    public synchronized void display(DisplayData data) {
        published.add(new Published("display_data", data.getDisplayId(), data));
    }

    @Override
    public synchronized void update(String id, DisplayData data) {
        data.setDisplayId(id);
        published.add(new Published("update_display_data", id, data));
    }

    synchronized List<Published> published() {
        return List.copyOf(published);
    }

    synchronized Published last() {
        return published.get(published.size() - 1);
    }
}
