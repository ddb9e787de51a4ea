package dev.muonlab.jupyter.render;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NDArrayRendererTest {

    private static final Renderer RENDERER = new Renderer();
    /** Summary statistics are printed with 6 significant digits. */
    private static final double STAT_TOLERANCE = 1e-5;

    @BeforeAll
    static void register() {
        NDArrayRenderer.register(RENDERER);
    }

    private static String text(INDArray a) {
        return (String) RENDERER.render(a).getData(MIMEType.TEXT_PLAIN);
    }

    private static String html(INDArray a) {
        return (String) RENDERER.render(a).getData(MIMEType.TEXT_HTML);
    }

    @Test
    void smallMatrixGivesShapeDtypeValuesAndATable() {
        INDArray a = Nd4j.create(new double[][] {{1, 2.5, 3}, {4, 5, -6}});
        DisplayData data = RENDERER.render(a);
        assertEquals("INDArray double [2, 3]\n[[ 1.0,  2.5,  3.0],\n [ 4.0,  5.0, -6.0]]", data.getData(MIMEType.TEXT_PLAIN));
        String html = (String) data.getData(MIMEType.TEXT_HTML);
        assertEquals(6, count(html, "<td"));
        assertTrue(html.contains(">2.5</td>") && html.contains(">-6.0</td>"), html);
        assertTrue(html.contains("double [2, 3]"), html);
    }

    @Test
    void stridedViewsPrintTheirOwnValues() {
        INDArray a = Nd4j.arange(12).castTo(DataType.FLOAT).reshape(3, 4); // [[0..3],[4..7],[8..11]]
        INDArray column = a.get(NDArrayIndex.all(), NDArrayIndex.point(1)); // stride 4
        assertTrue(column.isView());
        assertEquals("INDArray float [3]\n[1.0, 5.0, 9.0]", text(column));
        INDArray transposed = a.transpose(); // (4, 3), Fortran-order view
        assertTrue(text(transposed).endsWith("[[ 0.0,  4.0,  8.0],\n [ 1.0,  5.0,  9.0],\n [ 2.0,  6.0, 10.0],\n [ 3.0,  7.0, 11.0]]"),
                text(transposed));
        INDArray everyOther = a.get(NDArrayIndex.interval(0, 2, 3), NDArrayIndex.interval(1, 2, 4)); // rows 0,2; cols 1,3
        assertTrue(text(everyOther).endsWith("[[ 1.0,  3.0],\n [ 9.0, 11.0]]"), text(everyOther));
        assertTrue(html(everyOther).contains(">9.0</td><td style=\"text-align:right\">11.0</td>"), html(everyOther));
    }

    @Test
    void largeArraysAreSummarisedWithCorrectStatisticsEvenForViews() {
        INDArray a = Nd4j.arange(10_000).castTo(DataType.DOUBLE).reshape(100, 100); // a[i][j] = 100 i + j
        String text = text(a);
        assertTrue(text.startsWith("INDArray double [100, 100]\n[[   0.0,    1.0,    2.0, ...,   97.0,   98.0,   99.0],"), text);
        assertTrue(text.contains(" ...,\n"), text);
        assertTrue(text.endsWith("[9900.0, 9901.0, 9902.0, ..., 9997.0, 9998.0, 9999.0]]"), text);
        assertEquals(36, count(text, ".0"), "6 x 6 edge values are printed");

        // rows 0..49, every second column: a strided view of 2500 elements
        INDArray view = a.get(NDArrayIndex.interval(0, 50), NDArrayIndex.interval(0, 2, 100));
        assertTrue(view.isView());
        String html = html(view);
        assertFalse(html.contains("<td style=\"text-align:right\">"), "no full table for 2500 elements");
        double sum = 0;
        double sumSquares = 0;
        for (int i = 0; i < 50; i++) {
            for (int j = 0; j < 100; j += 2) {
                double v = 100 * i + j;
                sum += v;
                sumSquares += v * v;
            }
        }
        assertEquals(0, stat(html, "min"), STAT_TOLERANCE);
        assertEquals(4998, stat(html, "max"), STAT_TOLERANCE * 4998);
        assertEquals(sum / 2500, stat(html, "mean"), STAT_TOLERANCE * sum / 2500);
        assertEquals(Math.sqrt(sumSquares), stat(html, "norm \\(Frobenius\\)"), STAT_TOLERANCE * Math.sqrt(sumSquares));
        assertTrue(html.contains("[[   0.0,    2.0,    4.0, ..., 94.0") || html.contains("[[   0.0,    2.0,    4.0, ...,   94.0"), html);
    }

    @Test
    void integerBooleanScalarThreeDimensionalAndTinyValues() {
        assertEquals("INDArray long [3]\n[ 7, -1, 10]", text(Nd4j.createFromArray(7L, -1L, 10L)));
        assertEquals("INDArray bool [2]\n[ true, false]", text(Nd4j.createFromArray(true, false)));
        assertEquals("INDArray double []\n2.5", text(Nd4j.scalar(2.5)));
        String cube = text(Nd4j.arange(8).castTo(DataType.INT).reshape(2, 2, 2));
        assertEquals("INDArray int [2, 2, 2]\n[[[0, 1],\n  [2, 3]],\n\n [[4, 5],\n  [6, 7]]]", cube);
        assertEquals("INDArray double [3]\n[ 0.7400, -0.0944,  2.0000]", text(Nd4j.createFromArray(0.74, -0.0944, 2.0)),
                "one number of decimals for all values");
        assertEquals("INDArray double [2]\n[1.0000e-06, 2.0000e+00]", text(Nd4j.createFromArray(1e-6, 2.0)));
        assertEquals("INDArray double [3]\n[ nan,  1.0, -inf]", text(Nd4j.createFromArray(Double.NaN, 1.0, Double.NEGATIVE_INFINITY)));
    }

    private static double stat(String html, String name) {
        Matcher m = Pattern.compile("<th style=\"text-align:left\">" + name + "</th><td style=\"text-align:left\">([^<]+)</td>").matcher(html);
        assertTrue(m.find(), name + " missing in " + html);
        return Double.parseDouble(m.group(1));
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
