package dev.muonlab.jupyter.widget;

import java.util.ArrayList;
import java.util.List;

/**
 * A row or column of widgets: {@code HBoxModel} / {@code VBoxModel} of {@code @jupyter-widgets/controls} 2.0.0.
 * Children are referenced as {@code "IPY_MODEL_<id>"} and must be open before the box (they are: a widget opens
 * when it is made).
 */
public final class Box extends DomWidget {

    /** Which way the children are laid out. */
    public enum Direction {
        /** Side by side: {@code HBoxModel}. */
        HORIZONTAL("HBox"),
        /** One below the other: {@code VBoxModel}. */
        VERTICAL("VBox");

        final String name;

        Direction(String name) {
            this.name = name;
        }
    }

    private final List<Widget> children;

    /**
     * @param transport where the model's messages go
     * @param direction HBox or VBox
     * @param children  the widgets, in order
     */
    public Box(WidgetTransport transport, Direction direction, List<? extends Widget> children) {
        super(transport, direction.name + "Model", CONTROLS, VERSION, direction.name + "View", null);
        this.children = List.copyOf(children);
        init("box_style", "");
        init("children", references(this.children));
        open();
    }

    /** @return the children, in order */
    public List<Widget> children() {
        return children;
    }

    static List<String> references(List<? extends Widget> widgets) {
        List<String> refs = new ArrayList<>();
        widgets.forEach(w -> refs.add(w.reference()));
        return List.copyOf(refs);
    }

    @Override
    protected List<String> shownKeys() {
        return List.of("children");
    }

    @Override
    public String toString() {
        return (get("_model_name").equals("HBoxModel") ? "HBox" : "VBox") + "(children=" + children + ")";
    }
}
