package dev.muonlab.scaling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The compute frontier of one optimizer's runs: the points (C, L) no other point beats on both
 * compute and loss, the lower envelope that scaling laws are fitted to (Kaplan et al. 2020, Fig. 1;
 * Hoffmann et al. 2022, approach 1: the minimum loss reached at each compute over models of several
 * sizes, each run's curve contributing its checkpoints).
 *
 * <p>Rule: a point (C, L) is on the frontier when no other point has C' ≤ C and L' ≤ L with one of
 * them strict (Pareto-minimal). Sorted by C ascending, that is: keep a point when its loss is
 * strictly below every loss at a smaller or equal compute; of points with equal C the lowest loss
 * is kept, once. This is the staircase envelope, not the convex hull: a point above the chord of its
 * neighbours stays.
 */
public final class ComputeFrontier {

    private ComputeFrontier() {
    }

    /**
     * A measurement: compute C (&gt; 0) and loss L.
     *
     * @param compute C, in the fit's unit
     * @param loss    L, in nats
     */
    public record Point(double compute, double loss) {
    }

    /**
     * @param points every checkpoint of every run of one optimizer. Not modified.
     * @return a new list: the frontier, by compute ascending (so loss strictly descending)
     */
    public static List<Point> of(List<Point> points) {
        Point[] sorted = points.toArray(new Point[0]);
        Arrays.sort(sorted, Comparator.comparingDouble(Point::compute).thenComparingDouble(Point::loss));
        List<Point> frontier = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        for (Point p : sorted) {
            if (p.loss() < best) {                       // first at each C is its lowest loss
                frontier.add(p);
                best = p.loss();
            }
        }
        return frontier;
    }

    /** @return the computes of {@code points} (not modified), in order */
    public static double[] computes(List<Point> points) {
        return points.stream().mapToDouble(Point::compute).toArray();
    }

    /** @return the losses of {@code points} (not modified), in order */
    public static double[] losses(List<Point> points) {
        return points.stream().mapToDouble(Point::loss).toArray();
    }
}
