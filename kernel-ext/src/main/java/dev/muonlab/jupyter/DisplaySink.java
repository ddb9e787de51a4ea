package dev.muonlab.jupyter;

import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

import java.util.Map;

/**
 * Where live outputs go: the three kernel operations that progress bars and {@link LiveDisplay}
 * need. The kernel implementation ({@link #of(BaseKernel)}) publishes {@code display_data} and
 * {@code update_display_data} messages; unit tests record what would be published, so the
 * rate limiting and the rendered states can be checked without a Jupyter connection.
 */
public interface DisplaySink {

    /**
     * @param value  the object to render. Not modified.
     * @param params render parameters for the render functions (may be empty)
     * @return the rendered mime bundle
     */
    DisplayData render(Object value, Map<String, Object> params);

    /** Publishes a new output. {@code data} must carry a display id, so that it can be updated. */
    void display(DisplayData data);

    /** Replaces every output that has display id {@code id} with {@code data}. Modifies {@code data} (sets the id). */
    void update(String id, DisplayData data);

    /**
     * @param kernel any jjava kernel: the Muon Lab kernel or stock JJava
     * @return a sink that renders with the kernel's Renderer and publishes on the cell's IOPub stream
     */
    static DisplaySink of(BaseKernel kernel) {
        return new DisplaySink() {
            @Override
            public DisplayData render(Object value, Map<String, Object> params) {
                return kernel.getRenderer().render(value, params);
            }

            @Override
            public void display(DisplayData data) {
                kernel.display(data);
            }

            @Override
            public void update(String id, DisplayData data) {
                kernel.getIO().display.updateDisplay(id, data);
            }
        };
    }
}
