package dev.muonlab.jupyter.widget;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A button: {@code ButtonModel} / {@code ButtonView} of {@code @jupyter-widgets/controls} 2.0.0. A click arrives as
 * the custom message {@code {"method": "custom", "content": {"event": "click"}}}, as ipywidgets' {@code Button}
 * expects ({@code widget_button.py}); the handlers run on the widget event thread, in order.
 */
public final class Button extends DomWidget {

    private final List<Consumer<Button>> handlers = new CopyOnWriteArrayList<>();

    /**
     * @param transport   where the model's messages go
     * @param description the text on the button
     */
    public Button(WidgetTransport transport, String description) {
        super(transport, "ButtonModel", CONTROLS, VERSION, "ButtonView", Style.Kind.BUTTON);
        init("button_style", "");
        init("description", description == null ? "" : description);
        init("disabled", false);
        init("icon", "");
        open();
    }

    /**
     * @param handler run on each click, on the widget event thread
     * @return this button
     */
    public Button onClick(Consumer<Button> handler) {
        handlers.add(inCallersLoader(handler));
        return this;
    }

    /** Runs the click handlers as a click in the page would. */
    public void click() {
        handlers.forEach(h -> dispatch(() -> h.accept(this)));
    }

    @Override
    protected void onCustom(Map<String, Object> content) {
        if ("click".equals(content.get("event"))) {
            click();
        }
    }

    @Override
    protected List<String> shownKeys() {
        return List.of("description", "button_style");
    }
}
