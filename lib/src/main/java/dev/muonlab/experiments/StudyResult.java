package dev.muonlab.experiments;

import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * What a κ-sweep study returns.
 *
 * @param config  the configuration that produced it
 * @param curves  one row per recorded iteration: kappa, method, iteration, metric, loss
 * @param summary one row per run: kappa, method, itersToEps (−1: not reached), reached, iterations, finalMetric, diverged
 * @param modes   per recorded iteration and mode: kappa, method, iteration, mode, lambda, progress (may be empty)
 * @param loaded  true when read back from {@code data/results} instead of computed
 */
public record StudyResult<C>(C config, Table curves, Table summary, Table modes, boolean loaded) {

    /** @return the tables by file name, for {@link ResultStore} */
    public Map<String, Table> tables() {
        return Map.of("curves", curves, "summary", summary, "modes", modes);
    }

    /**
     * @return iterations to ε of one run, or −1 when it did not get there
     * @throws IllegalArgumentException when the run is not in the summary
     */
    public int itersToEps(double kappa, Method method) {
        for (int i = 0; i < summary.rowCount(); i++) {
            if (summary.doubleColumn("kappa").getDouble(i) == kappa
                    && summary.stringColumn("method").get(i).equals(method.label())) {
                return summary.intColumn("itersToEps").getInt(i);
            }
        }
        throw new IllegalArgumentException("no run for κ=" + kappa + ", " + method.label());
    }

    /**
     * @return iterations to ε as a wide table: one row per κ, one column per method (−1: not reached
     *         within the budget)
     */
    public Table iterationsByKappa() {
        java.util.List<Double> kappas = summary.doubleColumn("kappa").unique().asList();
        kappas.sort(null);
        java.util.List<String> methods = summary.stringColumn("method").unique().asList();
        methods.sort(null);
        Table wide = Table.create("iterations to ε", tech.tablesaw.api.DoubleColumn.create("κ"));
        for (String m : methods) {
            wide.addColumns(tech.tablesaw.api.IntColumn.create(m));
        }
        for (double k : kappas) {
            wide.doubleColumn(0).append(k);
            for (int j = 0; j < methods.size(); j++) {
                Table row = summary.where(summary.doubleColumn("kappa").isEqualTo(k)
                        .and(summary.stringColumn("method").isEqualTo(methods.get(j))));
                wide.intColumn(j + 1).append(row.rowCount() == 1 ? row.intColumn("itersToEps").getInt(0) : -1);
            }
        }
        return wide;
    }
}
