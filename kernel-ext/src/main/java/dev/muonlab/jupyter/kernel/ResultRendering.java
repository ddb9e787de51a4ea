package dev.muonlab.jupyter.kernel;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

/**
 * Renders a cell's value with the Renderer (where extensions registered INDArray, Table, Figure ...) and makes
 * sure the bundle always has {@code text/plain}, as Jupyter clients and nbconvert expect.
 *
 * <p>A renderer or {@code toString()} that throws must not fail the cell after it ran: the value is then shown as
 * its class name with the failure.
 */
final class ResultRendering {

    private ResultRendering() {
    }

    /**
     * @param renderer the kernel's renderer
     * @param value    the value, may be null
     * @return a bundle containing text/plain
     */
    static DisplayData render(Renderer renderer, Object value) {
        DisplayData data;
        try {
            data = value instanceof DisplayData ? (DisplayData) value : renderer.render(value);
        } catch (RuntimeException e) {
            data = new DisplayData();
            data.putText(describe(value) + " (rendering failed: " + e + ")");
            return data;
        }
        if (data == null) {
            data = new DisplayData();
        }
        if (!data.hasDataForType(MIMEType.TEXT_PLAIN)) {
            data.putText(value instanceof DisplayData ? "<display data>" : safeToString(value));
        }
        return data;
    }

    private static String safeToString(Object value) {
        try {
            return String.valueOf(value);
        } catch (RuntimeException e) {
            return describe(value) + " (toString failed: " + e + ")";
        }
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getName();
    }
}
