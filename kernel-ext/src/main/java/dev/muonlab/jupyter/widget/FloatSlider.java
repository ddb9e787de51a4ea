package dev.muonlab.jupyter.widget;

/**
 * A slider over doubles: {@code FloatSliderModel} / {@code FloatSliderView} of {@code @jupyter-widgets/controls}
 * 2.0.0, readout format {@code ".2f"} (ipywidgets' default; set {@code "readout_format"} for more digits).
 */
public final class FloatSlider extends Slider {

    /**
     * @param transport   where the model's messages go
     * @param description the label
     * @param value       the start value, clamped to [min, max]
     * @param min         the smallest value
     * @param max         the largest value
     * @param step        the increment, &gt; 0
     */
    public FloatSlider(WidgetTransport transport, String description, double value, double min, double max,
                       double step) {
        super(transport, "FloatSliderModel", "FloatSliderView", description);
        initRange(min, max, step, Math.max(min, Math.min(max, value)), ".2f");
        open();
    }

    /** @return the current value */
    public double value() {
        return (Double) get("value");
    }

    /** @param value the new value, clamped to [min, max] */
    public void value(double value) {
        set("value", Math.max((Double) get("min"), Math.min((Double) get("max"), value)));
    }

    @Override
    protected Object fromFrontend(String key, Object json) {
        return switch (key) {
            case "value", "min", "max", "step" -> toDouble(json);
            default -> json;
        };
    }
}
