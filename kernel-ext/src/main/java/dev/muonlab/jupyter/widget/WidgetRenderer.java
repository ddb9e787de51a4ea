package dev.muonlab.jupyter.widget;

import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

/**
 * Shows a widget returned by a cell as its view: {@code application/vnd.jupyter.widget-view+json}
 * {@code {"version_major": 2, "version_minor": 0, "model_id": ...}}, as ipywidgets' {@code _repr_mimebundle_} does,
 * plus a {@code text/plain} fallback ({@code IntSlider(value=5, min=1, max=12, step=1, description='q')}) for pages
 * without widget support. An {@link Interact} has shown itself already; as a cell result it is one line of text.
 */
public final class WidgetRenderer {

    private static final MIMEType VIEW = MIMEType.parse(Widget.VIEW_MIME);

    private WidgetRenderer() {
    }

    /** Registers the renderers. Modifies {@code renderer}. */
    public static void register(Renderer renderer) {
        renderer.createRegistration(Widget.class)
                .preferring(VIEW, MIMEType.TEXT_PLAIN)
                .register((widget, context) -> {
                    context.renderIfRequested(VIEW, widget::view);
                    context.renderIfRequested(MIMEType.TEXT_PLAIN, widget::toString);
                });
        renderer.createRegistration(Interact.class)
                .preferring(MIMEType.TEXT_PLAIN)
                .register((interact, context) -> context.renderIfRequested(MIMEType.TEXT_PLAIN, interact::toString));
    }
}
