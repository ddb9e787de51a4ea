package dev.muonlab.jupyter.magic;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a cell into Java code and magic commands, before anything reaches JShell.
 *
 * <p>Recognized forms (IPython's, as JJava users know them):
 * <ul>
 *   <li>{@code %%name args} on the first non-blank line: a cell magic; the rest of the cell is its body;</li>
 *   <li>{@code %name args} on its own line, outside any brace, string, text block or comment: a line magic, run in
 *       order with the code around it;</li>
 *   <li>a one-line cell ending in {@code ?} (or {@code ??} for more detail): show the inspection of the
 *       expression.</li>
 * </ul>
 * Why a tiny lexer: a {@code %} at the start of a line inside a text block or a comment is not a magic. Pure and
 * stateless.
 */
public final class CellParser {

    /** One piece of a cell, in order. */
    public sealed interface Part permits Code, LineMagic {
    }

    /**
     * Java source.
     *
     * @param source    the code
     * @param firstLine 1-based line in the cell where it starts
     */
    public record Code(String source, int firstLine) implements Part {
    }

    /**
     * A line magic.
     *
     * @param name    magic name without {@code %}
     * @param args    arguments split like a shell would (quotes group, backslash escapes)
     * @param rawArgs the text after the name, trimmed
     * @param line    1-based line in the cell
     */
    public record LineMagic(String name, List<String> args, String rawArgs, int line) implements Part {
    }

    /**
     * A cell magic.
     *
     * @param name          magic name without {@code %%}
     * @param args          arguments on the magic's line
     * @param body          the rest of the cell
     * @param bodyFirstLine 1-based line in the cell where the body starts
     */
    public record CellMagic(String name, List<String> args, String body, int bodyFirstLine) {
    }

    /**
     * The whole cell.
     *
     * @param cellMagic     the cell magic, or null
     * @param parts         code and line magics in order (empty when there is a cell magic or an inspection)
     * @param inspectExpr   the expression to inspect for {@code expr?}, or null
     * @param inspectDetail 0 for {@code ?}, 1 for {@code ??}
     */
    public record Parsed(CellMagic cellMagic, List<Part> parts, String inspectExpr, int inspectDetail) {
    }

    private CellParser() {
    }

    /**
     * @param cell the cell's source. Not modified.
     * @return its structure
     */
    public static Parsed parse(String cell) {
        String stripped = cell.strip();
        if (stripped.endsWith("?") && !stripped.contains("\n") && !stripped.startsWith("%")) {
            int detail = stripped.endsWith("??") ? 1 : 0;
            String expr = stripped.substring(0, stripped.length() - 1 - detail).strip();
            if (!expr.isEmpty()) {
                return new Parsed(null, List.of(), expr, detail);
            }
        }
        String[] lines = cell.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.isEmpty()) {
                continue;
            }
            if (l.startsWith("%%") && l.length() > 2 && Character.isLetter(l.charAt(2))) {
                String[] nameAndArgs = splitName(l.substring(2));
                String body = String.join("\n", java.util.Arrays.copyOfRange(lines, i + 1, lines.length));
                return new Parsed(new CellMagic(nameAndArgs[0], MagicArgs.split(nameAndArgs[1]), body, i + 2),
                        List.of(), null, 0);
            }
            break;
        }
        return new Parsed(null, splitLineMagics(lines), null, 0);
    }

    private static List<Part> splitLineMagics(String[] lines) {
        List<Part> parts = new ArrayList<>();
        JavaLineScanner scanner = new JavaLineScanner();
        StringBuilder code = new StringBuilder();
        int codeStart = 1;
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            boolean magic = scanner.atTopLevel() && l.startsWith("%") && l.length() > 1
                    && Character.isLetter(l.charAt(1));
            if (magic) {
                if (!code.toString().isBlank()) {
                    parts.add(new Code(code.toString(), codeStart));
                }
                code.setLength(0);
                codeStart = i + 2;
                String[] nameAndArgs = splitName(l.substring(1));
                parts.add(new LineMagic(nameAndArgs[0], MagicArgs.split(nameAndArgs[1]), nameAndArgs[1], i + 1));
            } else {
                if (code.length() > 0) {
                    code.append('\n');
                }
                code.append(lines[i]);
                scanner.scan(lines[i]);
            }
        }
        if (!code.toString().isBlank()) {
            parts.add(new Code(code.toString(), codeStart));
        }
        return parts;
    }

    private static String[] splitName(String s) {
        int end = 0;
        while (end < s.length() && !Character.isWhitespace(s.charAt(end))) {
            end++;
        }
        return new String[]{s.substring(0, end), s.substring(end).strip()};
    }
}
