package dev.muonlab.jupyter.widget;

import java.util.List;

/**
 * The CSS layout of a widget: {@code LayoutModel} of {@code @jupyter-widgets/base} 2.0.0, which every DOM widget
 * references in its {@code layout} key. All properties start unset (null), as in ipywidgets 8
 * ({@code ipywidgets/widgets/widget_layout.py}); set them with {@link #set}, e.g. {@code layout.set("width", "400px")}.
 */
public final class Layout extends Widget {

    /** The CSS properties of ipywidgets 8.1's Layout, in its order. */
    static final List<String> PROPERTIES = List.of("align_content", "align_items", "align_self", "border_bottom",
            "border_left", "border_right", "border_top", "bottom", "display", "flex", "flex_flow", "grid_area",
            "grid_auto_columns", "grid_auto_flow", "grid_auto_rows", "grid_column", "grid_gap", "grid_row",
            "grid_template_areas", "grid_template_columns", "grid_template_rows", "height", "justify_content",
            "justify_items", "left", "margin", "max_height", "max_width", "min_height", "min_width", "object_fit",
            "object_position", "order", "overflow", "padding", "right", "top", "visibility", "width");

    /** @param transport where the model's messages go */
    public Layout(WidgetTransport transport) {
        super(transport, "LayoutModel", BASE, VERSION, "LayoutView", BASE, VERSION);
        PROPERTIES.forEach(p -> init(p, null));
        open();
    }

    @Override
    protected List<String> shownKeys() {
        return PROPERTIES;
    }
}
