package dev.muonlab.jupyter.widget;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Widget factories for notebook cells, statically imported into every notebook
 * ({@code import static dev.muonlab.jupyter.widget.Widgets.*;}). A widget returned by a cell shows as its view
 * ({@code application/vnd.jupyter.widget-view+json}, with a text fallback); {@link #interact} shows controls and a
 * result that follows them.
 *
 * <pre>{@code
 * var q = intSlider("steps q", 5, 1, 12);
 * var d = dropdown("degree d", List.of("3", "5", "7"), "5");
 * interact(() -> NsCharts.band(PolarExpress.generate(Integer.parseInt(d.value()), 1e-3, q.value()), "PE", 1e-3), q, d);
 * q.observe(change -> System.out.println("q is now " + change.newValue()));   // Java on every change
 * }</pre>
 *
 * <p>Widgets made without a kernel (plain Java, unit tests) keep their state and send nothing.
 */
public final class Widgets {

    private Widgets() {
    }

    private static WidgetTransport transport() {
        return KernelWidgets.current();
    }

    /** @return an integer slider from {@code min} to {@code max} in steps of 1 */
    public static IntSlider intSlider(String description, int value, int min, int max) {
        return new IntSlider(transport(), description, value, min, max, 1);
    }

    /** @return an integer slider from {@code min} to {@code max} in steps of {@code step} */
    public static IntSlider intSlider(String description, int value, int min, int max, int step) {
        return new IntSlider(transport(), description, value, min, max, step);
    }

    /** @return a slider over doubles from {@code min} to {@code max} in steps of {@code step} */
    public static FloatSlider floatSlider(String description, double value, double min, double max, double step) {
        return new FloatSlider(transport(), description, value, min, max, step);
    }

    /**
     * @param minExponent  the smallest value is 10^minExponent
     * @param maxExponent  the largest value is 10^maxExponent
     * @param stepExponent the step, in decades (0.25: four stops per decade)
     * @return a slider on a log scale whose value is the number itself
     */
    public static FloatLogSlider logSlider(String description, double value, double minExponent, double maxExponent,
                                           double stepExponent) {
        return new FloatLogSlider(transport(), description, value, minExponent, maxExponent, stepExponent);
    }

    /** @return a dropdown with these labels, {@code value} chosen (null: the first) */
    public static Dropdown dropdown(String description, List<String> options, String value) {
        return new Dropdown(transport(), description, options, value);
    }

    /** @return a dropdown with the names of these enum constants, {@code value} chosen */
    public static <E extends Enum<E>> Dropdown dropdown(String description, E value) {
        List<String> names = Arrays.stream(value.getDeclaringClass().getEnumConstants()).map(Enum::name).toList();
        return new Dropdown(transport(), description, names, value.name());
    }

    /** @return a checkbox */
    public static Checkbox checkbox(String description, boolean value) {
        return new Checkbox(transport(), description, value);
    }

    /** @return a button; add handlers with {@link Button#onClick} */
    public static Button button(String description) {
        return new Button(transport(), description);
    }

    /** @return an empty output area; fill it with {@link Output#outputs(List)} */
    public static Output output() {
        return new Output(transport());
    }

    /** @return the widgets side by side */
    public static Box hbox(Widget... children) {
        return new Box(transport(), Box.Direction.HORIZONTAL, List.of(children));
    }

    /** @return the widgets one below the other */
    public static Box vbox(Widget... children) {
        return new Box(transport(), Box.Direction.VERTICAL, List.of(children));
    }

    /** @return several values for an {@link #interact} function to show, each in its own output */
    public static Outputs outputs(Object... parts) {
        return new Outputs(Arrays.asList(parts));
    }

    /**
     * Shows the controls and what {@code function} returns, and recomputes it (latest value wins, on a worker) when
     * a control changes. The first result is computed now, in the cell.
     *
     * @param function reads the controls and returns what to show (or {@link #outputs})
     * @param controls the widgets whose changes trigger a recomputation
     * @return the handle (computation count, {@code awaitIdle}); it shows as one line of text
     */
    public static Interact interact(Supplier<?> function, Widget... controls) {
        KernelWidgets k = KernelWidgets.installed();
        if (k == null) {
            throw new IllegalStateException("interact needs a running kernel with the Muon Lab extension");
        }
        return new Interact(k, k.sink(), function, List.of(controls), LatestValueWorker.singleThread(
                "muonlab-interact", Thread.currentThread().getContextClassLoader()));
    }
}
