package dev.muonlab.jupyter.widget;

/**
 * An integer slider: {@code IntSliderModel} / {@code IntSliderView} of {@code @jupyter-widgets/controls} 2.0.0,
 * readout format {@code "d"}. Values outside [min, max] are clamped, as ipywidgets' validator does.
 */
public final class IntSlider extends Slider {

    /**
     * @param transport   where the model's messages go
     * @param description the label
     * @param value       the start value, clamped to [min, max]
     * @param min         the smallest value
     * @param max         the largest value
     * @param step        the increment, &gt; 0
     */
    public IntSlider(WidgetTransport transport, String description, int value, int min, int max, int step) {
        super(transport, "IntSliderModel", "IntSliderView", description);
        initRange(min, max, step, Math.max(min, Math.min(max, value)), "d");
        open();
    }

    /** @return the current value */
    public int value() {
        return (Integer) get("value");
    }

    /** @param value the new value, clamped to [min, max]; the frontend's handle moves */
    public void value(int value) {
        set("value", Math.max((Integer) get("min"), Math.min((Integer) get("max"), value)));
    }

    @Override
    protected Object fromFrontend(String key, Object json) {
        return switch (key) {
            case "value", "min", "max", "step" -> toInt(json);
            default -> json;
        };
    }
}
