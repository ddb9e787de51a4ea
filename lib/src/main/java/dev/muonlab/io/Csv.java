package dev.muonlab.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Plain comma-separated matrices: one row per line, no header, numbers in any Java/NumPy float
 * syntax (including {@code nan}, {@code inf}, which the caller's checks then reject by name).
 * Read as DOUBLE; written with the shortest decimal that round-trips the stored type.
 */
public final class Csv {

    private Csv() {
    }

    /**
     * @return the (rows, cols) DOUBLE matrix in the file
     * @throws IOException naming the line for ragged rows, non-numbers, or an empty file
     */
    public static INDArray read(Path path) throws IOException {
        List<double[]> rows = new ArrayList<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.split(",");
            double[] row = new double[parts.length];
            for (int j = 0; j < parts.length; j++) {
                row[j] = parseNumber(parts[j].trim(), path, lineNo);
            }
            if (!rows.isEmpty() && row.length != rows.get(0).length) {
                throw new IOException(path + " line " + lineNo + ": " + row.length + " values, expected "
                        + rows.get(0).length + " like the first row");
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw new IOException(path + " is empty: no matrix rows");
        }
        return Nd4j.createFromArray(rows.toArray(new double[0][]));
    }

    /** Writes the 2-D matrix X, one row per line. X: not modified. */
    public static void write(Path path, INDArray X) throws IOException {
        if (X.rank() != 2) {
            throw new IllegalArgumentException("CSV holds 2-D matrices, got rank " + X.rank());
        }
        boolean floats = X.dataType() == DataType.FLOAT;
        try (BufferedWriter w = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
            for (long i = 0; i < X.rows(); i++) {
                StringBuilder sb = new StringBuilder();
                for (long j = 0; j < X.columns(); j++) {
                    if (j > 0) {
                        sb.append(',');
                    }
                    double v = X.getDouble(i, j);
                    sb.append(floats ? Float.toString((float) v) : Double.toString(v));
                }
                w.write(sb.toString());
                w.newLine();
            }
        }
    }

    private static double parseNumber(String s, Path path, int line) throws IOException {
        switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "nan":
                return Double.NaN;
            case "inf", "+inf", "infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf", "-infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                try {
                    return Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw new IOException(path + " line " + line + ": '" + s + "' is not a number");
                }
        }
    }
}
