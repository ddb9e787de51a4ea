package dev.muonlab.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.muonlab.scaling.ComputeFrontier.Point;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link ComputeFrontier}: a made-up set worked by hand, and the Pareto definition on random sets. */
class ComputeFrontierTest {

    @Test
    void madeUpSetKeepsTheStaircase() {
        List<Point> points = List.of(new Point(1, 5), new Point(2, 4), new Point(2, 3.5), new Point(3, 3.4),
                new Point(4, 3.0), new Point(4, 3.0), new Point(5, 3.2), new Point(6, 2.9), new Point(0.5, 6));
        // (2, 4): beaten by (2, 3.5); second (4, 3.0): a duplicate; (5, 3.2): beaten by (4, 3.0).
        // (3, 3.4) lies above the chord from (2, 3.5) to (4, 3.0) (3.25 at C = 3) and stays: not a convex hull.
        List<Point> expected = List.of(new Point(0.5, 6), new Point(1, 5), new Point(2, 3.5), new Point(3, 3.4),
                new Point(4, 3.0), new Point(6, 2.9));
        assertEquals(expected, ComputeFrontier.of(points));
    }

    @Test
    void frontierIsExactlyTheParetoMinimalPoints() {
        Random rng = new Random(11);
        for (int trial = 0; trial < 50; trial++) {
            List<Point> points = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                points.add(new Point(1 + rng.nextInt(10), 2 + rng.nextInt(12) * 0.25));   // ties on both axes
            }
            List<Point> frontier = ComputeFrontier.of(points);
            for (Point p : points) {
                boolean dominated = points.stream().anyMatch(q -> q.compute() <= p.compute() && q.loss() <= p.loss()
                        && (q.compute() < p.compute() || q.loss() < p.loss()));
                assertEquals(!dominated, frontier.contains(p), "trial " + trial + " point " + p);
            }
            for (int i = 1; i < frontier.size(); i++) {
                assertTrue(frontier.get(i).compute() > frontier.get(i - 1).compute());
                assertTrue(frontier.get(i).loss() < frontier.get(i - 1).loss());
            }
        }
    }
}
