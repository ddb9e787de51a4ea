package dev.muonlab.jupyter.magic;

/**
 * Tracks, line by line, whether Java source is at top level: outside braces, brackets, parentheses, block
 * comments and text blocks. Used by {@link CellParser} to tell a magic line from a line of Java.
 *
 * <p>A deliberately small lexer: it knows comments, string and char literals (with escapes) and text blocks,
 * which is all that can hide a {@code %} at the start of a line. Stateful; one instance per cell.
 */
final class JavaLineScanner {

    private int depth;
    private boolean inBlockComment;
    private boolean inTextBlock;

    /** @return whether the next line starts at top level */
    boolean atTopLevel() {
        return depth == 0 && !inBlockComment && !inTextBlock;
    }

    /**
     * @param line one line of Java, without its newline. Modifies this scanner's state.
     */
    void scan(String line) {
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (inBlockComment) {
                if (line.startsWith("*/", i)) {
                    inBlockComment = false;
                    i += 2;
                } else {
                    i++;
                }
            } else if (inTextBlock) {
                if (c == '\\') {
                    i += 2;
                } else if (line.startsWith("\"\"\"", i)) {
                    inTextBlock = false;
                    i += 3;
                } else {
                    i++;
                }
            } else if (line.startsWith("//", i)) {
                return;
            } else if (line.startsWith("/*", i)) {
                inBlockComment = true;
                i += 2;
            } else if (line.startsWith("\"\"\"", i)) {
                inTextBlock = true;
                i += 3;
            } else if (c == '"' || c == '\'') {
                i = skipLiteral(line, i + 1, c);
            } else {
                if (c == '{' || c == '(' || c == '[') {
                    depth++;
                } else if ((c == '}' || c == ')' || c == ']') && depth > 0) {
                    depth--;
                }
                i++;
            }
        }
    }

    private static int skipLiteral(String line, int i, char quote) {
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == quote) {
                return i + 1;
            } else {
                i++;
            }
        }
        return i;
    }
}
