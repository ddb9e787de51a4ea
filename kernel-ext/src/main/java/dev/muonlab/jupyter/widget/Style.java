package dev.muonlab.jupyter.widget;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A control's style: the models of {@code @jupyter-widgets/controls} 2.0.0 viewed by {@code StyleView} of
 * {@code @jupyter-widgets/base} 2.0.0. Each control has its own kind, with the keys ipywidgets 8.1 syncs
 * ({@code ipywidgets/widgets/widget_description.py}, {@code widget_int.py}, {@code widget_button.py},
 * {@code widget_bool.py}); all start at their ipywidgets defaults.
 */
public final class Style extends Widget {

    /** The style models the controls here use, with their keys beyond {@code description_width}. */
    public enum Kind {
        /** Dropdowns and other described controls. */
        DESCRIPTION("DescriptionStyleModel"),
        /** Sliders: adds {@code handle_color}. */
        SLIDER("SliderStyleModel", "handle_color"),
        /** Checkboxes: adds {@code background}. */
        CHECKBOX("CheckboxStyleModel", "background"),
        /** Buttons: colours and font, and no {@code description_width}. */
        BUTTON("ButtonStyleModel", "button_color", "font_family", "font_size", "font_style", "font_variant",
                "font_weight", "text_color", "text_decoration");

        final String modelName;
        final List<String> extraKeys;

        Kind(String modelName, String... extraKeys) {
            this.modelName = modelName;
            this.extraKeys = List.of(extraKeys);
        }
    }

    private final Kind kind;

    /**
     * @param transport where the model's messages go
     * @param kind      which style model
     */
    public Style(WidgetTransport transport, Kind kind) {
        super(transport, kind.modelName, CONTROLS, VERSION, "StyleView", BASE, VERSION);
        this.kind = kind;
        Map<String, Object> keys = new LinkedHashMap<>();
        if (kind != Kind.BUTTON) {
            keys.put("description_width", "");
        }
        kind.extraKeys.forEach(k -> keys.put(k, null));
        keys.forEach(this::init);
        open();
    }

    /** @return which style model this is */
    public Kind kind() {
        return kind;
    }

    @Override
    protected List<String> shownKeys() {
        return List.of("description_width");
    }
}
