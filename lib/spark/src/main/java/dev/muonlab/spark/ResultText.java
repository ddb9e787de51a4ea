package dev.muonlab.spark;

import dev.muonlab.sweep.RunResult;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * A {@link RunResult} as text, for its way back from a Spark task to the driver. Text and not Java
 * serialization: a result holds a Tablesaw table, and nothing of lib is made {@link java.io.Serializable}
 * for Spark's sake. The format carries what {@code RunStore} stores, in the same way: metrics as
 * {@link Double#toString} (exact), the curve as Tablesaw's CSV with its column types, so a result
 * that travelled is stored byte for byte as one computed on the driver.
 *
 * <pre>
 * metric&lt;TAB&gt;name&lt;TAB&gt;value      (one line per metric, in the result's order)
 * curve&lt;TAB&gt;TYPE,TYPE,...           (only when the run has a curve; the CSV follows to the end)
 * </pre>
 */
final class ResultText {

    private static final String METRIC = "metric\t";
    private static final String CURVE = "curve\t";

    private ResultText() {
    }

    /**
     * @param result the result. Not modified.
     * @return its text; modifies nothing
     * @throws IllegalArgumentException when a metric's name holds a tab or a line break
     */
    static String encode(RunResult result) {
        StringBuilder sb = new StringBuilder();
        result.metrics().forEach((name, value) -> {
            if (name.indexOf('\t') >= 0 || name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("a metric's name must be one line without tabs, got '" + name + "'");
            }
            sb.append(METRIC).append(name).append('\t').append(Double.toString(value)).append('\n');
        });
        Table curve = result.curve();
        if (curve != null) {
            List<String> types = new ArrayList<>();
            for (ColumnType t : curve.typeArray()) {
                types.add(t.name());
            }
            sb.append(CURVE).append(String.join(",", types)).append('\n');
            StringWriter csv = new StringWriter();
            curve.write().csv(csv);
            sb.append(csv);
        }
        return sb.toString();
    }

    /**
     * @param text {@link #encode}'s output. Not modified.
     * @return the result; modifies nothing
     * @throws IllegalArgumentException when a line is neither a metric nor the curve's header
     */
    static RunResult decode(String text) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        int at = 0;
        while (at < text.length()) {
            int end = text.indexOf('\n', at);
            String line = text.substring(at, end < 0 ? text.length() : end);
            at = end < 0 ? text.length() : end + 1;
            if (line.startsWith(METRIC)) {
                int tab = line.indexOf('\t', METRIC.length());
                metrics.put(line.substring(METRIC.length(), tab), Double.parseDouble(line.substring(tab + 1)));
            } else if (line.startsWith(CURVE)) {
                return new RunResult(metrics, readCurve(line.substring(CURVE.length()), text.substring(at)));
            } else {
                throw new IllegalArgumentException("a result's line is 'metric' or 'curve', got '" + line + "'");
            }
        }
        return new RunResult(metrics, null);
    }

    /** @return the curve from its CSV, with the given column types (as {@code RunStore} reads it) */
    private static Table readCurve(String typeList, String csv) {
        String[] names = typeList.split(",");
        ColumnType[] types = new ColumnType[names.length];
        for (int i = 0; i < names.length; i++) {
            types[i] = ColumnType.valueOf(names[i]);
        }
        return Table.read().usingOptions(CsvReadOptions.builder(new StringReader(csv)).columnTypes(types)
                .tableName("curve"));
    }
}
