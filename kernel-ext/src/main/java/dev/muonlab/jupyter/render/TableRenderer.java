package dev.muonlab.jupyter.render;

import org.dflib.jjava.jupyter.kernel.display.RenderContext;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.NumberColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * Renders a Tablesaw {@link Table} as {@code text/plain} and {@code text/html}. A table of up to
 * {@link #MAX_ROWS} rows is shown whole; a longer one (a training log, a sweep) as its first and last
 * {@link #EDGE_ROWS} rows around a "…" row, with the row and column counts in the caption, so an
 * output never holds more than a screenful. Floating-point cells show {@value #DIGITS} significant
 * digits ({@code 0.1495}, not Tablesaw's {@code 0.14950000000000002}); other cells as Tablesaw prints them.
 */
public final class TableRenderer {

    /** Tables with at most this many rows are shown whole. */
    public static final int MAX_ROWS = 20;
    /** Rows shown at each end of a longer table. */
    public static final int EDGE_ROWS = 5;
    /** Significant digits of floating-point cells. */
    public static final int DIGITS = 6;

    private TableRenderer() {
    }

    /** Registers the renderer for {@link Table}. Modifies {@code renderer}. */
    public static void register(Renderer renderer) {
        renderer.createRegistration(Table.class)
                .preferring(MIMEType.TEXT_HTML, MIMEType.TEXT_PLAIN)
                .register(TableRenderer::render);
    }

    private static void render(Table table, RenderContext context) {
        context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> text(table));
        context.renderIfRequested(MIMEType.TEXT_HTML, () -> html(table));
    }

    /** @return e.g. {@code "losses: 1000 rows × 3 columns (first 5 and last 5 rows shown)"} */
    public static String caption(Table table) {
        String name = table.name() == null || table.name().isEmpty() ? "Table" : table.name();
        String counts = table.rowCount() + (table.rowCount() == 1 ? " row" : " rows") + " × "
                + table.columnCount() + (table.columnCount() == 1 ? " column" : " columns");
        return name + ": " + counts + (isCut(table) ? " (first " + EDGE_ROWS + " and last " + EDGE_ROWS + " rows shown)" : "");
    }

    /**
     * @param table the table. Not modified.
     * @return the caption, then aligned columns (header, rows, "…" where rows are left out)
     */
    public static String text(Table table) {
        int columns = table.columnCount();
        if (columns == 0) {
            return caption(table);
        }
        int[] rows = shownRows(table);
        String[][] cells = new String[rows.length + 1][columns];
        int[] width = new int[columns];
        for (int c = 0; c < columns; c++) {
            cells[0][c] = table.column(c).name();
            for (int r = 0; r < rows.length; r++) {
                cells[r + 1][c] = rows[r] < 0 ? "…" : cell(table, rows[r], c);
            }
            for (String[] row : cells) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        StringBuilder out = new StringBuilder(caption(table));
        for (String[] row : cells) {
            out.append('\n');
            for (int c = 0; c < columns; c++) {
                out.append(c == 0 ? "" : "  ").append(" ".repeat(width[c] - row[c].length())).append(row[c]);
            }
        }
        return out.toString();
    }

    /**
     * @param table the table. Not modified.
     * @return an HTML table: caption with counts, header with column types as tooltips, row numbers
     */
    public static String html(Table table) {
        StringBuilder out = new StringBuilder("<table class=\"muonlab-table\"><caption style=\"text-align:left\">")
                .append(Html.escape(caption(table))).append("</caption><thead><tr><th></th>");
        for (int c = 0; c < table.columnCount(); c++) {
            out.append("<th title=\"").append(Html.escape(table.column(c).type().name())).append("\">")
                    .append(Html.escape(table.column(c).name())).append("</th>");
        }
        out.append("</tr></thead><tbody>");
        for (int r : shownRows(table)) {
            if (r < 0) {
                out.append("<tr><th>…</th>").append("<td>…</td>".repeat(table.columnCount())).append("</tr>");
                continue;
            }
            out.append("<tr><th>").append(r).append("</th>");
            for (int c = 0; c < table.columnCount(); c++) {
                out.append("<td>").append(Html.escape(cell(table, r, c))).append("</td>");
            }
            out.append("</tr>");
        }
        return out.append("</tbody></table>").toString();
    }

    /** @return the cell as shown: floating-point numbers to {@value #DIGITS} significant digits */
    static String cell(Table table, int row, int column) {
        Column<?> col = table.column(column);
        if ((col instanceof DoubleColumn || col instanceof FloatColumn) && !col.isMissing(row)) {
            return number(((NumberColumn<?, ?>) col).getDouble(row));
        }
        return table.getString(row, column);
    }

    /** @return e.g. {@code "0.1495"}, {@code "2"}, {@code "1.23457e-07"}, {@code "NaN"} */
    static String number(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v == 0 ? "0" : Double.toString(v);
        }
        double a = Math.abs(v);
        if (a >= 1e-4 && a < 1e9) {
            return new BigDecimal(v).round(new MathContext(DIGITS)).stripTrailingZeros().toPlainString();
        }
        String[] parts = String.format(Locale.ROOT, "%." + (DIGITS - 1) + "e", v).split("e");
        String mantissa = parts[0].contains(".") ? parts[0].replaceAll("0+$", "").replaceAll("\\.$", "") : parts[0];
        return mantissa + "e" + parts[1];
    }

    private static boolean isCut(Table table) {
        return table.rowCount() > MAX_ROWS;
    }

    /** @return the row numbers to show, with -1 where the "…" row goes */
    private static int[] shownRows(Table table) {
        int n = table.rowCount();
        if (!isCut(table)) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] rows = new int[2 * EDGE_ROWS + 1];
        for (int i = 0; i < EDGE_ROWS; i++) {
            rows[i] = i;
            rows[EDGE_ROWS + 1 + i] = n - EDGE_ROWS + i;
        }
        rows[EDGE_ROWS] = -1;
        return rows;
    }
}
