package dev.muonlab.jupyter.widget;

import java.util.List;

/**
 * The keys the three sliders share (ipywidgets 8.1 {@code _BoundedInt}/{@code _BoundedFloat} with the slider
 * traits): {@code behavior}, {@code continuous_update}, {@code disabled}, {@code orientation}, {@code readout},
 * {@code readout_format}, {@code min}, {@code max}, {@code step}, {@code value}.
 *
 * <p>{@code continuous_update} stays true, as in ipywidgets: the frontend sends values while the handle is dragged,
 * and {@link Interact} keeps that cheap by computing only the latest value.
 */
public abstract class Slider extends DomWidget {

    Slider(WidgetTransport transport, String modelName, String viewName, String description) {
        super(transport, modelName, CONTROLS, VERSION, viewName, Style.Kind.SLIDER);
        init("behavior", "drag-tap");
        init("continuous_update", true);
        init("description", description == null ? "" : description);
        init("disabled", false);
        init("orientation", "horizontal");
        init("readout", true);
    }

    /**
     * Sets the range keys, in ipywidgets' order. Modifies this widget's state (before {@code open()}).
     *
     * @param min    the smallest value (an exponent for a log slider)
     * @param max    the largest value
     * @param step   the increment, &gt; 0
     * @param value  the start value, already clamped by the caller
     * @param format the readout format, e.g. {@code "d"} or {@code ".2f"}
     * @throws IllegalArgumentException unless min &lt;= max and step &gt; 0
     */
    protected final void initRange(Number min, Number max, Number step, Number value, String format) {
        if (!(min.doubleValue() <= max.doubleValue()) || !(step.doubleValue() > 0)) {
            throw new IllegalArgumentException("need min <= max and step > 0, got " + min + ", " + max + ", " + step);
        }
        init("max", max);
        init("min", min);
        init("readout_format", format);
        init("step", step);
        init("value", value);
    }

    @Override
    protected List<String> shownKeys() {
        return List.of("value", "min", "max", "step", "description");
    }
}
