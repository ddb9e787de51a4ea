package dev.muonlab.jupyter.kernel;

/**
 * The indent a console should offer after incomplete code (Jupyter's {@code is_complete} reply with status
 * {@code incomplete}): the last line's indent, plus four spaces if that line opens a block or a parenthesis.
 * Pure.
 */
final class IndentRules {

    static final String STEP = "    ";

    private IndentRules() {
    }

    /**
     * @param incomplete source that JShell considers incomplete
     * @return the indent for the next line
     */
    static String continuationIndent(String incomplete) {
        String text = incomplete.stripTrailing();
        int nl = text.lastIndexOf('\n');
        String last = text.substring(nl + 1);
        int i = 0;
        while (i < last.length() && (last.charAt(i) == ' ' || last.charAt(i) == '\t')) {
            i++;
        }
        String indent = last.substring(0, i);
        int open = 0;
        for (char c : last.toCharArray()) {
            if (c == '{' || c == '(') {
                open++;
            } else if ((c == '}' || c == ')') && open > 0) {
                open--;
            }
        }
        return open > 0 ? indent + STEP : indent;
    }
}
