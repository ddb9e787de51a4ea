package dev.muonlab.jupyter.kernel;

import dev.muonlab.jupyter.magic.ClasspathMagic;
import dev.muonlab.jupyter.magic.MavenMagic;
import dev.muonlab.jupyter.magic.MavenResolver;
import jdk.jshell.JShell;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.magic.MagicParser;
import org.dflib.jjava.jupyter.kernel.magic.MagicTranspiler;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishClearOutput;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Muon Lab Java kernel: jjava's {@link BaseKernel} (Jupyter protocol 5.3) evaluating cells with JShell inside
 * the kernel's JVM.
 *
 * <p>This class wires the parts together and answers the abstract questions of BaseKernel; the work is done by
 * {@link ExecuteFlow} (execute requests), {@link CellRunner} and {@link CellEvaluator} (cells, magics),
 * {@link CodeIntelligence} (complete, inspect, is_complete), {@link CellThreadRunner} (the cell thread, interrupt)
 * and {@link OutputRouter} (stdout/stderr).
 */
public final class MuonLabKernel extends BaseKernel {

    /**
     * The jshell tool's default imports (its DEFAULT start-up script; the JShell API applies none by itself),
     * then the display statics of jjava and of this kernel.
     */
    static final String STARTUP_IMPORTS = "import java.io.*; import java.math.*; import java.net.*; import java.nio.file.*;\n"
            + "import java.util.*; import java.util.concurrent.*; import java.util.function.*;\n"
            + "import java.util.prefs.*; import java.util.regex.*; import java.util.stream.*;\n"
            + "import static org.dflib.jjava.jupyter.kernel.BaseNotebookStatics.*;\n"
            + "import static dev.muonlab.jupyter.kernel.KernelStatics.*;\n";

    private final JShell jshell;
    private final SnippetClassLoader loader;
    private final CellThreadRunner threads;
    private final CellRunner cells;
    private final CodeIntelligence intelligence;
    private final ExecuteFlow executeFlow;
    private final KernelIO kernelIO;
    private final AbortWindow abortWindow;
    private final DeferredImports deferredImports;

    private MuonLabKernel(Parts p, OutputRouter router, AbortWindow abortWindow) {
        super("muonlab", version(), languageInfo(), helpLinks(), p.history, p.io, new CommManager(), new Renderer(),
                new MagicParser("(?<=(?:^|=))\\s*%", "%%", new MagicTranspiler()), new MagicsRegistry(),
                extensionsEnabled(), new StringStyler.Builder().build());
        this.jshell = p.jshell;
        this.loader = p.loader;
        this.threads = p.threads;
        this.kernelIO = p.io;
        this.abortWindow = abortWindow;
        SnippetLocations locations = new SnippetLocations();
        this.deferredImports = p.deferredImports;
        CellEvaluator evaluator = new CellEvaluator(jshell, p.control, locations, deferredImports);
        this.cells = new CellRunner(this, evaluator, threads, magicsRegistry);
        this.intelligence = new CodeIntelligence(jshell, this::allLineMagics, this::allCellMagics);
        this.executeFlow = new ExecuteFlow(this, cells, threads, router, p.history, p.io, executionCount,
                abortWindow);
        magicsRegistry.registerLineMagic("classpath", new ClasspathMagic(this::addToClasspath));
        magicsRegistry.registerLineMagic("maven", new MavenMagic(MavenResolver.userDefault(), this::addToClasspath));
    }

    /** The collaborators built before the BaseKernel constructor runs. */
    private static final class Parts {
        final SnippetClassLoader loader = new SnippetClassLoader(MuonLabKernel.class.getClassLoader());
        final CellThreadRunner threads = new CellThreadRunner(loader);
        final InKernelExecutionControl control =
                new InKernelExecutionControl(new SnippetLoaderDelegate(loader), threads);
        final JShell jshell = JShell.builder()
                .executionEngine(new InKernelExecutionProvider(control), java.util.Map.of())
                .compilerOptions("-Xlint:none")
                .build();
        final DeferredImports deferredImports = new DeferredImports(loader);
        final InMemoryHistory history = new InMemoryHistory();
        final KernelIO io = new KernelIO();
    }

    /**
     * Builds the kernel (JShell included). Call {@link #onStartup()} next.
     *
     * @param router      the installed stdout/stderr router
     * @param abortWindow shared with the shell channel (aborts cells queued behind a failed one)
     * @return the kernel
     */
    static MuonLabKernel create(OutputRouter router, AbortWindow abortWindow) {
        return new MuonLabKernel(new Parts(), router, abortWindow);
    }

    /** @return the kernel of this notebook */
    static MuonLabKernel current() {
        return (MuonLabKernel) BaseKernel.notebookKernel();
    }

    /**
     * Installs the notebook statics and the extensions. Import-only sources evaluated meanwhile (JShell's defaults,
     * the extensions' imports) are queued in {@link DeferredImports}: call {@link #evalNextDeferredImport()} until
     * it returns false, or let cells pull in what they need.
     */
    @Override
    public void onStartup() {
        installNotebookKernel();
        long t0 = System.nanoTime();
        deferredImports.accept(true);
        try {
            evalRaw(STARTUP_IMPORTS);
            if (extensionsEnabled) {
                installDefaultExtensions();
            }
        } finally {
            deferredImports.accept(false);
        }
        org.slf4j.LoggerFactory.getLogger(MuonLabKernel.class).info("start-up: extensions {} in {} ms, {} imports queued",
                extensions.keySet(), (System.nanoTime() - t0) / 1_000_000, deferredImports.pendingCount());
    }

    /**
     * Evaluates the next queued start-up import. Call under the kernel's lock.
     *
     * @return false when none was left. Modifies the notebook's imports.
     */
    boolean evalNextDeferredImport() {
        return deferredImports.evalNext();
    }

    @Override
    public Object evalRaw(String source) {
        try {
            Object value = cells.run(source, "eval");
            return value == CellEvaluator.NO_VALUE || value instanceof CellRunner.Inspection ? null : value;
        } catch (CellError e) {
            throw new IllegalStateException(e.ename() + ": " + e.evalue() + "\n" + String.join("\n", e.traceback()), e);
        }
    }

    @Override
    protected void handleExecuteRequest(ShellReplyEnvironment env, Message<ExecuteRequest> message) {
        synchronized (this) {
            commManager.setMessageContext(message);
            executeFlow.handle(env, message.getContent());
        }
    }

    @Override
    public void becomeHandlerForConnection(org.dflib.jjava.jupyter.channels.JupyterConnection connection) {
        super.becomeHandlerForConnection(connection);
        new ProtocolReplies(this).register(connection);
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        synchronized (this) { // JShell is not thread-safe; start-up may still be running
            deferredImports.ensureAll();
            return intelligence.inspect(code, at, extraDetail);
        }
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        synchronized (this) { // JShell is not thread-safe; start-up may still be running
            deferredImports.ensureAll();
            return intelligence.complete(code, at);
        }
    }

    @Override
    public String isComplete(String code) {
        synchronized (this) { // JShell is not thread-safe; start-up may still be running
            return intelligence.isComplete(code);
        }
    }

    @Override
    public void interrupt() {
        threads.requestStop();
    }

    @Override
    public void display(DisplayData data) {
        executeFlow.flushOutput();
        super.display(data);
    }

    /**
     * Publishes {@code clear_output} for the running cell.
     *
     * @param wait clear only when the next output arrives
     */
    public void clearOutput(boolean wait) {
        executeFlow.flushOutput();
        executeFlow.publish(wait ? PublishClearOutput.BEFORE_NEXT_OUTPUT : PublishClearOutput.NOW);
    }

    /**
     * Adds jars or folders to the notebook (compiler and class loader) and loads extensions found in them.
     *
     * @param classpath entries joined with the path separator. Modifies the notebook's class path.
     */
    public void addToClasspath(String classpath) {
        if (classpath == null || classpath.isBlank()) {
            return;
        }
        jshell.addToClasspath(classpath);
        if (extensionsEnabled) {
            installExtensions(loader);
        }
    }

    /** @return the notebook's JShell */
    public JShell getJShell() {
        return jshell;
    }

    @Override
    protected ClassLoader getClassLoader() {
        return loader;
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        threads.requestStop();
        try {
            super.onShutdown(isRestarting);
        } finally {
            jshell.close();
        }
    }

    KernelIO kernelIO() {
        return kernelIO;
    }

    /** @return the abort window shared with the shell channel */
    AbortWindow abortWindow() {
        return abortWindow;
    }

    private Set<String> allLineMagics() {
        Set<String> names = new TreeSet<>(magicsRegistry.getLineMagicNames());
        CellRunner.BUILTIN_LINE.forEach(m -> names.add(m[0]));
        return names;
    }

    private Set<String> allCellMagics() {
        Set<String> names = new TreeSet<>(magicsRegistry.getCellMagicNames());
        CellRunner.BUILTIN_CELL.forEach(m -> names.add(m[0]));
        return names;
    }

    private static boolean extensionsEnabled() {
        String v = System.getenv("JJAVA_LOAD_EXTENSIONS");
        return v == null || !(v.equals("0") || v.equalsIgnoreCase("false"));
    }

    private static String version() {
        String v = MuonLabKernel.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0" : v;
    }

    private static LanguageInfo languageInfo() {
        return new LanguageInfo.Builder("java")
                .version(Runtime.version().toString())
                .mimetype("text/x-java-source")
                .fileExtension(".jshell")
                .pygments("java")
                .codemirror("java")
                .build();
    }

    private static List<HelpLink> helpLinks() {
        return List.of(new HelpLink("Java API (JDK " + Runtime.version().feature() + ")",
                        "https://docs.oracle.com/en/java/javase/" + Runtime.version().feature() + "/docs/api/"),
                new HelpLink("JShell guide", "https://docs.oracle.com/en/java/javase/17/jshell/"));
    }
}
