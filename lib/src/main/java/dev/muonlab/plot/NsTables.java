package dev.muonlab.plot;

import dev.muonlab.ns.ExactPolar;
import dev.muonlab.ns.NewtonSchulzOrthogonalizer;
import dev.muonlab.ns.Normalization;
import dev.muonlab.ns.NsConfig;
import dev.muonlab.ns.NsDiagnostics;
import dev.muonlab.ns.Precision;
import dev.muonlab.ns.Schedule;
import dev.muonlab.theory.KimOh;
import dev.muonlab.theory.ScalarMaps;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The data behind notebook 01's charts, as Tablesaw tables in long format (one row per point,
 * a "schedule" column to group by), so a chart is a view of a table and a table can be shown,
 * filtered or saved as it is. Everything here is computed by the tested ns and theory code.
 */
public final class NsTables {

    private NsTables() {
    }

    /** @return columns schedule, step (0 = input), sigma, value: each step's composite map on a log grid of [lo, 1] */
    public static Table scalarMaps(List<Schedule> schedules, double lo, int points) {
        Table t = Table.create("scalar maps", StringColumn.create("schedule"), IntColumn.create("step"),
                DoubleColumn.create("sigma"), DoubleColumn.create("value"));
        double[] grid = ScalarMaps.logGrid(lo, 1, points);
        for (Schedule s : schedules) {
            double[][] tr = ScalarMaps.trajectories(s, grid);
            for (int step = 0; step < tr.length; step++) {
                for (int i = 0; i < grid.length; i++) {
                    t.stringColumn("schedule").append(s.name());
                    t.intColumn("step").append(step);
                    t.doubleColumn("sigma").append(grid[i]);
                    t.doubleColumn("value").append(tr[step][i]);
                }
            }
        }
        return t;
    }

    /**
     * @return columns schedule, q, error: worst-case error max |1 − p(σ)| on [lower, 1] after q = 1 …
     * maxSteps steps of each schedule ({@link Schedule#withSteps}), on a log grid of the given size
     */
    public static Table errorVsSteps(List<Schedule> schedules, int maxSteps, double lower, int points) {
        Table t = Table.create("worst-case error", StringColumn.create("schedule"), IntColumn.create("q"),
                DoubleColumn.create("error"));
        for (Schedule s : schedules) {
            for (int q = 1; q <= maxSteps; q++) {
                t.stringColumn("schedule").append(baseName(s));
                t.intColumn("q").append(q);
                t.doubleColumn("error").append(ScalarMaps.worstCaseError(s.withSteps(q), lower, points));
            }
        }
        return t;
    }

    /**
     * @return columns schedule, q, error: Kim &amp; Oh's bound on the polar error of the Taylor
     * family, ε_q ≤ 1 − sqrt(1 − δ₀^{(κ+1)^q}) with δ₀ = 1 − ℓ² (Theorem 2), named "bound κ=K"
     */
    public static Table kimOhBounds(int[] kappas, int maxSteps, double lower) {
        Table t = Table.create("Kim & Oh bound", StringColumn.create("schedule"), IntColumn.create("q"),
                DoubleColumn.create("error"));
        double delta0 = 1 - lower * lower;
        for (int kappa : kappas) {
            for (int q = 1; q <= maxSteps; q++) {
                t.stringColumn("schedule").append("bound κ=" + kappa);
                t.intColumn("q").append(q);
                t.doubleColumn("error").append(KimOh.polarErrorBound(kappa, delta0, q));
            }
        }
        return t;
    }

    /** @return columns delta0, then one column "κ=K q=Q" per pair: Theorem 2's χ_q bound */
    public static Table chiTable(double[] delta0s, int[] kappas, int[] qs) {
        Table t = Table.create("χ_q bound (Kim & Oh Theorem 2)", DoubleColumn.create("delta0", delta0s));
        for (int kappa : kappas) {
            for (int q : qs) {
                DoubleColumn c = DoubleColumn.create("κ=" + kappa + " q=" + q);
                for (double d : delta0s) {
                    c.append(KimOh.chiBound(kappa, d, q));
                }
                t.addColumns(c);
            }
        }
        return t;
    }

    /** A test matrix: size and spectrum (singular values log-spaced from sigmaMin to 1). */
    public record MatrixSpec(int rows, int cols, double sigmaMin, long seed) {
    }

    /** @return U diag(σ) Vᵀ (rows, cols), DOUBLE, with random orthonormal U, V from the seed */
    public static INDArray matrixWithSpectrum(MatrixSpec spec) {
        int r = Math.min(spec.rows(), spec.cols());
        double[] s = r == 1 ? new double[] {1} : ScalarMaps.logGrid(spec.sigmaMin(), 1, r);
        Random random = new Random(spec.seed());
        INDArray U = ExactPolar.polar(gaussian(random, spec.rows(), r));   // (rows, r)
        INDArray V = ExactPolar.polar(gaussian(random, spec.cols(), r));   // (cols, r)
        return U.mulRowVector(Nd4j.createFromArray(s)).mmul(V.transpose());
    }

    /**
     * Runs every schedule (once per name) in every precision on the matrix. Returns two tables: [0] singular values
     * (schedule, precision, sigmaIn = σ/‖G‖_F, sigmaOut) and [1] a summary (schedule, precision,
     * distance = ‖X − UVᵀ‖_F/‖UVᵀ‖_F, polarError ε, residual δ, products, gflops, ms).
     */
    public static Table[] matrixStudy(INDArray G, List<Schedule> schedules, List<Precision> precisions) {
        Table sv = Table.create("singular values", StringColumn.create("schedule"), StringColumn.create("precision"),
                DoubleColumn.create("sigmaIn"), DoubleColumn.create("sigmaOut"));
        Table sum = Table.create("orthogonalization summary", StringColumn.create("schedule"), StringColumn.create("precision"),
                DoubleColumn.create("distance"), DoubleColumn.create("polarError"), DoubleColumn.create("residual"),
                IntColumn.create("products"), DoubleColumn.create("gflops"), DoubleColumn.create("ms"));
        double fro = Normalization.frobenius(G);
        double[] in = ExactPolar.singularValues(G).toDoubleVector();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Schedule s : schedules) {
            if (!seen.add(s.name())) {
                continue; // the same schedule listed twice (e.g. the user's choice is also a reference)
            }
            for (Precision p : precisions) {
                NewtonSchulzOrthogonalizer o = new NsConfig(s, Normalization.keller(), p).orthogonalizer();
                INDArray Gp = G.castTo(p.storageType());
                o.orthogonalize(Gp); // warm-up: buffers and JIT
                long t0 = System.nanoTime();
                INDArray X = o.orthogonalize(Gp);
                double ms = (System.nanoTime() - t0) / 1e6;
                NsDiagnostics d = NsDiagnostics.of(G, X.castTo(DataType.DOUBLE), s);
                double[] out = d.singularValues();
                for (int i = 0; i < in.length; i++) {
                    sv.stringColumn("schedule").append(s.name());
                    sv.stringColumn("precision").append(p.name());
                    sv.doubleColumn("sigmaIn").append(in[i] / fro);
                    sv.doubleColumn("sigmaOut").append(out[i]);
                }
                sum.stringColumn("schedule").append(s.name());
                sum.stringColumn("precision").append(p.name());
                sum.doubleColumn("distance").append(d.relativeDistance());
                sum.doubleColumn("polarError").append(d.polarError());
                sum.doubleColumn("residual").append(d.orthogonalityResidual());
                sum.intColumn("products").append(d.matrixProducts());
                sum.doubleColumn("gflops").append(d.flops() / 1e9);
                sum.doubleColumn("ms").append(ms);
            }
        }
        return new Table[] {sv, sum};
    }

    private static INDArray gaussian(Random random, int rows, int cols) {
        double[][] v = new double[rows][cols];
        for (double[] row : v) {
            for (int j = 0; j < cols; j++) {
                row[j] = random.nextGaussian();
            }
        }
        return Nd4j.createFromArray(v);
    }

    private static String baseName(Schedule s) {
        String n = s.name();
        int x = n.lastIndexOf('×');
        return x < 0 ? n : n.substring(0, x);
    }
}
