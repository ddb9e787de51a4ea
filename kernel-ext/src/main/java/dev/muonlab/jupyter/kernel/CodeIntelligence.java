package dev.muonlab.jupyter.kernel;

import dev.muonlab.jupyter.magic.CellParser;
import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Answers {@code complete}, {@code inspect} and {@code is_complete} from JShell's source analysis.
 *
 * <p>Why per snippet: JShell analyses one snippet at a time, so the cell is cut the same way as for evaluation and
 * only the snippet under the cursor is analysed (with the cursor made relative to it). Magic lines are blanked out
 * (same length) so that offsets stay valid.
 */
final class CodeIntelligence {

    private final JShell jshell;
    private final Supplier<Set<String>> lineMagics;
    private final Supplier<Set<String>> cellMagics;

    /**
     * @param jshell     the notebook's JShell (read only)
     * @param lineMagics names of the line magics, for completing {@code %na|}
     * @param cellMagics names of the cell magics
     */
    CodeIntelligence(JShell jshell, Supplier<Set<String>> lineMagics, Supplier<Set<String>> cellMagics) {
        this.jshell = jshell;
        this.lineMagics = lineMagics;
        this.cellMagics = cellMagics;
    }

    /**
     * @param code the cell
     * @param at   cursor offset
     * @return completions, or null for none
     */
    ReplacementOptions complete(String code, int at) {
        int lineStart = code.lastIndexOf('\n', Math.max(0, at - 1)) + 1;
        String linePrefix = code.substring(lineStart, at).stripLeading();
        if (linePrefix.matches("%%?\\w*")) {
            boolean cell = linePrefix.startsWith("%%");
            String prefix = linePrefix.substring(cell ? 2 : 1);
            List<String> options = new ArrayList<>();
            for (String name : new java.util.TreeSet<>(cell ? cellMagics.get() : lineMagics.get())) {
                if (name.startsWith(prefix)) {
                    options.add((cell ? "%%" : "%") + name);
                }
            }
            return options.isEmpty() ? null : new ReplacementOptions(options, at - linePrefix.length(), at);
        }
        Snippet s = snippetAt(code, at);
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions =
                jshell.sourceCodeAnalysis().completionSuggestions(s.text, at - s.start, anchor);
        Set<String> options = new LinkedHashSet<>();
        suggestions.stream().filter(SourceCodeAnalysis.Suggestion::matchesType)
                .forEach(x -> options.add(x.continuation()));
        suggestions.forEach(x -> options.add(x.continuation()));
        if (options.isEmpty()) {
            return null;
        }
        return new ReplacementOptions(new ArrayList<>(options), anchor[0] + s.start, at);
    }

    /**
     * @param code   the cell
     * @param at     cursor offset
     * @param detail whether more detail was asked for
     * @return signature(s), Javadoc and type, or null when nothing is known
     */
    DisplayData inspect(String code, int at, boolean detail) {
        Snippet s = snippetAt(code, Math.min(at, code.length()));
        String text = s.text;
        int cursor = Math.max(0, Math.min(at - s.start, text.length()));
        int end = cursor;
        while (end < text.length() && Character.isJavaIdentifierPart(text.charAt(end))) {
            end++;
        }
        int begin = end;
        while (begin > 0 && (Character.isJavaIdentifierPart(text.charAt(begin - 1)) || text.charAt(begin - 1) == '.')) {
            begin--;
        }
        String prefix = text.substring(0, end);
        SourceCodeAnalysis analysis = jshell.sourceCodeAnalysis();
        List<SourceCodeAnalysis.Documentation> docs = List.of();
        int paren = end;
        while (paren < text.length() && Character.isWhitespace(text.charAt(paren))) {
            paren++;
        }
        if (paren < text.length() && text.charAt(paren) == '(') {
            docs = analysis.documentation(text.substring(0, paren + 1), paren + 1, true);
        }
        if (docs.isEmpty()) {
            docs = analysis.documentation(prefix + "(", prefix.length() + 1, true);
        }
        if (docs.isEmpty()) {
            docs = analysis.documentation(prefix, prefix.length(), true);
        }
        String expr = text.substring(begin, end);
        String type = expr.isEmpty() ? null : analysis.analyzeType(expr, expr.length());
        return InspectionFormatter.format(expr, docs, type, detail);
    }

    /**
     * @param code a cell
     * @return {@link BaseKernel#IS_COMPLETE_YES}, {@link BaseKernel#IS_COMPLETE_BAD} or the indent to continue with
     */
    String isComplete(String code) {
        CellParser.Parsed parsed = CellParser.parse(code);
        if (parsed.cellMagic() != null || parsed.inspectExpr() != null) {
            return BaseKernel.IS_COMPLETE_YES;
        }
        SourceCodeAnalysis analysis = jshell.sourceCodeAnalysis();
        String remaining = blankMagicLines(code);
        while (true) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            switch (info.completeness()) {
                case COMPLETE:
                case COMPLETE_WITH_SEMI:
                    remaining = info.remaining();
                    continue;
                case EMPTY:
                    return BaseKernel.IS_COMPLETE_YES;
                case UNKNOWN:
                    return BaseKernel.IS_COMPLETE_BAD;
                default:
                    return IndentRules.continuationIndent(remaining);
            }
        }
    }

    /** A snippet of the cell: its text and its start offset in the cell. */
    private record Snippet(String text, int start) {
    }

    private Snippet snippetAt(String code, int at) {
        String blanked = blankMagicLines(code);
        SourceCodeAnalysis analysis = jshell.sourceCodeAnalysis();
        String remaining = blanked;
        while (true) {
            int start = blanked.length() - remaining.length();
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            if (!info.completeness().isComplete()) {
                return new Snippet(remaining, start);
            }
            int end = blanked.length() - info.remaining().length();
            if (at <= end) {
                return new Snippet(blanked.substring(start, end), start);
            }
            remaining = info.remaining();
        }
    }

    /**
     * @param code a cell
     * @return the cell with each line magic replaced by spaces of the same length
     */
    static String blankMagicLines(String code) {
        StringBuilder sb = new StringBuilder(code.length());
        for (String line : code.split("\n", -1)) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            String s = line.strip();
            sb.append(s.startsWith("%") ? " ".repeat(line.length()) : line);
        }
        return sb.toString();
    }
}
