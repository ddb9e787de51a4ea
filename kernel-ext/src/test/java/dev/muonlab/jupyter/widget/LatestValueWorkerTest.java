package dev.muonlab.jupyter.widget;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The debounce: latest value wins, the run in flight finishes, nothing queues. */
class LatestValueWorkerTest {

    private static final Executor WORKER = LatestValueWorker.singleThread("test-worker", null);

    @Test
    void aHundredSubmissionsDuringOneRunCostOneMoreRunWithTheLastValue() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> computed = new CopyOnWriteArrayList<>();
        LatestValueWorker<Integer> worker = new LatestValueWorker<>(v -> {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            computed.add(v);
        }, t -> { }, WORKER);
        worker.submit(0);
        assertTrue(started.await(5, TimeUnit.SECONDS));
        for (int v = 1; v <= 100; v++) {
            worker.submit(v);
        }
        release.countDown();
        assertTrue(worker.awaitIdle(5000));
        assertEquals(List.of(0, 100), computed, "the run in flight finished with its value, then only the latest ran");
        assertEquals(101, worker.submitted());
        assertEquals(2, worker.runs());
    }

    @Test
    void aFailingRunIsReportedAndTheWorkerGoesOn() throws Exception {
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        List<Integer> computed = new CopyOnWriteArrayList<>();
        LatestValueWorker<Integer> worker = new LatestValueWorker<>(v -> {
            if (v == 1) {
                throw new IllegalStateException("boom");
            }
            computed.add(v);
        }, errors::add, WORKER);
        worker.submit(1);
        assertTrue(worker.awaitIdle(5000));
        worker.submit(2);
        assertTrue(worker.awaitIdle(5000));
        assertEquals(List.of(2), computed);
        assertEquals("boom", errors.get(0).getMessage());
        assertEquals(2, worker.runs());
    }

    @Test
    void idleWorkerRunsEachValue() throws Exception {
        List<Integer> computed = new CopyOnWriteArrayList<>();
        LatestValueWorker<Integer> worker = new LatestValueWorker<>(computed::add, t -> { }, Runnable::run);
        worker.submit(1);
        worker.submit(2);
        assertTrue(worker.awaitIdle(0));
        assertEquals(List.of(1, 2), computed);
    }
}
