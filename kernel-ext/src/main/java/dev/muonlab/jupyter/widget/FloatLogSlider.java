package dev.muonlab.jupyter.widget;

/**
 * A slider on a log scale: {@code FloatLogSliderModel} / {@code FloatLogSliderView} of
 * {@code @jupyter-widgets/controls} 2.0.0. As in ipywidgets, {@code value} is the number itself while {@code min},
 * {@code max} and {@code step} are exponents of {@code base}: {@code (1e-3, -4, 0, 0.25)} slides from 10⁻⁴ to 1 in
 * quarter decades. Readout format {@code ".3g"}.
 */
public final class FloatLogSlider extends Slider {

    /**
     * @param transport   where the model's messages go
     * @param description the label
     * @param value       the start value, &gt; 0, clamped to [base^min, base^max]
     * @param minExponent the smallest exponent
     * @param maxExponent the largest exponent
     * @param stepExponent the exponent increment, &gt; 0
     */
    public FloatLogSlider(WidgetTransport transport, String description, double value, double minExponent,
                          double maxExponent, double stepExponent) {
        super(transport, "FloatLogSliderModel", "FloatLogSliderView", description);
        if (!(value > 0)) {
            throw new IllegalArgumentException("need value > 0, got " + value);
        }
        double base = 10.0;
        init("base", base);
        initRange(minExponent, maxExponent, stepExponent,
                Math.max(Math.pow(base, minExponent), Math.min(Math.pow(base, maxExponent), value)), ".3g");
        open();
    }

    /** @return the current value (not its exponent) */
    public double value() {
        return (Double) get("value");
    }

    /** @param value the new value, clamped to [base^min, base^max] */
    public void value(double value) {
        set("value", clamp(value));
    }

    private double clamp(double value) {
        double base = (Double) get("base");
        return Math.max(Math.pow(base, (Double) get("min")), Math.min(Math.pow(base, (Double) get("max")), value));
    }

    @Override
    protected Object fromFrontend(String key, Object json) {
        return switch (key) {
            case "value", "min", "max", "step", "base" -> toDouble(json);
            default -> json;
        };
    }
}
