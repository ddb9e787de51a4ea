package dev.muonlab.jupyter.render;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import dev.muonlab.plot.FramedFigure;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.traces.ScatterTrace;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class FigureRendererTest {

    /** A stand-in for plotly.min.js: small, with the marker the tests look for. */
    static final String FAKE_BUNDLE = "/* plotly-bundle-marker */ window.Plotly = window.Plotly || {};";
    private static final MIMEType PLOTLY = MIMEType.parse(FigureRenderer.PLOTLY_JSON);

    static Figure figure(String title) {
        return new Figure(Layout.builder().title(title).build(),
                ScatterTrace.builder(new double[] {1, 2, 3}, new double[] {4, 5, 6}).mode(ScatterTrace.Mode.LINE).name("t").build());
    }

    private static Renderer renderer(PlotlyLoader loader) {
        Renderer renderer = new Renderer();
        new FigureRenderer(loader).register(renderer);
        return renderer;
    }

    @Test
    void figureGivesHtmlPlotlyJsonAndText() {
        DisplayData data = renderer(new PlotlyLoader("2.35.3", FAKE_BUNDLE)).render(figure("Loss"));

        String html = (String) data.getData(MIMEType.TEXT_HTML);
        Matcher div = Pattern.compile("<div id=\"([^\"]+)\" class=\"muonlab-plotly\">" + Pattern.quote(PlotlyLoader.placeholder()) + "</div>").matcher(html);
        assertTrue(div.find(), html);
        String id = div.group(1);
        assertTrue(id.matches("[A-Za-z_$][A-Za-z0-9_$]*"), "div id must be a JavaScript identifier: " + id);
        assertTrue(html.contains("document.getElementById('" + id + "')"), html);
        assertTrue(html.contains("Plotly.newPlot(target_" + id), html);
        assertFalse(html.contains("cdn.plot.ly/plotly-latest"), "never Tablesaw's CDN page");

        Object json = data.getData(PLOTLY);
        assertInstanceOf(java.util.Map.class, json,
                "a JSON object in the message (plain maps, so a shaded Gson writes it too), not a string");
        JsonObject parsed = PlotlyJsonTest.parseStrict(new Gson().toJson(json));
        assertEquals(PlotlyJson.figure(figure("Loss")), parsed, "the same tree as PlotlyJson's");
        assertEquals("Loss", parsed.getAsJsonObject("layout").getAsJsonObject("title").get("text").getAsString());
        assertEquals(3, parsed.getAsJsonArray("data").get(0).getAsJsonObject().getAsJsonArray("y").size());

        assertEquals("Figure 'Loss' (1 trace)", data.getData(MIMEType.TEXT_PLAIN));
        assertTrue(PlotlyLoader.placeholder().contains("not trusted"), "what an untrusted notebook shows (issue 18)");
        assertTrue(html.contains("'jupyter-config-data'") && html.contains("api/sessions"),
                "JupyterLab and Notebook 7 reach the kernel through the Jupyter server (issue 18)");
    }

    @Test
    void liveFiguresCarryNoPlotlyJsonWhoseJupyterLabRendererIgnoresUpdates() {
        Map<String, Object> params = new HashMap<>();
        params.put(FigureRenderer.LIVE, true);
        DisplayData data = renderer(new PlotlyLoader("2.35.3", FAKE_BUNDLE)).render(figure("Loss"), params);
        assertNull(data.getData(PLOTLY));
        assertTrue(((String) data.getData(MIMEType.TEXT_HTML)).contains("muonlab-plotly"));
    }

    @Test
    void bundledLibraryTravelsWithTheFirstFigureOfTheSessionOnly() {
        Renderer renderer = renderer(new PlotlyLoader("2.35.3", FAKE_BUNDLE));
        String first = (String) renderer.render(figure("a")).getData(MIMEType.TEXT_HTML);
        String second = (String) renderer.render(figure("b")).getData(MIMEType.TEXT_HTML);
        assertTrue(PlotlyLoader.carriesLibrary(first) && first.contains("plotly-bundle-marker"));
        assertTrue(first.contains("if (!window.muonlabPlotly) { var muonlabOther = window.Plotly; (function () { var define, module, exports;"),
                "require.js-proof, and leaves another plotly.js (the plotly package's renderer's) alone");
        assertFalse(PlotlyLoader.carriesLibrary(second) || second.contains("plotly-bundle-marker"));
        assertTrue(second.contains("muonlabPlotlyQueue"), "later figures wait for the library");

        Map<String, Object> params = new HashMap<>();
        params.put(FigureRenderer.INCLUDE_LIBRARY, true);
        String forced = (String) renderer.render(figure("c"), params).getData(MIMEType.TEXT_HTML);
        assertTrue(PlotlyLoader.carriesLibrary(forced), "a live display that carried the library keeps it");
    }

    @Test
    void withoutABundleFiguresLoadPlotlyFromTheCdn() {
        PlotlyLoader loader = new PlotlyLoader("2.35.3", null);
        assertFalse(loader.isBundled());
        String html = (String) renderer(loader).render(figure("a")).getData(MIMEType.TEXT_HTML);
        assertFalse(PlotlyLoader.carriesLibrary(html));
        assertTrue(html.contains("'https://cdn.plot.ly/plotly-2.35.3.min.js'"), html);
        assertTrue(html.contains("\n  fallback();\n"), "loads at once, not after a wait");
    }

    @Test
    void theJarBundlesPlotly2353() {
        PlotlyLoader loader = PlotlyLoader.fromClasspath();
        assertEquals("2.35.3", loader.version(), "the parent pom's plotly.version, filtered into plotly.properties");
        assumeTrue(loader.isBundled(), "npm was not available at build time: the CDN fallback is in use");
        String script = loader.libraryScript();
        assertTrue(script.length() > 4_000_000, "plotly.min.js 2.35.3 is about 4.6 MB");
        assertTrue(script.contains("2.35.3"));
        assertFalse(script.substring(script.indexOf('>') + 1, script.lastIndexOf("</script>")).contains("</script"),
                "the inlined library cannot end its own script element");
    }

    @Test
    @SuppressWarnings("unchecked")
    void framedFigureDrawsWithItsFramesAndCannotEndItsScript() {
        FramedFigure framed = new FramedFigure(
                java.util.List.of(Map.of("type", "scatter", "x", java.util.List.of(1, 2), "y", java.util.List.of(3, 4))),
                Map.of("title", Map.of("text", "what-if </script><script>alert(1)</script>"),
                        "sliders", java.util.List.of(Map.of("steps", java.util.List.of()))),
                java.util.List.of(Map.of("name", "q=1", "data", java.util.List.of(Map.of("y", java.util.List.of(5, 6))))));
        Renderer renderer = renderer(new PlotlyLoader("2.35.3", FAKE_BUNDLE));
        DisplayData first = renderer.render(framed);
        String html = (String) first.getData(MIMEType.TEXT_HTML);
        assertTrue(html.contains(FAKE_BUNDLE), "the session's first figure carries plotly.js");
        assertTrue(html.contains("Plotly.newPlot(gd, fig.data, fig.layout).then(function () { return Plotly.addFrames(gd, fig.frames); })"), html);
        assertTrue(html.contains("class=\"muonlab-plotly\""), html);
        assertFalse(html.contains("alert(1)</script>"), "a title cannot close the script");
        assertTrue(html.contains("\\u003c/script\\u003e"), html);
        Map<String, Object> json = (Map<String, Object>) first.getData(PLOTLY);
        assertEquals("q=1", ((Map<String, Object>) ((java.util.List<?>) json.get("frames")).get(0)).get("name"));
        assertEquals("Figure 'what-if </script><script>alert(1)</script>' (1 trace, 1 frame)", first.getData(MIMEType.TEXT_PLAIN));
        assertFalse(((String) renderer.render(framed).getData(MIMEType.TEXT_HTML)).contains(FAKE_BUNDLE), "only the first");
    }
}
