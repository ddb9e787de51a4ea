package dev.muonlab.ns;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What each pre-scaling does to the small singular values, for notebook 01's table (issue 19): for one
 * matrix G and one schedule, the extreme singular values of X₀ (after pre-scaling) and of the NS output,
 * per pre-scaling. Why it matters: NS inflates σ roughly by the schedule's slope at 0 per step, so a
 * pre-scaling that starts σ_min larger (Schatten-4 ≤ Frobenius divisor; AOL's row rescaling) needs fewer
 * steps; spectral divides by ≈ σ_max, the least possible. Computed in fp64 with exact SVDs.
 */
public final class PrescaleComparison {

    /**
     * One pre-scaling's row.
     *
     * @param normalization the pre-scaling
     * @param startMin      σ_min(X₀)
     * @param startMax      σ_max(X₀)
     * @param endMin        σ_min of the NS output
     * @param endMax        σ_max of the NS output
     */
    public record Row(Normalization normalization, double startMin, double startMax, double endMin, double endMax) {
    }

    private PrescaleComparison() {
    }

    /** @return Frobenius (Keller), spectral (power iteration), Schatten-4 and AOL */
    public static List<Normalization> standard() {
        return List.of(Normalization.keller(), Normalization.spectral(), Normalization.schatten4(), Normalization.aol());
    }

    /**
     * @param G        (m, n) matrix. Not modified.
     * @param schedule the NS schedule run after each pre-scaling
     * @return one row per pre-scaling, in the given order
     */
    public static List<Row> table(INDArray G, Schedule schedule, List<Normalization> normalizations) {
        INDArray D = G.castTo(DataType.DOUBLE);
        List<Row> rows = new ArrayList<>();
        for (Normalization n : normalizations) {
            INDArray X0 = n.kind() == Normalization.Kind.AOL ? AolPrescale.apply(D, n.param())
                    : D.div(n.divisor(D, Precision.FP64));
            double[] s0 = ExactPolar.singularValues(X0).toDoubleVector();
            INDArray out = new NsConfig(schedule, n, Precision.FP64).orthogonalizer().orthogonalize(D);
            double[] s1 = ExactPolar.singularValues(out).toDoubleVector();
            rows.add(new Row(n, min(s0), max(s0), min(s1), max(s1)));
        }
        return rows;
    }

    /** @return the rows as a table: pre-scaling, σ_min and σ_max before NS (of X₀) and after */
    public static tech.tablesaw.api.Table asTable(List<Row> rows) {
        tech.tablesaw.api.Table t = tech.tablesaw.api.Table.create("pre-scaling",
                tech.tablesaw.api.StringColumn.create("pre-scaling", rows.stream().map(r -> r.normalization().kind().name().toLowerCase()).toList()));
        t.addColumns(tech.tablesaw.api.DoubleColumn.create("σ_min of X₀", rows.stream().mapToDouble(Row::startMin)),
                tech.tablesaw.api.DoubleColumn.create("σ_max of X₀", rows.stream().mapToDouble(Row::startMax)),
                tech.tablesaw.api.DoubleColumn.create("σ_min after NS", rows.stream().mapToDouble(Row::endMin)),
                tech.tablesaw.api.DoubleColumn.create("σ_max after NS", rows.stream().mapToDouble(Row::endMax)));
        return t;
    }

    private static double min(double[] v) {
        return java.util.Arrays.stream(v).min().orElse(0);
    }

    private static double max(double[] v) {
        return java.util.Arrays.stream(v).max().orElse(0);
    }
}
