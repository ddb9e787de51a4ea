package dev.muonlab.jupyter;

import dev.muonlab.jupyter.render.FigureRenderer;
import dev.muonlab.jupyter.render.NDArrayRenderer;
import dev.muonlab.jupyter.render.PlotlyLoader;
import dev.muonlab.jupyter.render.TableRenderer;
import dev.muonlab.jupyter.widget.KernelWidgets;
import dev.muonlab.jupyter.widget.WidgetRenderer;
import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Muon Lab notebook extension: a standard JJava {@link Extension}, listed in
 * {@code META-INF/services/org.dflib.jjava.jupyter.Extension}, so the same jar works in the Muon Lab
 * kernel and in a stock JJava kernel ({@code %jars muonlab-kernel.jar} or {@code JJAVA_CLASSPATH}).
 *
 * <p>On install it registers the renderers (ND4J arrays, Tablesaw tables, Plotly figures drawn
 * offline with the bundled plotly.js; {@code BufferedImage} is already rendered as PNG by jjava
 * itself), the comm {@link PlotlyComm} that hands plotly.js to a page that lost its copy, Jupyter widgets
 * ({@link KernelWidgets}: the widget comms, and a view for a widget returned by a cell), and then
 * evaluates the {@link DefaultImports}. Renderers come first so that a failing
 * import (reported as an error) still leaves rendering working.
 */
public final class MuonLabJupyter implements Extension {

    private static final Logger LOG = LoggerFactory.getLogger(MuonLabJupyter.class);

    @Override
    public void install(BaseKernel kernel) {
        long start = System.nanoTime();
        PlotlyLoader plotly = PlotlyLoader.fromClasspath();
        registerRenderers(kernel.getRenderer(), plotly);
        PlotlyComm.register(kernel.getCommManager(), plotly);
        WidgetRenderer.register(kernel.getRenderer());
        KernelWidgets.install(kernel);
        MuonLabNotebook.attach(kernel);
        long renderers = System.nanoTime();
        kernel.eval(DefaultImports.code());
        LOG.info("Muon Lab extension installed: renderers in {} ms, imports in {} ms (plotly.js {} {})",
                (renderers - start) / 1_000_000, (System.nanoTime() - renderers) / 1_000_000, plotly.version(),
                plotly.isBundled() ? "bundled" : "from the CDN");
    }

    /**
     * Registers the Muon Lab renderers.
     *
     * @param renderer a kernel's renderer. Modified.
     * @param plotly   where figures get plotly.js from
     */
    public static void registerRenderers(Renderer renderer, PlotlyLoader plotly) {
        NDArrayRenderer.register(renderer);
        TableRenderer.register(renderer);
        new FigureRenderer(plotly).register(renderer);
    }
}
