package dev.muonlab.jupyter.kernel;

import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Evaluates Java source with JShell, snippet by snippet, and returns the value of the last expression.
 *
 * <p>Why snippet by snippet: {@code JShell.eval} takes one snippet, so a cell is cut with
 * {@code analyzeCompletion}. Each snippet's start line in the cell is recorded in {@link SnippetLocations}, so that
 * compile errors and stack traces can name the cell line. The first failing snippet ends the evaluation (one error
 * per cell).
 */
final class CellEvaluator {

    /** Marker for "the code produced no value" (a statement or declaration), as opposed to a null value. */
    static final Object NO_VALUE = new Object();

    private final JShell jshell;
    private final InKernelExecutionControl control;
    private final SnippetLocations locations;
    private final DeferredImports deferredImports;

    /**
     * @param jshell    the notebook's JShell. Modified by evaluation.
     * @param control   its execution control (holds result objects)
     * @param locations where snippets come from. Modified by evaluation.
     * @param deferredImports start-up imports not evaluated yet; evaluated here when a source needs them.
     *                        Connected to this evaluator.
     */
    CellEvaluator(JShell jshell, InKernelExecutionControl control, SnippetLocations locations,
                  DeferredImports deferredImports) {
        this.jshell = jshell;
        this.control = control;
        this.deferredImports = deferredImports;
        deferredImports.connect(declaration -> evalNow(declaration, "start-up imports", 1));
        this.locations = locations;
    }

    /**
     * @param source    Java source, any number of snippets. Not modified.
     * @param label     the cell's name for error messages, e.g. {@code cell [3]}
     * @param firstLine 1-based line in the cell at which {@code source} starts
     * @return the value of the last snippet if it is an expression, else {@link #NO_VALUE}
     * @throws CellError at the first snippet that does not compile or throws
     */
    Object eval(String source, String label, int firstLine) throws CellError {
        if (deferredImports.offer(source)) {
            return NO_VALUE;
        }
        deferredImports.ensureFor(source);
        return evalNow(source, label, firstLine);
    }

    /** {@link #eval} without looking at the deferred start-up imports. */
    private Object evalNow(String source, String label, int firstLine) throws CellError {
        SourceCodeAnalysis analysis = jshell.sourceCodeAnalysis();
        String remaining = source;
        Object last = NO_VALUE;
        while (true) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            int offset = source.length() - remaining.length();
            // javac positions count from the snippet text as given; JShell's stack-frame lines count from its
            // first non-blank character, so the two need different base lines.
            SnippetLocations.Location location =
                    new SnippetLocations.Location(label, firstLine + countLines(source, offset));
            SnippetLocations.Location runtimeLocation = new SnippetLocations.Location(label,
                    firstLine + countLines(source, firstNonBlank(source, offset)));
            if (info.completeness().isComplete()) {
                last = evalSnippet(info.source(), location, runtimeLocation);
                remaining = info.remaining();
                continue;
            }
            switch (info.completeness()) {
                case EMPTY:
                    return last;
                case UNKNOWN:
                    return evalSnippet(remaining, location, runtimeLocation); // reports javac's diagnostics
                default:
                    throw CellError.simple("IncompleteCode", "the code is incomplete at " + label + ", line "
                            + location.firstLine() + ": " + firstLineOf(remaining.strip()));
            }
        }
    }

    private Object evalSnippet(String snippetSource, SnippetLocations.Location location,
                               SnippetLocations.Location runtimeLocation) throws CellError {
        List<SnippetEvent> events = jshell.eval(snippetSource);
        Object value = NO_VALUE;
        CellError error = null;
        for (SnippetEvent event : events) {
            Object taken = InKernelExecutionControl.isResultKey(event.value())
                    ? control.takeResult(event.value()) : NO_VALUE; // always take, or it leaks
            if (event.causeSnippet() != null) {
                continue;
            }
            Snippet snippet = event.snippet();
            locations.put(snippet.id(), runtimeLocation);
            if (error != null) {
                continue;
            }
            if (event.exception() != null) {
                error = runtimeError(event.exception(), snippet);
            } else if (event.status() == Snippet.Status.REJECTED) {
                error = compileError(snippet, snippetSource, location);
            } else if (event.status() == Snippet.Status.RECOVERABLE_DEFINED
                    || event.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                warnUnresolved(snippet);
            } else if (isValueKind(snippet.subKind())) {
                value = taken;
            }
        }
        if (error != null) {
            throw error;
        }
        return value;
    }

    private static boolean isValueKind(Snippet.SubKind kind) {
        return kind == Snippet.SubKind.VAR_VALUE_SUBKIND
                || kind == Snippet.SubKind.OTHER_EXPRESSION_SUBKIND
                || kind == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
    }

    private CellError compileError(Snippet snippet, String source, SnippetLocations.Location location) {
        List<DiagnosticFormatter.Problem> problems = new ArrayList<>();
        jshell.diagnostics(snippet).filter(Diag::isError).forEach(d -> problems.add(new DiagnosticFormatter.Problem(
                d.getPosition(), d.getStartPosition(), d.getEndPosition(),
                d.getMessage(DiagnosticFormatter.messageLocale()))));
        if (problems.isEmpty()) {
            return CellError.simple("CompilationError", "JShell rejected the code at " + location.label()
                    + ", line " + location.firstLine());
        }
        return DiagnosticFormatter.format(problems, source, location);
    }

    private CellError runtimeError(JShellException exception, Snippet snippet) {
        if (exception instanceof UnresolvedReferenceException) {
            Snippet declaration = ((UnresolvedReferenceException) exception).getSnippet();
            String missing = jshell.unresolvedDependencies((jdk.jshell.DeclarationSnippet) declaration)
                    .collect(Collectors.joining(", "));
            return CellError.simple("UnresolvedReference", "'" + firstLineOf(declaration.source().strip())
                    + "' cannot run until it is declared: " + missing);
        }
        List<TracebackFormatter.ThrowableInfo> chain = new ArrayList<>();
        for (Throwable t = exception; t != null; t = t.getCause()) {
            String name = t instanceof EvalException ? ((EvalException) t).getExceptionClassName()
                    : t.getClass().getName();
            chain.add(new TracebackFormatter.ThrowableInfo(name, t.getMessage(), t.getStackTrace()));
            if (chain.size() > 20) {
                break;
            }
        }
        TracebackFormatter.ThrowableInfo first = chain.get(0);
        String ename = first.className();
        String evalue = first.message() == null ? "" : first.message();
        boolean interruptError = ename.equals(CellInterruptedError.class.getName());
        if (interruptError || ename.equals("java.lang.ThreadDeath") || StopCheck.isStopRequested()) {
            ename = "Interrupted";
            evalue = interruptError && first.message() != null ? first.message() : "Execution interrupted by the user";
            chain.set(0, new TracebackFormatter.ThrowableInfo(ename, evalue, first.frames()));
        }
        return new CellError(ename, evalue, TracebackFormatter.format(chain, locations));
    }

    private void warnUnresolved(Snippet snippet) {
        if (snippet instanceof jdk.jshell.DeclarationSnippet) {
            String missing = jshell.unresolvedDependencies((jdk.jshell.DeclarationSnippet) snippet)
                    .collect(Collectors.joining(", "));
            if (!missing.isEmpty()) {
                System.err.println("Note: '" + firstLineOf(snippet.source().strip())
                        + "' refers to " + missing + ", which is not defined yet; define it before using this.");
            }
        }
    }

    private static int firstNonBlank(String s, int from) {
        int i = from;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int countLines(String s, int end) {
        int n = 0;
        for (int i = 0; i < end; i++) {
            if (s.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    private static String firstLineOf(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl) + " ...";
    }
}
