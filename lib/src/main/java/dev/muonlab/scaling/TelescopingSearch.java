package dev.muonlab.scaling;

import java.util.ArrayList;
import java.util.List;

/**
 * Telescoping search (Essential AI, arXiv 2505.02222, Algorithm 1) run against an objective: the
 * full grid at N_0, then at each doubling a grid with {@link Telescoping#stages}' points per
 * hyper-parameter, the same spacing h (a sub-mesh of the base mesh), centred on the previous stage's
 * best point. Hyper-parameters are in log units (e.g. log₂ lr, log₂ wd), so h is a factor per step.
 * No training here: the objective is any function of (point, width), for example a model of how
 * the loss depends on the hyper-parameters, to check that the search follows a drifting optimum.
 */
public final class TelescopingSearch {

    private TelescopingSearch() {
    }

    /** The loss of a run with hyper-parameters {@code x} (log units) at width {@code width}. */
    @FunctionalInterface
    public interface Objective {
        double loss(double[] x, long width);
    }

    /**
     * One stage's sweep.
     *
     * @param stage the stage's counts and cost
     * @param axes  [hyper-parameter] → the grid values, ascending
     * @param best  the grid point with the lowest loss (first in row-major order on ties)
     */
    public record Sweep(Telescoping.Stage stage, double[][] axes, double[] best) {
    }

    /** @return m values centre + h·(j − (m − 1)/2), j = 0 … m − 1 */
    public static double[] axis(double centre, double spacing, int m) {
        double[] a = new double[m];
        for (int j = 0; j < m; j++) {
            a[j] = centre + spacing * (j - (m - 1) / 2.0);
        }
        return a;
    }

    /**
     * @param centre    the centre of the full grid at N_0, one value per hyper-parameter (k = its length). Not modified.
     * @param spacing   h, the mesh step of every hyper-parameter, in log units
     * @param m         points per hyper-parameter at N_0
     * @param objective evaluated once per grid point and stage
     * @return the sweeps, from N_0 to N_c (a new list)
     */
    public static List<Sweep> run(long baseWidth, long finalWidth, double[] centre, double spacing, int m,
                                  Objective objective) {
        int k = centre.length;
        List<Sweep> out = new ArrayList<>();
        double[] previous = centre.clone();
        for (Telescoping.Stage stage : Telescoping.stages(baseWidth, finalWidth, k, m, Telescoping.WIDTH_SQUARED)) {
            double[][] axes = new double[k][];
            for (int i = 0; i < k; i++) {
                axes[i] = axis(previous[i], spacing, stage.points());
            }
            double[] best = argmin(axes, stage.width(), objective);
            out.add(new Sweep(stage, axes, best));
            previous = best;
        }
        return out;
    }

    /** @return the grid point with the lowest loss, visiting the grid in row-major order */
    private static double[] argmin(double[][] axes, long width, Objective objective) {
        int k = axes.length;
        int[] index = new int[k];
        double[] best = null;
        double bestLoss = Double.POSITIVE_INFINITY;
        while (true) {
            double[] x = new double[k];
            for (int i = 0; i < k; i++) {
                x[i] = axes[i][index[i]];
            }
            double loss = objective.loss(x, width);
            if (loss < bestLoss) {
                bestLoss = loss;
                best = x;
            }
            int i = k - 1;
            while (i >= 0 && ++index[i] == axes[i].length) {
                index[i--] = 0;
            }
            if (i < 0) {
                return best;
            }
        }
    }
}
