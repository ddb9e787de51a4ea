package dev.muonlab.jupyter.widget;

import java.util.ArrayList;
import java.util.List;

/**
 * A choice among labels: {@code DropdownModel} / {@code DropdownView} of {@code @jupyter-widgets/controls} 2.0.0.
 * As in ipywidgets 8, only {@code _options_labels} and {@code index} are synced: the frontend sends the chosen
 * index, and the kernel maps it back to a label ({@code ipywidgets/widgets/widget_selection.py}).
 */
public final class Dropdown extends DomWidget {

    /**
     * @param transport   where the model's messages go
     * @param description the label
     * @param options     the choices, at least one
     * @param value       the chosen one, or null for the first
     */
    public Dropdown(WidgetTransport transport, String description, List<String> options, String value) {
        super(transport, "DropdownModel", CONTROLS, VERSION, "DropdownView", Style.Kind.DESCRIPTION);
        if (options.isEmpty()) {
            throw new IllegalArgumentException("a dropdown needs at least one option");
        }
        int index = value == null ? 0 : options.indexOf(value);
        if (index < 0) {
            throw new IllegalArgumentException(value + " is not one of " + options);
        }
        init("_options_labels", List.copyOf(options));
        init("description", description == null ? "" : description);
        init("disabled", false);
        init("index", index);
        open();
    }

    /** @return the chosen label */
    public String value() {
        return options().get(index());
    }

    /** @param value one of the options; the frontend shows it chosen */
    public void value(String value) {
        int i = options().indexOf(value);
        if (i < 0) {
            throw new IllegalArgumentException(value + " is not one of " + options());
        }
        set("index", i);
    }

    /** @return the index of the chosen label */
    public int index() {
        return (Integer) get("index");
    }

    /** @return the labels */
    @SuppressWarnings("unchecked")
    public List<String> options() {
        return (List<String>) get("_options_labels");
    }

    @Override
    protected Object fromFrontend(String key, Object json) {
        return switch (key) {
            case "index" -> json == null ? 0 : Math.max(0, Math.min(options().size() - 1, toInt(json)));
            case "_options_labels" -> json instanceof List<?> l ? List.copyOf(stringsOf(l)) : get(key);
            default -> json;
        };
    }

    private static List<String> stringsOf(List<?> l) {
        List<String> out = new ArrayList<>();
        l.forEach(o -> out.add(String.valueOf(o)));
        return out;
    }

    @Override
    public String toString() {
        String d = description();
        return "Dropdown(value='" + value() + "', options=" + options() + (d.isEmpty() ? "" : ", description='" + d + "'") + ")";
    }
}
