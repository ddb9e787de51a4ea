package dev.muonlab.jupyter.widget;

import java.util.List;

/**
 * A widget with a view in the page: ipywidgets' {@code DOMWidget} keys ({@code _dom_classes}, {@code layout},
 * {@code tabbable}, {@code tooltip}) and, for controls with a label, {@code DescriptionWidget}'s
 * ({@code description}, {@code description_allow_html}, {@code style}). The {@link Layout} and the {@link Style} are
 * models of their own, opened before this one, because the frontend resolves the {@code "IPY_MODEL_<id>"}
 * references when it creates this model.
 */
public abstract class DomWidget extends Widget {

    private final Layout layout;
    private final Style style;

    /**
     * @param style the control's style kind, or null for widgets without a description (boxes, outputs)
     */
    protected DomWidget(WidgetTransport transport, String modelName, String modelModule, String modelVersion,
                        String viewName, Style.Kind style) {
        super(transport, modelName, modelModule, modelVersion, viewName, modelModule, modelVersion);
        this.layout = new Layout(transport);
        this.style = style == null ? null : new Style(transport, style);
        init("_dom_classes", List.of());
        init("layout", layout.reference());
        init("tabbable", null);
        init("tooltip", null);
        if (style != null) {
            init("description", "");
            if (style != Style.Kind.BUTTON) { // ipywidgets' Button is no DescriptionWidget: no description_allow_html
                init("description_allow_html", false);
            }
            init("style", this.style.reference());
        }
    }

    /** @return the layout model; e.g. {@code layout().set("width", "50%")} */
    public Layout layout() {
        return layout;
    }

    /** @return the style model, or null for a widget without a description */
    public Style style() {
        return style;
    }

    /** @return the label shown before the control */
    public String description() {
        return String.valueOf(get("description"));
    }

    /** Closes this widget, then its layout and style models. */
    public void closeAll() {
        close();
        layout.close();
        if (style != null) {
            style.close();
        }
    }

    static int toInt(Object json) {
        return json instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(json));
    }

    static double toDouble(Object json) {
        return json instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(json));
    }
}
