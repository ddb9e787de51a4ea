package dev.muonlab.jupyter.kernel;

import jdk.jshell.SourceCodeAnalysis;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

import java.util.List;

/**
 * Formats what JShell knows about an expression (signatures, Javadoc, type) as text/plain and text/html.
 *
 * <p>Javadoc comes from the JDK's {@code lib/src.zip} (and from source jars on the class path); when it is missing
 * (Debian's JDK 17 without {@code openjdk-17-source}) the signatures alone are still shown, with a hint.
 */
final class InspectionFormatter {

    static final String NO_JAVADOC = "(Javadoc not available: the JDK sources, lib/src.zip, are not installed)";

    private InspectionFormatter() {
    }

    /**
     * @param expr   the inspected expression
     * @param docs   JShell's documentation entries. Not modified.
     * @param type   the expression's type, or null
     * @param detail whether to show every overload's Javadoc (otherwise only the first)
     * @return the bundle, or null if there is nothing to show
     */
    static DisplayData format(String expr, List<SourceCodeAnalysis.Documentation> docs, String type, boolean detail) {
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder();
        if (!docs.isEmpty()) {
            boolean anyJavadoc = false;
            for (SourceCodeAnalysis.Documentation d : docs) {
                text.append(d.signature()).append('\n');
                html.append("<code>").append(escape(d.signature())).append("</code><br/>\n");
            }
            for (SourceCodeAnalysis.Documentation d : docs) {
                if (d.javadoc() != null && !d.javadoc().isBlank()) {
                    anyJavadoc = true;
                    text.append('\n').append(d.signature()).append('\n').append(d.javadoc().strip()).append('\n');
                    html.append("<hr/><code>").append(escape(d.signature())).append("</code><pre>")
                            .append(escape(d.javadoc().strip())).append("</pre>\n");
                    if (!detail) {
                        break;
                    }
                }
            }
            if (!anyJavadoc) {
                text.append('\n').append(NO_JAVADOC).append('\n');
                html.append("<p><i>").append(escape(NO_JAVADOC)).append("</i></p>\n");
            }
        } else if (type != null && !type.isBlank()) {
            text.append(expr).append(" : ").append(type).append('\n');
            html.append("<code>").append(escape(expr)).append(" : ").append(escape(type)).append("</code>\n");
        } else {
            return null;
        }
        DisplayData data = new DisplayData(text.toString().strip());
        data.putHTML(html.toString());
        return data;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
