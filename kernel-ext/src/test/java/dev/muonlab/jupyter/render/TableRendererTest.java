package dev.muonlab.jupyter.render;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TableRendererTest {

    private static DisplayData render(Table table) {
        Renderer renderer = new Renderer();
        TableRenderer.register(renderer);
        return renderer.render(table);
    }

    private static Table losses(int rows) {
        int[] steps = IntStream.range(0, rows).toArray();
        double[] loss = IntStream.range(0, rows).mapToDouble(i -> 1.0 / (i + 1)).toArray();
        return Table.create("losses", IntColumn.create("step", steps), DoubleColumn.create("loss", loss));
    }

    @Test
    void floatingPointCellsShowSixSignificantDigits() {
        assertEquals("0.1495", TableRenderer.number(0.14950000000000002));
        assertEquals("0.728", TableRenderer.number(0.7280000000000001));
        assertEquals("2", TableRenderer.number(2.0));
        assertEquals("-1234.57", TableRenderer.number(-1234.5678));
        assertEquals("1.23457e-07", TableRenderer.number(1.2345678e-7));
        assertEquals("3e+12", TableRenderer.number(3e12));
        assertEquals("NaN", TableRenderer.number(Double.NaN));
        Table t = Table.create("t", DoubleColumn.create("x", new double[] {0.14950000000000002}));
        assertTrue(((String) render(t).getData(MIMEType.TEXT_HTML)).contains("<td>0.1495</td>"));
    }

    @Test
    void shortTableIsShownWhole() {
        DisplayData data = render(losses(3));
        // floating-point cells to six significant digits
        assertEquals("losses: 3 rows × 2 columns\nstep      loss\n   0         1\n   1       0.5\n   2  0.333333",
                data.getData(MIMEType.TEXT_PLAIN));
        String html = (String) data.getData(MIMEType.TEXT_HTML);
        assertEquals(3, count(body(html), "<tr><th>"));
        assertTrue(html.contains("<th title=\"INTEGER\">step</th><th title=\"DOUBLE\">loss</th>"), html);
    }

    @Test
    void longTableShowsHeadAndTailWithCounts() {
        DisplayData data = render(losses(100));
        String text = (String) data.getData(MIMEType.TEXT_PLAIN);
        String[] lines = text.split("\n");
        assertEquals("losses: 100 rows × 2 columns (first 5 and last 5 rows shown)", lines[0]);
        assertEquals(1 + 1 + 5 + 1 + 5, lines.length, text);
        assertEquals("   4        0.2", lines[6]);
        assertEquals("   …          …", lines[7]);
        assertEquals("  95  0.0104167", lines[8]);
        assertEquals("  99       0.01", lines[12]);
        assertFalse(text.contains(" 50 "), "middle rows are left out");

        String html = (String) data.getData(MIMEType.TEXT_HTML);
        assertTrue(html.contains("100 rows × 2 columns (first 5 and last 5 rows shown)"), html);
        assertEquals(11, count(body(html), "<tr><th>"), "5 head rows, the … row, 5 tail rows");
        assertTrue(html.contains("<tr><th>…</th><td>…</td><td>…</td></tr>"), html);
        assertTrue(html.contains("<tr><th>99</th><td>99</td>"), html);
    }

    @Test
    void cellTextIsEscaped() {
        Table table = Table.create("t", StringColumn.create("name", "<b>x</b> & 'y'"));
        String html = (String) render(table).getData(MIMEType.TEXT_HTML);
        assertTrue(html.contains("<td>&lt;b&gt;x&lt;/b&gt; &amp; &#39;y&#39;</td>"), html);
    }

    private static String body(String html) {
        return html.substring(html.indexOf("<tbody>"));
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
