package dev.muonlab.jupyter.widget;

import java.util.List;
import java.util.Map;

/**
 * An output area: {@code OutputModel} / {@code OutputView} of {@code @jupyter-widgets/output} 1.0.0. The kernel
 * replaces its content by setting the synced {@code outputs} key to a list of nbformat outputs
 * ({@code {"output_type": "display_data", "data": {...}, "metadata": {}}}), as ipywidgets'
 * {@code Output.append_display_data} and {@code clear_output} do when no capture is running.
 *
 * <p>Why {@code outputs} and not {@code msg_id} capture: capture makes the frontend collect the IOPub messages of
 * one parent request, which exists only while that request runs; the recomputations of {@link Interact} happen on
 * a worker thread after the cell has ended. The state itself is saved with the notebook's widget state, so the last
 * content is kept.
 */
public final class Output extends DomWidget {

    /** @param transport where the model's messages go */
    public Output(WidgetTransport transport) {
        super(transport, "OutputModel", "@jupyter-widgets/output", "1.0.0", "OutputView", null);
        init("msg_id", "");
        init("outputs", List.of());
        open();
    }

    /**
     * Replaces the content.
     *
     * @param outputs nbformat outputs, each a map with {@code output_type}; empty clears the area
     */
    public void outputs(List<Map<String, Object>> outputs) {
        set("outputs", List.copyOf(outputs));
    }

    /** @return the current nbformat outputs */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> outputs() {
        return (List<Map<String, Object>>) get("outputs");
    }

    /** Empties the area (ipywidgets' {@code clear_output()}). */
    public void clear() {
        outputs(List.of());
    }

    @Override
    protected List<String> shownKeys() {
        return List.of();
    }

    @Override
    public String toString() {
        return "Output(" + outputs().size() + " outputs)";
    }
}
