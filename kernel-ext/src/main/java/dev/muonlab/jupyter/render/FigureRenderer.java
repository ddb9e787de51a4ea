package dev.muonlab.jupyter.render;

import com.google.gson.Gson;
import dev.muonlab.jupyter.GsonBridge;
import dev.muonlab.plot.FramedFigure;

import org.dflib.jjava.jupyter.kernel.display.RenderContext;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import tech.tablesaw.plotly.components.Figure;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Renders a Tablesaw/Plotly {@link Figure} as
 * <ul>
 *   <li>{@code text/html}: a div plus a script that draws the figure with Tablesaw's own JavaScript
 *       (so every attribute Tablesaw supports shows), offline, through {@link PlotlyLoader}; the first
 *       figure of the kernel session also carries plotly.js itself;</li>
 *   <li>{@code application/vnd.plotly.v1+json}: the figure as strict JSON ({@link PlotlyJson}), put
 *       into the message as a JSON object (not a string) for the {@code plotly} package's JupyterLab
 *       renderer; not for live outputs ({@link #LIVE});</li>
 *   <li>{@code text/plain}: the title and the number of traces, for consoles and text exports.</li>
 * </ul>
 * One instance per kernel: it remembers whether this session has already sent the library.
 */
public final class FigureRenderer {

    /** Plotly's MIME type. */
    public static final String PLOTLY_JSON = "application/vnd.plotly.v1+json";

    /**
     * Render parameter: when {@code true}, the HTML carries plotly.js even if an earlier output of this
     * session did. {@code LiveDisplay} sets it so that replacing an output that carried the library
     * does not lose it from the saved notebook.
     */
    public static final String INCLUDE_LIBRARY = "dev.muonlab.plotly.includeLibrary";

    /**
     * Render parameter: when {@code true}, the figure is an output that will be replaced
     * ({@code update_display_data}), and gets no {@value #PLOTLY_JSON}. The {@code plotly} package's
     * JupyterLab renderer prefers that type to text/html and does not redraw when the output is
     * updated, so a live chart would stay at its first state (empty) there; the HTML redraws everywhere.
     */
    public static final String LIVE = "dev.muonlab.plotly.live";

    private static final MIMEType PLOTLY_JSON_TYPE = MIMEType.parse(PLOTLY_JSON);
    private static final Gson GSON = new Gson();

    private final PlotlyLoader loader;
    private final AtomicBoolean librarySent = new AtomicBoolean(false);

    /** @param loader where plotly.js comes from (bundle or CDN) */
    public FigureRenderer(PlotlyLoader loader) {
        this.loader = loader;
    }

    /**
     * Registers this renderer for {@link Figure} (and subclasses) and for {@link FramedFigure} (a figure with
     * precomputed frames and sliders). Modifies {@code renderer}.
     */
    public void register(Renderer renderer) {
        renderer.createRegistration(Figure.class)
                .preferring(MIMEType.TEXT_HTML, PLOTLY_JSON_TYPE, MIMEType.TEXT_PLAIN)
                .register(this::render);
        renderer.createRegistration(FramedFigure.class)
                .preferring(MIMEType.TEXT_HTML, PLOTLY_JSON_TYPE, MIMEType.TEXT_PLAIN)
                .register(this::renderFramed);
    }

    /**
     * A {@link FramedFigure}: its JSON drawn by {@code Plotly.newPlot}, then its frames added, so the slider works
     * with no kernel; the same JSON (frames included) as {@value #PLOTLY_JSON}. Gson writes {@code <} and {@code >}
     * as {@code \u003c}/{@code \u003e}, so no text in the figure can end the script.
     */
    private void renderFramed(FramedFigure figure, RenderContext context) {
        boolean forceLibrary = Boolean.TRUE.equals(context.getParameter(INCLUDE_LIBRARY));
        context.renderIfRequested(MIMEType.TEXT_HTML, () -> html(figure, forceLibrary));
        context.renderIfRequested(PLOTLY_JSON_TYPE, () -> GsonBridge.toPlain(GSON.toJsonTree(figure.toMap())));
        context.renderIfRequested(MIMEType.TEXT_PLAIN, figure::toString);
    }

    /**
     * @param figure       the figure. Not modified.
     * @param forceLibrary carry plotly.js even when this session has sent it already
     * @return as {@link #html(Figure, boolean)}, drawing with Plotly.newPlot and Plotly.addFrames
     */
    public String html(FramedFigure figure, boolean forceLibrary) {
        String divId = "muonlab_plot_" + UUID.randomUUID().toString().replace('-', '_');
        String draw = "var fig = " + GSON.toJson(figure.toMap()) + ";\n"
                + "var gd = document.getElementById('" + divId + "');\n"
                + "Plotly.newPlot(gd, fig.data, fig.layout).then(function () { return Plotly.addFrames(gd, fig.frames); });\n";
        return divHtml(divId, draw, forceLibrary);
    }

    private void render(Figure figure, RenderContext context) {
        boolean forceLibrary = Boolean.TRUE.equals(context.getParameter(INCLUDE_LIBRARY));
        context.renderIfRequested(MIMEType.TEXT_HTML, () -> html(figure, forceLibrary));
        if (!Boolean.TRUE.equals(context.getParameter(LIVE))) {
            // plain maps and lists: the kernel's Gson may be a shaded copy (stock JJava), see GsonBridge
            context.renderIfRequested(PLOTLY_JSON_TYPE, () -> GsonBridge.toPlain(PlotlyJson.figure(figure)));
        }
        context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> text(figure));
    }

    /**
     * @param figure       the figure. Not modified.
     * @param forceLibrary carry plotly.js even when this session has sent it already
     * @return a div with a fresh id (a valid JavaScript identifier), holding a note for pages that run
     *         no scripts ({@link PlotlyLoader#placeholder()}), and the scripts that draw into it
     */
    public String html(Figure figure, boolean forceLibrary) {
        String divId = "muonlab_plot_" + UUID.randomUUID().toString().replace('-', '_');
        return divHtml(divId, tablesawScriptBody(figure, divId), forceLibrary);
    }

    /** The chart's div with its placeholder, plotly.js if this session has not sent it yet, and the draw script. */
    private String divHtml(String divId, String drawJs, boolean forceLibrary) {
        boolean first = librarySent.compareAndSet(false, true);
        String library = first || forceLibrary ? loader.libraryScript() : "";
        return "<div id=\"" + divId + "\" class=\"" + PlotlyLoader.DIV_CLASS + "\">" + PlotlyLoader.placeholder() + "</div>\n"
                + library
                + loader.drawScript(divId, drawJs);
    }

    /** @return e.g. {@code "Figure 'Loss' (2 traces)"} */
    public static String text(Figure figure) {
        Object title = figure.getLayout() == null ? null : TablesawFields.read(figure.getLayout(), "title");
        String name = title == null || title.toString().isEmpty() ? "" : "'" + title + "' ";
        int traces = figure.getTraces() == null ? 0 : figure.getTraces().length;
        return "Figure " + name + "(" + traces + (traces == 1 ? " trace)" : " traces)");
    }

    /** Tablesaw's drawing code without its {@code <script>} tags, to run inside our own script. */
    private static String tablesawScriptBody(Figure figure, String divId) {
        String js = figure.asJavascript(divId).strip();
        if (js.startsWith("<script>")) {
            js = js.substring("<script>".length());
        }
        if (js.endsWith("</script>")) {
            js = js.substring(0, js.length() - "</script>".length());
        }
        return js;
    }
}
