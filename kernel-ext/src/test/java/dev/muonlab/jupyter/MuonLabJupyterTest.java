package dev.muonlab.jupyter;

import dev.muonlab.SmokeMode;
import dev.muonlab.progress.ProgressListener;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.dflib.jjava.jupyter.kernel.magic.MagicParser;
import org.dflib.jjava.jupyter.kernel.magic.MagicTranspiler;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Installs the extension into a jjava {@link BaseKernel} whose cells run in a real JShell (no Jupyter
 * connection): the imports must compile, the renderers must be on the kernel's Renderer, and jjava's
 * own image renderer must still turn a BufferedImage into PNG.
 */
class MuonLabJupyterTest {

    private static JShellKernel kernel;

    /** The smallest BaseKernel: cells are evaluated by JShell; compile errors throw. */
    static final class JShellKernel extends BaseKernel {
        final JShell jshell = JShell.builder().executionEngine("local").build();
        final List<String> evaluated = new ArrayList<>();

        JShellKernel() {
            super("test", "0", new LanguageInfo.Builder("java").build(), List.of(), null,
                    new JupyterIO(StandardCharsets.UTF_8), new CommManager(), new Renderer(),
                    new MagicParser("(?<=(?:^|=))\\s*%", "%%", new MagicTranspiler()), new MagicsRegistry(), true,
                    new StringStyler.Builder().build());
            for (Class<?> c : List.of(SmokeMode.class, MuonLabNotebook.class, BaseKernel.class, Nd4j.class,
                    org.nd4j.linalg.api.ndarray.INDArray.class, Table.class, Figure.class)) {
                jshell.addToClasspath(Path.of(location(c)).toString());
            }
        }

        private static java.net.URI location(Class<?> c) {
            try {
                return c.getProtectionDomain().getCodeSource().getLocation().toURI();
            } catch (java.net.URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public Object evalRaw(String code) {
            evaluated.add(code);
            String rest = code;
            while (!rest.isBlank()) {
                var info = jshell.sourceCodeAnalysis().analyzeCompletion(rest);
                for (SnippetEvent event : jshell.eval(info.source())) {
                    if (event.status() == Snippet.Status.REJECTED || event.exception() != null) {
                        String diagnostics = jshell.diagnostics(event.snippet())
                                .map(d -> d.getMessage(null)).collect(Collectors.joining("; "));
                        throw new IllegalStateException("rejected: " + event.snippet().source() + " " + diagnostics, event.exception());
                    }
                }
                rest = info.remaining();
            }
            return null;
        }

        @Override
        public DisplayData inspect(String code, int at, boolean extraDetail) {
            return null;
        }

        @Override
        public ReplacementOptions complete(String code, int at) {
            return null;
        }

        @Override
        public String isComplete(String code) {
            return IS_COMPLETE_YES;
        }
    }

    @BeforeAll
    static void installTheExtensionFoundByServiceLoader() {
        kernel = new JShellKernel();
        List<Extension> found = new ArrayList<>();
        ServiceLoader.load(Extension.class).forEach(found::add);
        assertTrue(found.stream().anyMatch(e -> e instanceof MuonLabJupyter), "listed in META-INF/services: " + found);
        found.stream().filter(e -> e instanceof MuonLabJupyter).findFirst().orElseThrow().install(kernel);
    }

    @AfterAll
    static void close() {
        kernel.jshell.close();
    }

    @Test
    void defaultImportsCompileAndResolveUnambiguously() {
        assertEquals(1, kernel.evaluated.size());
        String imports = kernel.evaluated.get(0);
        assertTrue(imports.contains("import dev.muonlab.progress.*;"), imports);
        assertTrue(imports.contains("import static dev.muonlab.jupyter.MuonLabNotebook.*;"), imports);
        assertTrue(!imports.contains("dev.muonlab.cli"), imports);
        // every name a notebook uses without qualification, and the statics (compiled, not called:
        // there is no Jupyter connection)
        kernel.evalRaw("Class<?>[] used = {Nd4j.class, INDArray.class, DataType.class, NDArrayIndex.class, Transforms.class,"
                + " Table.class, DoubleColumn.class, Figure.class, Layout.class, ScatterTrace.class, LinePlot.class,"
                + " ProgressListener.class, SmokeMode.class, LiveDisplay.class};\n"
                + "java.util.function.Function<String, ProgressListener> bar = title -> progressBar(title);\n"
                + "java.util.function.Function<Object, LiveDisplay> live = value -> liveDisplay(value);\n");
    }

    @Test
    void everyPublicLibraryClassIsReachableByItsSimpleName() throws Exception {
        // a library class named like a Tablesaw, ND4J or JDK class would be ambiguous in notebooks
        List<String> names = new ArrayList<>();
        for (String name : DefaultImports.libraryClasses()) {
            Class<?> c = Class.forName(name, false, getClass().getClassLoader());
            if (java.lang.reflect.Modifier.isPublic(c.getModifiers())) {
                names.add(c.getSimpleName() + ".class");
            }
        }
        assertTrue(names.contains("SmokeMode.class"), names.toString());
        kernel.evalRaw("Class<?>[] library = {" + String.join(", ", names) + "};");
    }

    @Test
    void renderersAreOnTheKernelsRenderer() {
        DisplayData array = kernel.getRenderer().render(Nd4j.createFromArray(1.0, 2.0));
        assertEquals("INDArray double [2]\n[1.0, 2.0]", array.getData(MIMEType.TEXT_PLAIN));
        assertTrue(((String) array.getData(MIMEType.TEXT_HTML)).contains("<table"));
        DisplayData table = kernel.getRenderer().render(Table.create("empty"));
        assertEquals("empty: 0 rows × 0 columns", table.getData(MIMEType.TEXT_PLAIN));
        DisplayData figure = kernel.getRenderer().render(new Figure());
        assertTrue(figure.hasDataForType(MIMEType.parse("application/vnd.plotly.v1+json")));
    }

    @Test
    void bufferedImagesRenderAsPngThroughJjavasBuiltInRenderer() throws Exception {
        BufferedImage image = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0xFF0000);
        image.setRGB(2, 1, 0x00FF00);
        DisplayData data = kernel.getRenderer().render(image);
        Object png = data.getData(MIMEType.IMAGE_PNG);
        assertTrue(png instanceof String, "base64 PNG, got " + png);
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(Base64.getMimeDecoder().decode((String) png)));
        assertEquals(3, decoded.getWidth());
        assertEquals(2, decoded.getHeight());
        assertEquals(0xFF0000, decoded.getRGB(0, 0) & 0xFFFFFF);
        assertEquals(0x00FF00, decoded.getRGB(2, 1) & 0xFFFFFF);
    }

    @Test
    void progressListenerFromTheLibraryIsWhatProgressBarReturns() {
        ProgressListener listener = new ProgressBar(new RecordingSink(kernel.getRenderer()), "t");
        listener.onProgress(1, 1, "done");
        assertTrue(listener instanceof ProgressBar);
    }
}
