package dev.muonlab.jupyter.widget;

/**
 * A boolean: {@code CheckboxModel} / {@code CheckboxView} of {@code @jupyter-widgets/controls} 2.0.0, with
 * {@code indent} true as in ipywidgets 8.
 */
public final class Checkbox extends DomWidget {

    /**
     * @param transport   where the model's messages go
     * @param description the label
     * @param value       whether it starts ticked
     */
    public Checkbox(WidgetTransport transport, String description, boolean value) {
        super(transport, "CheckboxModel", CONTROLS, VERSION, "CheckboxView", Style.Kind.CHECKBOX);
        init("description", description == null ? "" : description);
        init("disabled", false);
        init("indent", true);
        init("value", value);
        open();
    }

    /** @return whether it is ticked */
    public boolean value() {
        return (Boolean) get("value");
    }

    /** @param value tick or untick */
    public void value(boolean value) {
        set("value", value);
    }

    @Override
    protected Object fromFrontend(String key, Object json) {
        return "value".equals(key) || "disabled".equals(key) || "indent".equals(key)
                ? Boolean.valueOf(String.valueOf(json)) : json;
    }
}
