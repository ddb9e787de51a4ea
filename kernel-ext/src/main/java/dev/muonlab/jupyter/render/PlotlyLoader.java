package dev.muonlab.jupyter.render;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * Gets plotly.js into a notebook page so that Plotly figures draw with no network.
 *
 * <p>The build bundles plotly.js (npm {@code plotly.js-dist-min}, version from the parent pom's
 * {@code plotly.version}, 2.35.3: 3.x and later no longer draw Tablesaw's string titles) in the kernel
 * jar. A figure output can then carry the library inline, about 4.6 MB. Carrying it in every figure
 * would make notebooks huge, carrying it once per notebook cannot work either: the kernel does not
 * see the page, and a reopened notebook or its nbconvert HTML export runs only what the saved outputs
 * hold. So the library travels with the first figure of each kernel session (and every other output
 * is written to wait for it): every saved notebook then has a copy in the output of the first figure
 * its last session drew.
 *
 * <ul>
 *   <li>{@link #libraryScript()}: the carrier. Runs the bundle inside
 *       {@code (function(){ var define, module, exports; ... }).call(window)} so that the UMD bundle
 *       sets {@code window.Plotly} even under classic Notebook's require.js (whose {@code define}
 *       would otherwise swallow it), guarded by {@code if (!window.Plotly)}, then draws every figure
 *       that was waiting.</li>
 *   <li>{@link #drawScript(String)}: a figure's script. Draws at once when
 *       {@code window.Plotly} exists, otherwise queues itself in {@code window.muonlabPlotlyQueue}
 *       (a carrier further down the page drains it). If no carrier turns up within 2 s of the page's
 *       load event (the carrier's cell was re-run or deleted before the notebook was saved), it asks
 *       the running kernel for the library over the comm {@value #COMM_TARGET} (classic Notebook;
 *       asked again every 5 s for a minute, since a reply sent while the kernel is still starting
 *       can be lost),
 *       then tries the CDN (through require.js where the page has it), and says so in the chart's
 *       place if that fails too. Without a bundle in the jar it goes to the CDN at once.</li>
 * </ul>
 */
public final class PlotlyLoader {

    /** Attribute that marks the output carrying the library; see {@link #carriesLibrary(String)}. */
    public static final String CARRIER_ATTRIBUTE = "data-muonlab-plotly-bundle";

    /** The kernel's comm target that hands out the library (see {@code dev.muonlab.jupyter.PlotlyComm}). */
    public static final String COMM_TARGET = "muonlab.plotly";

    /** CSS class of every chart div, so a failed load can say so in each chart's place. */
    public static final String DIV_CLASS = "muonlab-plotly";

    private static final Logger LOG = LoggerFactory.getLogger(PlotlyLoader.class);
    private static final String RESOURCE_DIR = "/dev/muonlab/jupyter/";

    private final String version;
    private final URL bundle;
    private volatile String bundledJs;

    /**
     * @param version   plotly.js version, e.g. {@code "2.35.3"}
     * @param bundledJs the library's source, or null when the build could not bundle it (CDN fallback)
     */
    public PlotlyLoader(String version, String bundledJs) {
        this.version = version;
        this.bundle = null;
        this.bundledJs = bundledJs == null ? null : escapeScriptEnd(bundledJs);
    }

    /** A loader that reads the 4.6 MB bundle on first use, not at kernel start-up. */
    private PlotlyLoader(String version, URL bundle) {
        this.version = version;
        this.bundle = bundle;
    }

    /**
     * Reads the version from {@code plotly.properties} and the bundle from
     * {@code plotly-VERSION.min.js} in this jar; logs a warning when the bundle is missing.
     */
    public static PlotlyLoader fromClasspath() {
        Properties properties = new Properties();
        try (InputStream in = PlotlyLoader.class.getResourceAsStream(RESOURCE_DIR + "plotly.properties")) {
            if (in == null) {
                throw new IllegalStateException("plotly.properties is missing from the kernel jar");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String version = properties.getProperty("version");
        URL bundle = PlotlyLoader.class.getResource(RESOURCE_DIR + "plotly-" + version + ".min.js");
        PlotlyLoader loader = bundle != null ? new PlotlyLoader(version, bundle) : new PlotlyLoader(version, (String) null);
        if (bundle == null) {
            LOG.warn("plotly.js {} is not bundled in the kernel jar (npm was missing at build time): "
                    + "charts load it from {} and need a network connection", version, loader.cdnUrl());
        }
        return loader;
    }

    /** @return the plotly.js version, e.g. {@code "2.35.3"} */
    public String version() {
        return version;
    }

    /** @return true when the jar holds plotly.js, so charts draw offline */
    public boolean isBundled() {
        return bundle != null || bundledJs != null;
    }

    /** @return plotly.min.js itself (with {@code </script} escaped), or null without a bundle */
    public String bundledJs() {
        String js = bundledJs;
        if (js == null && bundle != null) {
            synchronized (this) {
                if (bundledJs == null) {
                    try (InputStream in = bundle.openStream()) {
                        bundledJs = escapeScriptEnd(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read " + bundle, e);
                    }
                }
                js = bundledJs;
            }
        }
        return js;
    }

    /** {@code </script} inside an inline script would end it; {@code <\/script} means the same to JavaScript. */
    private static String escapeScriptEnd(String js) {
        return js.replace("</script", "<\\/script");
    }

    /** @return the public CDN address of this version, the fallback when no bundle is available */
    public String cdnUrl() {
        return "https://cdn.plot.ly/plotly-" + version + ".min.js";
    }

    /** @return true when an output's HTML carries the library (made by {@link #libraryScript()}) */
    public static boolean carriesLibrary(String html) {
        return html != null && html.contains(CARRIER_ATTRIBUTE);
    }

    /**
     * @return a {@code <script>} that defines {@code window.Plotly} from the bundle unless the page has
     *         it already, then draws the waiting figures; the empty string without a bundle
     */
    public String libraryScript() {
        String bundledJs = bundledJs();
        if (bundledJs == null) {
            return "";
        }
        return "<script type=\"text/javascript\" " + CARRIER_ATTRIBUTE + "=\"" + version + "\">\n"
                + "if (!window.Plotly) { (function () { var define, module, exports;\n"
                + bundledJs
                + "\n}).call(window); }\n"
                + "(function () { var w = window, q = w.muonlabPlotlyQueue || []; w.muonlabPlotlyQueue = [];"
                + " q.forEach(function (f) { f(); }); })();\n"
                + "</script>\n";
    }

    /**
     * @param drawJs JavaScript that draws the chart with the global {@code Plotly}
     * @return a {@code <script>} that runs {@code drawJs} as soon as plotly.js is there
     */
    public String drawScript(String drawJs) {
        String message = "plotly.js " + version + " could not be loaded: no copy in this page and no network. "
                + "Re-run the cell with the Muon Lab kernel.";
        String startFallback = isBundled()
                ? "  var later = function () { setTimeout(fallback, 2000); };\n"
                  + "  if (document.readyState === 'complete') { later(); } else { w.addEventListener('load', later); }\n"
                : "  fallback();\n";
        return "<script type=\"text/javascript\">\n"
                + "(function () {\n"
                + "  var w = window;\n"
                + "  function draw() {\n" + drawJs + "\n  }\n"
                + "  if (w.Plotly) { draw(); return; }\n"
                + "  (w.muonlabPlotlyQueue = w.muonlabPlotlyQueue || []).push(draw);\n"
                + "  function drain() { var q = w.muonlabPlotlyQueue || []; w.muonlabPlotlyQueue = [];"
                + " q.forEach(function (f) { f(); }); }\n"
                + "  function fail() { document.querySelectorAll('." + DIV_CLASS + "').forEach(function (d) {"
                + " if (!d.querySelector('.main-svg')) { d.textContent = '" + message + "'; } }); }\n"
                + "  function cdn() {\n"
                + "    var url = '" + cdnUrl() + "';\n"
                + "    if (typeof w.requirejs === 'function' && typeof w.define === 'function' && w.define.amd) {\n"
                + "      w.requirejs([url], function (P) { w.Plotly = w.Plotly || P; drain(); }, fail);\n"
                + "    } else {\n"
                + "      var s = document.createElement('script'); s.src = url; s.onload = drain; s.onerror = fail;\n"
                + "      document.head.appendChild(s);\n"
                + "    }\n"
                + "  }\n"
                + "  function fromKernel() {\n"
                + "    var nb = w.Jupyter && w.Jupyter.notebook;\n"
                + "    if (!nb || !nb.kernel || !nb.events) { cdn(); return; }\n"
                + "    var settled = false;\n"
                + "    function settle(ok) { if (settled) { return; } settled = true; if (ok && w.Plotly) { drain(); } else { cdn(); } }\n"
                + "    function ask() {\n"
                + "      try {\n"
                + "        var comm = nb.kernel.comm_manager.new_comm('" + COMM_TARGET + "', {version: '" + version + "'});\n"
                + "        comm.on_msg(function (msg) {\n"
                + "          var js = msg.content.data.js;\n"
                + "          try { comm.close(); } catch (e) { }\n"
                + "          if (js && !w.Plotly) { (new Function('var define, module, exports;\\n' + js)).call(w); }\n"
                + "          settle(true);\n"
                + "        });\n"
                + "      } catch (e) { }\n"
                + "    }\n"
                + "    var tries = 0;\n"
                + "    function poll() {\n"
                + "      if (settled) { return; }\n"
                + "      if (++tries > 12) { settle(false); return; }\n"
                + "      if (nb.kernel.is_connected && nb.kernel.is_connected()) { ask(); }\n"
                + "      setTimeout(poll, 5000);\n"
                + "    }\n"
                + "    poll();\n"
                + "  }\n"
                + "  function fallback() {\n"
                + "    if (w.Plotly) { drain(); return; }\n"
                + "    if (w.muonlabPlotlyLoading) { return; }\n"
                + "    w.muonlabPlotlyLoading = true;\n"
                + "    fromKernel();\n"
                + "  }\n"
                + startFallback
                + "})();\n"
                + "</script>\n";
    }
}
