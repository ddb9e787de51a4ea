package dev.muonlab.jupyter;

import dev.muonlab.jupyter.render.FigureRenderer;
import dev.muonlab.jupyter.render.PlotlyLoader;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One notebook output that is replaced in place: a chart redrawn after every epoch, a table of
 * results that grows during a sweep. Created by {@code MuonLabNotebook.liveDisplay(initial)}; each
 * {@link #update(Object)} renders the new value like a cell result and sends
 * {@code update_display_data}, so the notebook (and its saved file) keeps only the latest state.
 *
 * <p>If this output carried plotly.js (it showed the session's first figure), every update carries
 * it again: otherwise replacing the output would remove the library from the saved notebook and
 * charts elsewhere in it could not draw when it is reopened. Figures are rendered without Plotly's
 * JSON type ({@link FigureRenderer#LIVE}), whose JupyterLab renderer ignores updates. Thread-safe.
 */
public final class LiveDisplay {

    private final DisplaySink sink;
    private final String id;
    private boolean carriesPlotly;

    /**
     * Renders and publishes {@code initial}.
     *
     * @param sink    where outputs go
     * @param initial the first value shown. Not modified.
     */
    public LiveDisplay(DisplaySink sink, Object initial) {
        this.sink = sink;
        this.id = UUID.randomUUID().toString();
        DisplayData data = render(initial);
        data.setDisplayId(id);
        sink.display(data);
    }

    /**
     * Replaces the output with {@code value}, rendered as a cell result would be.
     *
     * @param value the new value. Not modified.
     */
    public synchronized void update(Object value) {
        sink.update(id, render(value));
    }

    /** @return the Jupyter display id of this output (usable with JJava's {@code updateDisplay}) */
    public String id() {
        return id;
    }

    private synchronized DisplayData render(Object value) {
        Map<String, Object> params = new HashMap<>();
        params.put(FigureRenderer.INCLUDE_LIBRARY, carriesPlotly);
        params.put(FigureRenderer.LIVE, true);
        DisplayData data = sink.render(value, params);
        Object html = data.getData(MIMEType.TEXT_HTML);
        carriesPlotly |= html instanceof String s && PlotlyLoader.carriesLibrary(s);
        return data;
    }
}
