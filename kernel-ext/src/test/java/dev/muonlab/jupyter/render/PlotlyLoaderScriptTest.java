package dev.muonlab.jupyter.render;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs the figure scripts in Node.js, in page order, with a require.js-style global {@code define}
 * that fails if the bundle calls it: a figure placed before the output that carries plotly.js must
 * wait and then draw, one placed after must draw at once, and the bundle must set window.Plotly in
 * spite of require.js. The stand-in bundle has the same UMD header as plotly.min.js.
 */
class PlotlyLoaderScriptTest {

    private static final String UMD_BUNDLE = "!function(t,e){\"object\"==typeof exports&&\"undefined\"!=typeof module"
            + "?module.exports=e():\"function\"==typeof define&&define.amd?define([],e)"
            + ":(t=\"undefined\"!=typeof globalThis?globalThis:t||self).Plotly=e()}(this,function(){"
            + "return {newPlot: function (div, data, layout) { drawn.push(div.id + ':' + layout.title); }};});";

    private static final String PAGE = String.join("\n",
            "var drawn = [];",
            "globalThis.window = globalThis;",
            "globalThis.define = function () { throw new Error('require.js define() swallowed the bundle'); };",
            "globalThis.define.amd = {};",
            "globalThis.requirejs = function () { throw new Error('no CDN fallback expected'); };",
            "globalThis.setTimeout = function () {};",
            "globalThis.document = { readyState: 'complete', head: { appendChild: function () { throw new Error('no CDN'); } },",
            "  getElementById: function (id) { return { id: id }; }, querySelectorAll: function () { return []; } };");

    @Test
    void figuresBeforeAndAfterTheCarrierAllDraw() throws Exception {
        assumeTrue(nodeAvailable(), "node is not installed");
        FigureRenderer renderer = new FigureRenderer(new PlotlyLoader("2.35.3", UMD_BUNDLE));
        String carrier = renderer.html(FigureRendererTest.figure("first"), false);
        String later = renderer.html(FigureRendererTest.figure("second"), false);
        String earlier = renderer.html(FigureRendererTest.figure("third"), false);
        // page order: a figure saved above the carrier, the carrier, a figure below it
        List<String> scripts = new ArrayList<>();
        scripts.addAll(scripts(earlier));
        scripts.addAll(scripts(carrier));
        scripts.addAll(scripts(later));
        String program = PAGE + "\n" + String.join("\n;\n", scripts) + "\nconsole.log(drawn.map(function (d) { return d.split(':')[1]; }).join(','));";
        assertEquals("third,first,second", runNode(program));
    }

    private static List<String> scripts(String html) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<script[^>]*>(.*?)</script>", Pattern.DOTALL).matcher(html);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static boolean nodeAvailable() {
        try {
            return new ProcessBuilder("node", "--version").start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String runNode(String program) throws Exception {
        Path file = Files.createTempFile("muonlab-plotly", ".js");
        try {
            Files.writeString(file, program);
            Process node = new ProcessBuilder("node", file.toString()).redirectErrorStream(true).start();
            String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertEquals(0, node.waitFor(), output);
            return output;
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
