package dev.muonlab.jupyter.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Formats javac diagnostics of a rejected snippet as a Jupyter error with cell line and column.
 *
 * <p>Pure: positions are character offsets in the snippet's source (as JShell reports them), turned into the
 * line and column within the cell using where the snippet starts in that cell.
 */
final class DiagnosticFormatter {

    /**
     * One javac error.
     *
     * @param position offset of the error in the snippet source (javac's preferred position)
     * @param start    start offset of the offending range
     * @param end      end offset (exclusive) of the offending range
     * @param message  javac's message, possibly several lines
     */
    record Problem(long position, long start, long end, String message) {
    }

    private DiagnosticFormatter() {
    }

    /**
     * @param problems javac errors of one snippet. Not modified.
     * @param source   the snippet's source. Not modified.
     * @param location where the snippet starts in its cell
     * @return the error to publish
     */
    static CellError format(List<Problem> problems, String source, SnippetLocations.Location location) {
        List<String> lines = new ArrayList<>();
        String evalue = null;
        for (Problem p : problems) {
            int pos = (int) Math.max(0, Math.min(p.position() < 0 ? 0 : p.position(), source.length()));
            int[] lc = lineAndColumn(source, pos);
            int cellLine = location.cellLine(lc[0]);
            List<String> msg = messageLines(p.message());
            String where = location.label() + ", line " + cellLine + ", column " + lc[1];
            if (evalue == null) {
                evalue = msg.get(0) + " (" + where + ")";
            }
            lines.add(where + ": " + msg.get(0));
            for (int i = 1; i < msg.size(); i++) {
                lines.add("  " + msg.get(i).strip());
            }
            String text = lineText(source, pos);
            lines.add("    " + text);
            lines.add("    " + caret(source, pos, p.start(), p.end(), text.length()));
        }
        return new CellError("CompilationError", evalue == null ? "the code does not compile" : evalue, lines);
    }

    /**
     * @param source text
     * @param pos    offset into text
     * @return {1-based line, 1-based column}
     */
    static int[] lineAndColumn(String source, int pos) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < pos && i < source.length(); i++) {
            if (source.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[]{line, pos - lineStart + 1};
    }

    private static String lineText(String source, int pos) {
        int from = source.lastIndexOf('\n', Math.max(0, pos - 1)) + 1;
        if (pos == 0) {
            from = 0;
        }
        int to = source.indexOf('\n', pos);
        return source.substring(from, to < 0 ? source.length() : to).stripTrailing();
    }

    private static String caret(String source, int pos, long start, long end, int lineLength) {
        int col = lineAndColumn(source, pos)[1] - 1;
        int width = 1;
        if (start >= 0 && end > start && start <= pos && end >= pos) {
            int[] s = lineAndColumn(source, (int) start);
            int[] e = lineAndColumn(source, (int) Math.min(end, source.length()));
            if (s[0] == e[0]) {
                col = s[1] - 1;
                width = Math.max(1, e[1] - s[1]);
            }
        }
        col = Math.min(col, Math.max(lineLength, 0));
        return " ".repeat(col) + "^".repeat(width);
    }

    private static List<String> messageLines(String message) {
        List<String> out = new ArrayList<>();
        for (String l : message.split("\\R")) {
            String s = l.strip();
            if (s.isEmpty() || s.equals("location: class")) {
                continue; // JShell's wrapper class has no name worth showing
            }
            out.add(l);
        }
        if (out.isEmpty()) {
            out.add(message.isBlank() ? "compilation failed" : message.strip());
        }
        return out;
    }

    /** @return javac's message in English, whatever the platform locale */
    static Locale messageLocale() {
        return Locale.ROOT;
    }
}
