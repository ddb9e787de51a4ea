package dev.muonlab.jupyter.render;

import org.dflib.jjava.jupyter.kernel.display.RenderContext;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.Locale;

/**
 * Renders ND4J arrays: {@code text/plain} through {@link NDArrayText} (shape, dtype, values,
 * summarised when large, correct for strided views), and {@code text/html} as a table for small
 * 1-D and 2-D arrays, or otherwise as a summary (shape, dtype, min, max, mean, Frobenius norm) above
 * the summarised text, so a 1000×1000 gradient shows its scale without flooding the notebook.
 */
public final class NDArrayRenderer {

    /** Largest 2-D array shown as a full table: rows. */
    public static final int MAX_TABLE_ROWS = 30;
    /** Largest array shown as a full table: columns (a 1-D array is one row). */
    public static final int MAX_TABLE_COLUMNS = 20;

    private NDArrayRenderer() {
    }

    /** Registers the renderer for every {@link INDArray} implementation. Modifies {@code renderer}. */
    public static void register(Renderer renderer) {
        renderer.createRegistration(INDArray.class)
                .preferring(MIMEType.TEXT_HTML, MIMEType.TEXT_PLAIN)
                .register(NDArrayRenderer::render);
    }

    private static void render(INDArray array, RenderContext context) {
        context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> NDArrayText.format(array));
        context.renderIfRequested(MIMEType.TEXT_HTML, () -> html(array));
    }

    /**
     * @param array any array, view or not. Not modified.
     * @return an HTML table of all values when small (see {@link #MAX_TABLE_ROWS}), a summary otherwise
     */
    public static String html(INDArray array) {
        String caption = "<caption style=\"text-align:left\">" + Html.escape(NDArrayText.dtype(array)) + " "
                + Arrays.toString(array.shape()) + "</caption>";
        if (fitsTable(array)) {
            return table(array, caption);
        }
        StringBuilder out = new StringBuilder("<table class=\"muonlab-ndarray-summary\">").append(caption);
        row(out, "shape", Arrays.toString(array.shape()));
        row(out, "dtype", NDArrayText.dtype(array));
        row(out, "elements", Long.toString(array.length()));
        if (!array.isEmpty() && isNumeric(array.dataType())) {
            row(out, "min", number(array.minNumber().doubleValue()));
            row(out, "max", number(array.maxNumber().doubleValue()));
            row(out, "mean", number(array.meanNumber().doubleValue()));
            row(out, "norm (Frobenius)", number(array.norm2Number().doubleValue()));
        }
        out.append("</table>\n<pre>").append(Html.escape(NDArrayText.values(array))).append("</pre>");
        return out.toString();
    }

    private static boolean fitsTable(INDArray array) {
        if (array.isEmpty() || array.dataType() == DataType.UTF8) {
            return false;
        }
        return switch (array.rank()) {
            case 1 -> array.length() <= MAX_TABLE_COLUMNS;
            case 2 -> array.rows() <= MAX_TABLE_ROWS && array.columns() <= MAX_TABLE_COLUMNS;
            default -> false;
        };
    }

    private static String table(INDArray array, String caption) {
        boolean vector = array.rank() == 1;
        long rows = vector ? 1 : array.rows();
        long columns = vector ? array.length() : array.columns();
        NDArrayText.NumberStyle style = NDArrayText.NumberStyle.of(array.dataType(), NDArrayText.printed(array, false));
        StringBuilder out = new StringBuilder("<table class=\"muonlab-ndarray\">").append(caption).append("<tr><th></th>");
        for (long j = 0; j < columns; j++) {
            out.append("<th>").append(j).append("</th>");
        }
        out.append("</tr>");
        for (long i = 0; i < rows; i++) {
            out.append("<tr><th>").append(i).append("</th>");
            for (long j = 0; j < columns; j++) {
                double value = vector ? array.getDouble(j) : array.getDouble(i, j);
                out.append("<td style=\"text-align:right\">").append(style.format(value).strip()).append("</td>");
            }
            out.append("</tr>");
        }
        return out.append("</table>").toString();
    }

    private static void row(StringBuilder out, String name, String value) {
        out.append("<tr><th style=\"text-align:left\">").append(Html.escape(name))
                .append("</th><td style=\"text-align:left\">").append(Html.escape(value)).append("</td></tr>");
    }

    private static boolean isNumeric(DataType type) {
        return type.isFPType() || type.isIntType();
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
