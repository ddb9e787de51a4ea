package dev.muonlab.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class SweepRunnerTest {

    @Test
    void resultsComeBackInTaskOrderAndProgressReachesTheTotal() {
        List<SweepRunner.Task<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            int id = i;
            tasks.add(new SweepRunner.Task<>("run " + i, 10, advance -> {
                for (int s = 0; s < 3; s++) {
                    advance.accept(2);
                }
                return id * id;
            }));
        }
        List<long[]> events = Collections.synchronizedList(new ArrayList<>());
        List<Integer> finished = Collections.synchronizedList(new ArrayList<>());
        List<Integer> results = SweepRunner.run(tasks, 3, (done, total, msg) -> events.add(new long[]{done, total}),
                finished::add);
        assertEquals(List.of(0, 1, 4, 9, 16, 25, 36), results);
        assertEquals(7, finished.size());
        long[] last = events.stream().max((a, b) -> Long.compare(a[0], b[0])).orElseThrow();
        assertEquals(70, last[0]);
        assertEquals(70, last[1]);
        assertTrue(events.stream().allMatch(e -> e[0] <= e[1]));
    }

    @Test
    void aFailingRunFailsTheSweepWithItsCause() {
        List<SweepRunner.Task<Integer>> tasks = List.of(new SweepRunner.Task<>("bad", 1, advance -> {
            throw new ArithmeticException("boom");
        }));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SweepRunner.run(tasks, 2, (a, b, c) -> { }, r -> { }));
        assertTrue(e.getCause() instanceof ArithmeticException);
    }
}
