package dev.muonlab.gpt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** {@link WorkerThreads}: results in order, every task once, and no failure leaves a job running. */
class WorkerThreadsTest {

    @Test
    void eachJobsResultComesBackInOrder() {
        try (WorkerThreads threads = new WorkerThreads(3)) {
            List<Callable<Double>> jobs = List.of(() -> 1.0, () -> 2.0, () -> 3.0);
            assertArrayEquals(new double[] {1, 2, 3}, threads.runEach(jobs));
        }
    }

    @Test
    void aFailureOnTheCallingThreadWaitsForTheHelpersFirst() {
        AtomicBoolean helperDone = new AtomicBoolean();
        try (WorkerThreads threads = new WorkerThreads(2)) {
            List<Callable<Double>> jobs = List.of(
                    () -> {
                        throw new IllegalStateException("shard 0 failed");
                    },
                    () -> {
                        Thread.sleep(200);
                        helperDone.set(true);
                        return 0.0;
                    });
            var e = assertThrows(IllegalStateException.class, () -> threads.runEach(jobs));
            assertEquals("shard 0 failed", e.getMessage());
            assertTrue(helperDone.get(), "the helper's job must have finished before the failure is rethrown");
        }
    }

    @Test
    void aHelpersFailureIsRethrownAsItself() {
        try (WorkerThreads threads = new WorkerThreads(2)) {
            List<Callable<Double>> jobs = List.of(() -> 0.0, () -> {
                throw new ArithmeticException("shard 1 diverged");
            });
            assertEquals("shard 1 diverged", assertThrows(ArithmeticException.class, () -> threads.runEach(jobs)).getMessage());
        }
    }

    @Test
    void runAllRunsEveryTaskExactlyOnce() {
        int n = 100;
        AtomicIntegerArray runs = new AtomicIntegerArray(n);
        List<Runnable> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            tasks.add(() -> runs.incrementAndGet(index));
        }
        try (WorkerThreads threads = new WorkerThreads(4)) {
            threads.runAll(tasks);
        }
        for (int i = 0; i < n; i++) {
            assertEquals(1, runs.get(i), "task " + i);
        }
    }
}
