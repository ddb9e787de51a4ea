package dev.muonlab.jupyter.kernel;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Traceback trimming, compile-error positions, noise filtering, UTF-8 boundaries, indent and history rules. */
class PureFormattingTest {

    @Test
    void tracebackMapsSnippetFramesToCellsAndDropsKernelFrames() {
        SnippetLocations locs = new SnippetLocations();
        locs.put("3", new SnippetLocations.Location("cell [2]", 1));
        locs.put("7", new SnippetLocations.Location("cell [5]", 4));
        StackTraceElement[] frames = {
                new StackTraceElement("dev.muonlab.jupyter.kernel.StopCheck", "check", "StopCheck.java", 30),
                new StackTraceElement("java.util.Objects", "requireNonNull", "Objects.java", 209),
                new StackTraceElement("", "square", "#3", 2),
                new StackTraceElement("", "", "#7", 3),
        };
        List<String> lines = TracebackFormatter.format(List.of(
                new TracebackFormatter.ThrowableInfo("java.lang.NullPointerException", "boom", frames)), locs);
        assertEquals(List.of("java.lang.NullPointerException: boom",
                "    at java.util.Objects.requireNonNull(Objects.java:209)",
                "    at square (cell [2], line 2)",
                "    at cell [5], line 6"), lines);
    }

    @Test
    void longLibraryStacksAboveUserCodeAreShortened() {
        SnippetLocations locs = new SnippetLocations();
        locs.put("1", new SnippetLocations.Location("cell [1]", 1));
        List<StackTraceElement> frames = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            frames.add(new StackTraceElement("org.lib.Deep", "m" + i, "Deep.java", i + 1));
        }
        frames.add(new StackTraceElement("", "", "#1", 1));
        List<String> lines = TracebackFormatter.frames(frames.toArray(new StackTraceElement[0]), locs);
        assertEquals(TracebackFormatter.LIBRARY_FRAMES_KEPT + 2, lines.size());
        assertEquals("    ... 14 more frames in libraries", lines.get(TracebackFormatter.LIBRARY_FRAMES_KEPT));
        assertEquals("    at cell [1], line 1", lines.get(lines.size() - 1));
    }

    @Test
    void diagnosticsGiveCellLineColumnAndCaret() {
        String snippet = "\nint bad = nope + 1;";
        int pos = snippet.indexOf("nope");
        CellError e = DiagnosticFormatter.format(List.of(new DiagnosticFormatter.Problem(pos, pos, pos + 4,
                "cannot find symbol\n  symbol:   variable nope\n  location: class")), snippet,
                new SnippetLocations.Location("cell [9]", 3));
        assertEquals("CompilationError", e.ename());
        assertEquals("cannot find symbol (cell [9], line 4, column 11)", e.evalue());
        assertEquals(List.of("cell [9], line 4, column 11: cannot find symbol", "  symbol:   variable nope",
                "    int bad = nope + 1;", "              ^^^^"), e.traceback());
    }

    @Test
    void noiseLinesGoToTheLogEvenWhenSplitAcrossWrites() {
        NoiseFilter f = new NoiseFilter();
        List<String> log = new ArrayList<>();
        StringBuilder shown = new StringBuilder();
        for (String chunk : List.of("epoch 1\nAdded diff", "erentiated op mul\nloss=", "0.5\n", "Added differentiated op x")) {
            shown.append(f.accept(chunk, log::add));
        }
        shown.append(f.drain(log::add));
        assertEquals("epoch 1\nloss=0.5\n", shown.toString());
        assertEquals(List.of("Added differentiated op mul\n", "Added differentiated op x"), log);
    }

    @Test
    void partialLinesThatCannotBeNoiseAreShownAtOnce() {
        NoiseFilter f = new NoiseFilter();
        assertEquals("progress: 10%", f.accept("progress: 10%", s -> { }));
        assertEquals(" 20%", f.accept(" 20%", s -> { }));
    }

    @Test
    void utf8BoundaryHoldsBackIncompleteCharacters() {
        byte[] mu = "aµ".getBytes(StandardCharsets.UTF_8); // 'µ' is two bytes
        assertEquals(mu.length, CellStream.completeUtf8Length(mu));
        byte[] cut = java.util.Arrays.copyOf(mu, mu.length - 1);
        assertEquals(1, CellStream.completeUtf8Length(cut));
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8); // three bytes
        assertEquals(0, CellStream.completeUtf8Length(java.util.Arrays.copyOf(euro, 2)));
    }

    @Test
    void continuationIndentFollowsOpenBlocks() {
        assertEquals("    ", IndentRules.continuationIndent("for (int i = 0; i < 3; i++) {"));
        assertEquals("        ", IndentRules.continuationIndent("void f() {\n    if (x) {"));
        assertEquals("    ", IndentRules.continuationIndent("void f() {\n    int y ="));
    }

    @Test
    void historySearchUsesGlobsAndUnique() {
        InMemoryHistory h = new InMemoryHistory();
        h.add(1, "6 * 7", "42");
        h.add(2, "int x = 1;", null);
        h.add(3, "6 * 7", "42");
        assertEquals(2, h.search("6 *", 0, Set.of()).size());
        assertEquals(1, h.search("6 ?*", 0, Set.of(org.dflib.jjava.jupyter.kernel.history.HistoryManager.ResultFlag.UNIQUE)).size());
        assertEquals(3, h.search("6 ?*", 0, Set.of(org.dflib.jjava.jupyter.kernel.history.HistoryManager.ResultFlag.UNIQUE)).get(0).getCellNumber());
        assertEquals(List.of(2, 3), h.lookupTail(2, Set.of()).stream().map(e -> e.getCellNumber()).toList());
        assertEquals(List.of(2), h.lookupRange(0, 2, 3, Set.of()).stream().map(e -> e.getCellNumber()).toList());
        assertTrue(InMemoryHistory.globToRegex("a?c*").matcher("abcdef").matches());
        assertFalse(InMemoryHistory.globToRegex("a?c").matcher("ac").matches());
    }

    @Test
    void durationsAreReadable() {
        assertEquals("512 ns", CellRunner.formatDuration(512));
        assertEquals("1.50 ms", CellRunner.formatDuration(1_500_000));
        assertEquals("12.3 s", CellRunner.formatDuration(12_300_000_000L));
    }
}
