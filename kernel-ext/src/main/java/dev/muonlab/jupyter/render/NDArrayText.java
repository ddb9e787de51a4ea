package dev.muonlab.jupyter.render;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.Locale;

/**
 * Formats an ND4J array as text in the style of NumPy's repr: nested brackets, one shared number
 * format, and arrays over {@link #THRESHOLD} elements summarised by their first and last
 * {@link #EDGE_ITEMS} entries along every axis.
 *
 * <p>Why not {@code INDArray.toString()}: in ND4J 1.0.0-M2.1 it mis-prints strided views (a
 * transpose, a column slice). Here every element is read with {@code getDouble(indices)}, which
 * honours strides, and only the printed elements are read, so a huge array costs nothing extra.
 */
public final class NDArrayText {

    /** Arrays with more elements than this are summarised (NumPy's default). */
    public static final long THRESHOLD = 1000;
    /** Entries kept at each end of a summarised axis (NumPy's default). */
    public static final int EDGE_ITEMS = 3;

    private NDArrayText() {
    }

    /** @return e.g. {@code "INDArray float [2, 3]"}: the first line of the text form */
    public static String header(INDArray array) {
        return "INDArray " + dtype(array) + " " + Arrays.toString(array.shape());
    }

    /** @return the data type's lower-case name, e.g. {@code "float"}, {@code "double"}, {@code "long"} */
    public static String dtype(INDArray array) {
        return array.dataType().name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param array any array, view or not. Not modified.
     * @return the header line, a newline, and the values
     */
    public static String format(INDArray array) {
        return header(array) + "\n" + values(array);
    }

    /** @return the values alone, e.g. {@code "[[1.0, 2.0],\n [3.0, 4.0]]"} */
    public static String values(INDArray array) {
        if (array.dataType() == DataType.UTF8) {
            return array.dup().toString();
        }
        if (array.isEmpty()) {
            return "[]";
        }
        long[] shape = array.shape();
        boolean summarise = array.length() > THRESHOLD;
        NumberStyle style = NumberStyle.of(array.dataType(), printed(array, summarise));
        StringBuilder out = new StringBuilder();
        if (shape.length == 0) {
            out.append(style.format(array.getDouble(0L)));
        } else {
            append(out, array, shape, new long[shape.length], 0, summarise, style);
        }
        return out.toString();
    }

    /**
     * @param array     a non-empty array. Not modified.
     * @param summarise keep only the edge items of long axes
     * @return the values that the text form shows, in print order
     */
    static double[] printed(INDArray array, boolean summarise) {
        long[] shape = array.shape();
        if (shape.length == 0) {
            return new double[] {array.getDouble(0L)};
        }
        long count = 1;
        for (long n : shape) {
            count *= summarise && n > 2L * EDGE_ITEMS ? 2L * EDGE_ITEMS : n;
        }
        double[] values = new double[Math.toIntExact(count)];
        long[] index = new long[shape.length];
        int k = 0;
        for (int filled = 0; filled < values.length; filled++) {
            values[k++] = array.getDouble(index);
            for (int axis = shape.length - 1; axis >= 0; axis--) {
                index[axis]++;
                boolean cut = summarise && shape[axis] > 2L * EDGE_ITEMS;
                if (cut && index[axis] == EDGE_ITEMS) {
                    index[axis] = shape[axis] - EDGE_ITEMS;
                }
                if (index[axis] < shape[axis]) {
                    break;
                }
                index[axis] = 0;
            }
        }
        return values;
    }

    private static void append(StringBuilder out, INDArray array, long[] shape, long[] index, int axis,
                               boolean summarise, NumberStyle style) {
        out.append('[');
        long n = shape[axis];
        boolean cut = summarise && n > 2L * EDGE_ITEMS;
        boolean last = axis == shape.length - 1;
        String separator = last ? ", " : "," + "\n".repeat(shape.length - axis - 1) + " ".repeat(axis + 1);
        for (long i = 0; i < n; i++) {
            if (cut && i == EDGE_ITEMS) {
                out.append("...").append(separator);
                i = n - EDGE_ITEMS;
            }
            index[axis] = i;
            if (last) {
                out.append(style.format(array.getDouble(index)));
            } else {
                append(out, array, shape, index, axis + 1, summarise, style);
            }
            if (i < n - 1) {
                out.append(separator);
            }
        }
        out.append(']');
    }

    /** One number format for all printed values, chosen from their range (as NumPy does). */
    /**
     * One number format for all printed values, chosen from their range as NumPy does: fixed point
     * with the fewest decimals (1 to 4) that shows every value to 4 decimals, or scientific notation
     * when values reach 1e6 or fall below 1e-4; right-aligned to a common width.
     */
    record NumberStyle(boolean integral, boolean bool, boolean scientific, int decimals, int width) {

        /** @param printed the values that will be printed (see {@link #printed}) */
        static NumberStyle of(DataType type, double[] printed) {
            boolean bool = type == DataType.BOOL;
            boolean integral = type.isIntType();
            double maxAbs = 0;
            double minAbs = Double.POSITIVE_INFINITY;
            int decimals = 1;
            for (double v : printed) {
                if (Double.isFinite(v) && v != 0) {
                    maxAbs = Math.max(maxAbs, Math.abs(v));
                    minAbs = Math.min(minAbs, Math.abs(v));
                    decimals = Math.max(decimals, decimalsNeeded(v));
                }
            }
            boolean scientific = !integral && !bool && (maxAbs >= 1e6 || minAbs < 1e-4);
            NumberStyle unpadded = new NumberStyle(integral, bool, scientific, decimals, 0);
            int width = 0;
            for (double v : printed) {
                width = Math.max(width, unpadded.format(v).length());
            }
            return new NumberStyle(integral, bool, scientific, decimals, width);
        }

        String format(double v) {
            String s;
            if (bool) {
                s = v != 0 ? "true" : "false";
            } else if (integral) {
                s = Long.toString((long) v);
            } else if (Double.isNaN(v)) {
                s = "nan";
            } else if (Double.isInfinite(v)) {
                s = v > 0 ? "inf" : "-inf";
            } else if (scientific) {
                s = String.format(Locale.ROOT, "%.4e", v);
            } else {
                s = String.format(Locale.ROOT, "%." + decimals + "f", v);
            }
            return width > s.length() ? " ".repeat(width - s.length()) + s : s;
        }

        /** @return how many of 4 decimals {@code v} needs (trailing zeros dropped), at least 1 */
        private static int decimalsNeeded(double v) {
            String fixed = String.format(Locale.ROOT, "%.4f", v);
            int decimals = 4;
            while (decimals > 1 && fixed.charAt(fixed.length() - 1 - (4 - decimals)) == '0') {
                decimals--;
            }
            return decimals;
        }
    }
}
