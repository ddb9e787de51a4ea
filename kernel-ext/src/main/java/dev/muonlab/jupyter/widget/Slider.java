package dev.muonlab.jupyter.widget;

import java.util.List;

/**
 * The keys the three sliders share (ipywidgets 8.1 {@code _BoundedInt}/{@code _BoundedFloat} with the slider
 * traits): {@code behavior}, {@code continuous_update}, {@code disabled}, {@code orientation}, {@code readout},
 * {@code readout_format}, {@code min}, {@code max}, {@code step}, {@code value}.
 *
 * <p>{@code continuous_update} stays true, as in ipywidgets: the frontend sends values while the handle is dragged,
 * and {@link Interact} keeps that cheap by computing only the latest value.
 */
public abstract class Slider extends DomWidget {

    Slider(WidgetTransport transport, String modelName, String viewName, String description) {
        super(transport, modelName, CONTROLS, VERSION, viewName, Style.Kind.SLIDER);
        init("behavior", "drag-tap");
        init("continuous_update", true);
        init("description", description == null ? "" : description);
        init("disabled", false);
        init("orientation", "horizontal");
        init("readout", true);
    }

    @Override
    protected List<String> shownKeys() {
        return List.of("value", "min", "max", "step", "description");
    }
}
