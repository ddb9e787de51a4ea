package dev.muonlab.jupyter.kernel;

import jdk.jshell.ImportSnippet;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Deferred start-up imports against a real JShell (local execution): a source gets exactly the pending imports it
 * needs, in order, and then compiles as it would have with every import evaluated first.
 */
class DeferredImportsTest {

    private static final String STARTUP = "import java.util.*; import java.util.stream.*;\n"
            + "// the display statics\nimport static dev.muonlab.jupyter.kernel.KernelStatics.*;\n"
            + "import java.util.concurrent.atomic.AtomicLong;\n"
            + "import tech.tablesaw.api.*;\n";

    private JShell jshell;
    private DeferredImports deferred;

    @BeforeEach
    void startJShell() {
        jshell = JShell.builder().executionEngine("local").build();
        jshell.addToClasspath(System.getProperty("java.class.path"));
        deferred = new DeferredImports(getClass().getClassLoader());
        deferred.connect(declaration -> {
            List<SnippetEvent> events = jshell.eval(declaration);
            if (events.get(0).status() != Snippet.Status.VALID) {
                throw CellError.simple("CompilationError", declaration);
            }
        });
    }

    @AfterEach
    void close() {
        jshell.close();
    }

    private List<String> evaluatedImports() {
        return jshell.imports().map(ImportSnippet::source).map(String::strip).collect(Collectors.toList());
    }

    private boolean compiles(String source) {
        return jshell.eval(source).stream().allMatch(e -> e.status() == Snippet.Status.VALID && e.exception() == null);
    }

    @Test
    void splitsImportOnlySourcesAndRejectsMixedOnes() {
        assertEquals(List.of("import java.util.*;", "import java.util.stream.*;",
                        "import static dev.muonlab.jupyter.kernel.KernelStatics.*;",
                        "import java.util.concurrent.atomic.AtomicLong;", "import tech.tablesaw.api.*;"),
                ImportIndex.splitImports(STARTUP));
        assertNull(ImportIndex.splitImports("import java.util.*; int x = 1;"));
        assertNull(ImportIndex.splitImports("// nothing"));
    }

    @Test
    void queuesOnlyWhileAcceptingAndOnlyImportOnlySources() {
        assertFalse(deferred.offer(STARTUP), "not accepting yet");
        deferred.accept(true);
        assertFalse(deferred.offer("import java.util.*; int x = 1;"));
        assertTrue(deferred.offer(STARTUP));
        deferred.accept(false);
        assertEquals(5, deferred.pendingCount());
        assertEquals(List.of(), evaluatedImports());
    }

    @Test
    void aSourceGetsTheImportsOfTheNamesItMentionsAndNoOthers() {
        deferred.accept(true);
        deferred.offer(STARTUP);
        deferred.accept(false);

        deferred.ensureFor("1 + 1");
        assertEquals(List.of(), evaluatedImports(), "no names: nothing to import");

        String cell = "List<Integer> xs = new ArrayList<>(List.of(2, 1)); AtomicLong n = new AtomicLong(xs.size());";
        deferred.ensureFor(cell);
        assertEquals(List.of("import java.util.*;", "import java.util.concurrent.atomic.AtomicLong;"), evaluatedImports());
        assertTrue(compiles("List<Integer> xs = new ArrayList<>(List.of(2, 1));"));
        assertTrue(compiles("AtomicLong n = new AtomicLong(xs.size());"));

        deferred.ensureFor("Table t = Table.create(\"t\"); long k = Stream.of(1).count(); clearOutput();");
        assertEquals(List.of("import java.util.*;", "import java.util.concurrent.atomic.AtomicLong;",
                        "import java.util.stream.*;", "import static dev.muonlab.jupyter.kernel.KernelStatics.*;",
                        "import tech.tablesaw.api.*;"), evaluatedImports(),
                "queue order kept: Stream, clearOutput (a static member) and Table");
        assertTrue(compiles("Table t = Table.create(\"t\");"));
        assertEquals(0, deferred.pendingCount());
    }

    @Test
    void keywordsAndPackageNamesPullNothingIn() {
        deferred.accept(true);
        deferred.offer(STARTUP);
        deferred.accept(false);
        deferred.ensureFor("for (int i = 0; i < 3; i++) { var s = java.time.Instant.now(); }");
        assertEquals(List.of(), evaluatedImports());
    }

    @Test
    void drainsInOrderAndAFailingImportIsSkippedNotThrown() {
        deferred.accept(true);
        deferred.offer("import no.such.pkg.*;");
        deferred.offer(STARTUP);
        deferred.accept(false);
        deferred.ensureAll();
        assertEquals(0, deferred.pendingCount());
        assertEquals(5, evaluatedImports().size());
        assertTrue(compiles("Table.create(\"t\").rowCount()"));
    }
}
