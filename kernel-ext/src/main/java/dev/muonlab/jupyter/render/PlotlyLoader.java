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
 *       sets {@code window.muonlabPlotly} ({@link #GLOBAL}) even under classic Notebook's require.js
 *       (whose {@code define} would otherwise swallow it), guarded by {@code if (!window.muonlabPlotly)},
 *       leaving any other {@code window.Plotly} in place, then draws every figure
 *       that was waiting.</li>
 *   <li>{@link #drawScript(String)}: a figure's script. Draws at once when
 *       {@code window.muonlabPlotly} exists, otherwise queues itself in {@code window.muonlabPlotlyQueue}
 *       (a carrier further down the page drains it). If no carrier turns up within 2 s of the page's
 *       load event (the carrier's cell was re-run or deleted before the notebook was saved), it asks
 *       the running kernel for the library over the comm {@value #COMM_TARGET} (classic Notebook
 *       through its {@code Jupyter.notebook}; JupyterLab and Notebook 7, which give output scripts no
 *       handle on the kernel, through a connection of its own to the Jupyter server that served the
 *       page; asked again every 5 s for a minute, since a reply sent while the kernel is still
 *       starting can be lost),
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

    /**
     * The page's global that holds this plotly.js. Not {@code window.Plotly}: the {@code plotly} package's
     * JupyterLab renderer puts its own plotly.js 3.x there, which draws Tablesaw's figures without titles.
     */
    public static final String GLOBAL = "muonlabPlotly";

    /** CSS class of the note in a chart's div that its script removes: see {@link #placeholder()}. */
    public static final String PLACEHOLDER_CLASS = "muonlab-plotly-placeholder";

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
     * @return a {@code <script>} that defines {@code window.muonlabPlotly} from the bundle unless the page has
     *         it already, then draws the waiting figures; the empty string without a bundle
     */
    public String libraryScript() {
        String bundledJs = bundledJs();
        if (bundledJs == null) {
            return "";
        }
        return "<script type=\"text/javascript\" " + CARRIER_ATTRIBUTE + "=\"" + version + "\">\n"
                + "if (!window." + GLOBAL + ") { var muonlabOther = window.Plotly; (function () { var define, module, exports;\n"
                + bundledJs
                + "\n}).call(window); window." + GLOBAL + " = window.Plotly; if (muonlabOther) { window.Plotly = muonlabOther; } }\n"
                + "(function () { var w = window, q = w.muonlabPlotlyQueue || []; w.muonlabPlotlyQueue = [];"
                + " q.forEach(function (f) { f(); }); })();\n"
                + "</script>\n";
    }

    /**
     * What a chart's area says until its script runs: a notebook that is not trusted runs no scripts
     * (JupyterLab, Notebook 7 and classic Notebook all sanitize its HTML), and would otherwise show an
     * empty box. The draw script removes it first thing.
     */
    public static String placeholder() {
        return "<div class=\"" + PLACEHOLDER_CLASS + "\" style=\"padding:12px;border:1px dashed #999;"
                + "font-family:sans-serif;font-size:13px\">Chart not drawn: this notebook is not trusted, so its"
                + " scripts did not run (trust it: JupyterLab's command palette, Trust Notebook; classic Notebook:"
                + " File &gt; Trust Notebook; or re-run the cell), or plotly.js could not run here.</div>";
    }

    /**
     * @param divId  the id of the chart's div (which holds {@link #placeholder()})
     * @param drawJs JavaScript that draws the chart with the global {@code Plotly}
     * @return a {@code <script>} that runs {@code drawJs} as soon as plotly.js is there, then gives the
     *         chart a transparent background and the page's text colour when the page is dark
     */
    public String drawScript(String divId, String drawJs) {
        String message = "plotly.js " + version + " could not be loaded: no copy in this page and no network. "
                + "Re-run the cell with the Muon Lab kernel.";
        String startFallback = isBundled()
                ? "  var later = function () { setTimeout(fallback, 2000); };\n"
                  + "  if (document.readyState === 'complete') { later(); } else { w.addEventListener('load', later); }\n"
                : "  fallback();\n";
        return "<script type=\"text/javascript\">\n"
                + SCRIPT.replace("$DIV_ID", divId).replace("$DIV_CLASS", DIV_CLASS)
                        .replace("$PLACEHOLDER_CLASS", PLACEHOLDER_CLASS).replace("$MESSAGE", message)
                        .replace("$CDN_URL", cdnUrl()).replace("$COMM_TARGET", COMM_TARGET)
                        .replace("$VERSION", version).replace("$START_FALLBACK", startFallback)
                        .replace("$DRAW_JS", drawJs)   // last: the figure's own text is never searched
                + "</script>\n";
    }

    /**
     * The figure script. Where plotly.js comes from when no carrier is in the page: the running kernel,
     * over the comm {@value #COMM_TARGET}, reached through classic Notebook's {@code Jupyter.notebook}
     * where the page has it, else through the Jupyter server that served the page (JupyterLab,
     * Notebook 7: its page config {@code #jupyter-config-data} names the base URL and token; the script
     * finds the notebook's kernel in {@code api/sessions} and opens its own connection to the kernel's
     * channels, as any Jupyter client does); then the CDN; then a message in each chart's place.
     */
    private static final String SCRIPT = """
            (function () {
              var w = window;
              function area() { return document.getElementById('$DIV_ID'); }
              function unplaceholder() {
                var d = area(), p = d && d.querySelector && d.querySelector('.$PLACEHOLDER_CLASS');
                if (p) { p.parentNode.removeChild(p); }
              }
              unplaceholder();
              function theme() {
                var d = area();
                if (!d || !d._fullLayout || !w.muonlabPlotly || !w.getComputedStyle) { return; }
                var colour = w.getComputedStyle(d).color, rgb = (colour || '').match(/[0-9.]+/g);
                if (!rgb || 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2] < 128) { return; }
                var grid = 'rgba(160,160,160,0.3)';
                w.muonlabPlotly.relayout(d, {paper_bgcolor: 'rgba(0,0,0,0)', plot_bgcolor: 'rgba(0,0,0,0)', 'font.color': colour,
                  'xaxis.gridcolor': grid, 'yaxis.gridcolor': grid, 'xaxis.zerolinecolor': grid, 'yaxis.zerolinecolor': grid});
              }
              function draw() {
                if (!area()) { return; }   // replaced meanwhile (a live chart's earlier state)
                unplaceholder();
                var Plotly = w.muonlabPlotly;   // this plotly.js, whatever else the page has as window.Plotly
            $DRAW_JS
                theme();
              }
              if (w.muonlabPlotly) { draw(); return; }
              (w.muonlabPlotlyQueue = w.muonlabPlotlyQueue || []).push(draw);
              function drain() {
                var q = w.muonlabPlotlyQueue || []; w.muonlabPlotlyQueue = [];
                q.forEach(function (f) { try { f(); } catch (e) { console.warn('Muon Lab chart:', e); } });
              }
              function fail() { document.querySelectorAll('.$DIV_CLASS').forEach(function (d) {
                if (!d.querySelector('.main-svg')) { d.textContent = '$MESSAGE'; } }); }
              function adopt() { if (w.Plotly && !w.muonlabPlotly) { w.muonlabPlotly = w.Plotly; } }
              function run(js) {
                if (!js || w.muonlabPlotly) { return; }
                var other = w.Plotly;
                (new Function('var define, module, exports;\\n' + js)).call(w);
                w.muonlabPlotly = w.Plotly;
                if (other) { w.Plotly = other; }
              }
              function cdn() {
                var url = '$CDN_URL';
                if (typeof w.requirejs === 'function' && typeof w.define === 'function' && w.define.amd) {
                  w.requirejs([url], function (P) { w.muonlabPlotly = w.muonlabPlotly || P; drain(); }, fail);
                } else {
                  var s = document.createElement('script'); s.src = url; s.onload = function () { adopt(); drain(); }; s.onerror = fail;
                  document.head.appendChild(s);
                }
              }
              var settled = false;
              function settle(ok) { if (settled) { return; } settled = true; if (ok && w.muonlabPlotly) { drain(); } else { cdn(); } }
              function poll(ask) {
                var tries = 0;
                (function next() {
                  if (settled) { return; }
                  if (++tries > 12) { settle(false); return; }
                  ask();
                  setTimeout(next, 5000);
                })();
              }
              function fromClassicNotebook(nb) {
                poll(function () {
                  if (!(nb.kernel.is_connected && nb.kernel.is_connected())) { return; }
                  try {
                    var comm = nb.kernel.comm_manager.new_comm('$COMM_TARGET', {version: '$VERSION'});
                    comm.on_msg(function (msg) {
                      try { comm.close(); } catch (e) { }
                      run(msg.content.data.js);
                      settle(true);
                    });
                  } catch (e) { }
                });
              }
              function uuid() { return 'muonlab-' + Math.random().toString(16).slice(2) + Date.now().toString(16); }
              function fromServer(config) {
                var base = config.baseUrl || '/', token = config.token || '';
                var headers = token ? {Authorization: 'token ' + token} : {};
                var here = decodeURIComponent(w.location.pathname);
                function message(session, type, content) {
                  return JSON.stringify({header: {msg_id: uuid(), username: '', session: session, msg_type: type,
                    version: '5.3', date: new Date().toISOString()}, parent_header: {}, metadata: {}, content: content,
                    channel: 'shell', buffers: []});
                }
                var asking = false;   // one request at a time: each reply (4.6 MB) goes to every client of the kernel
                function ask(kernel) {
                  var session = uuid(), comm = uuid(), ws;
                  var url = (config.wsUrl || ((w.location.protocol === 'https:' ? 'wss://' : 'ws://') + w.location.host + base))
                    + 'api/kernels/' + encodeURIComponent(kernel) + '/channels?session_id=' + session
                    + (token ? '&token=' + encodeURIComponent(token) : '');
                  try { ws = new WebSocket(url); } catch (e) { return; }
                  asking = true;
                  ws.onclose = function () { asking = false; };
                  setTimeout(function () { try { ws.close(); } catch (e) { } }, 20000);
                  ws.onopen = function () {
                    ws.send(message(session, 'comm_open', {comm_id: comm, target_name: '$COMM_TARGET', data: {version: '$VERSION'}}));
                  };
                  ws.onmessage = function (event) {
                    if (typeof event.data !== 'string') { return; }
                    var msg = JSON.parse(event.data);
                    if (msg.header.msg_type !== 'comm_msg' || msg.content.comm_id !== comm) { return; }
                    try { ws.send(message(session, 'comm_close', {comm_id: comm, data: {}})); ws.close(); } catch (e) { }
                    run(msg.content.data.js);
                    settle(true);
                  };
                }
                poll(function () {
                  if (asking) { return; }
                  fetch(base + 'api/sessions', {headers: headers, credentials: 'same-origin'})
                    .then(function (r) { return r.ok ? r.json() : []; })
                    .then(function (sessions) {
                      var running = sessions.filter(function (s) { return s.kernel && s.kernel.id; });
                      var mine = running.filter(function (s) { return s.path && here.slice(-s.path.length) === s.path; });
                      var java = running.filter(function (s) { return /muonlab|java/i.test(s.kernel.name || ''); });
                      var pick = mine[0] || java[0];
                      if (pick && !settled) { ask(pick.kernel.id); }
                    })
                    .catch(function () { });
                });
              }
              function fromKernel() {
                var nb = w.Jupyter && w.Jupyter.notebook;
                if (nb && nb.kernel && nb.events) { fromClassicNotebook(nb); return; }
                var config = document.getElementById('jupyter-config-data');
                if (config && w.fetch && w.WebSocket) {
                  try { fromServer(JSON.parse(config.textContent)); return; } catch (e) { }
                }
                cdn();
              }
              function fallback() {
                if (w.muonlabPlotly) { drain(); return; }
                if (w.muonlabPlotlyLoading) { return; }
                w.muonlabPlotlyLoading = true;
                fromKernel();
              }
            $START_FALLBACK})();
            """;
}
