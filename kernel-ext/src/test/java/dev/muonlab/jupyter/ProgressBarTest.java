package dev.muonlab.jupyter;

import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressBarTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void showsFractionRateAndEtaAtZeroHalfAndFull() {
        RecordingSink sink = new RecordingSink(new Renderer());
        AtomicLong clock = new AtomicLong(0);
        ProgressBar bar = new ProgressBar(sink, "κ sweep", clock::get, ProgressBar.MIN_INTERVAL_NANOS);

        RecordingSink.Published start = sink.last();
        assertEquals("display_data", start.kind());
        assertEquals(bar.id(), start.id());
        assertEquals("κ sweep: starting", start.text());
        assertTrue(start.html().contains("<progress style="), "an indeterminate bar before the first report");

        clock.set(SECOND);
        bar.onProgress(0, 10, "lr=0.02");
        assertEquals("κ sweep: 0% (0/10) · ETA ? · lr=0.02", sink.last().text());
        assertTrue(sink.last().html().contains("<progress value=\"0\" max=\"10\""), sink.last().html());

        clock.set(2 * SECOND);
        bar.onProgress(5, 10, "lr=0.05");
        RecordingSink.Published half = sink.last();
        assertEquals("update_display_data", half.kind());
        assertEquals(bar.id(), half.id(), "updated in place");
        assertEquals("κ sweep: 50% (5/10) · 2.50 it/s · ETA 2 s · lr=0.05", half.text());
        assertTrue(half.html().contains("<progress value=\"5\" max=\"10\""), half.html());
        assertTrue(half.html().contains("50% (5/10) · 2.50 it/s · ETA 2 s · lr=0.05"), half.html());

        clock.set(4 * SECOND);
        bar.onProgress(10, 10, "");
        assertEquals("κ sweep: 100% (10/10) · 2.50 it/s · done in 4 s", sink.last().text());
        assertTrue(sink.last().html().contains("<progress value=\"10\" max=\"10\""));
    }

    @Test
    void manyFastReportsAreRateLimitedButTheFinalStateIsAlwaysShown() {
        RecordingSink sink = new RecordingSink(new Renderer());
        AtomicLong clock = new AtomicLong(0);
        ProgressBar bar = new ProgressBar(sink, "steps", clock::get, ProgressBar.MIN_INTERVAL_NANOS);
        for (int i = 1; i <= 1000; i++) {
            clock.addAndGet(1_000_000); // 1 ms per step: 1000 steps in 1 s
            bar.onProgress(i, 1000, "step " + i);
        }
        int published = sink.published().size();
        assertTrue(published <= 1 + 10 + 1, "at most ten updates per second, got " + published);
        assertTrue(published >= 10, "still updates while running, got " + published);
        assertEquals("steps: 100% (1000/1000) · 1000.00 it/s · done in 1 s · step 1000", sink.last().text());
    }

    @Test
    void aReportHeldBackByTheRateLimitIsPublishedByTheTimer() throws InterruptedException {
        RecordingSink sink = new RecordingSink(new Renderer());
        ProgressBar bar = new ProgressBar(sink, "run", System::nanoTime, 50_000_000L);
        bar.onProgress(3, 10, "held");
        long deadline = System.nanoTime() + 5 * SECOND;
        while (!sink.last().text().contains("3/10") && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(sink.last().text().contains("30% (3/10)"), sink.last().text());
        assertEquals(2, bar.publishedCount());
    }

    @Test
    void reportsFromManyThreadsNeverMoveTheBarBackwards() throws InterruptedException {
        RecordingSink sink = new RecordingSink(new Renderer());
        ProgressBar bar = new ProgressBar(sink, "parallel", System::nanoTime, 0);
        AtomicLong counter = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread worker = new Thread(() -> {
                for (int i = 0; i < 250; i++) {
                    bar.onProgress(counter.incrementAndGet(), 1000, "");
                }
            });
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        long previous = -1;
        for (RecordingSink.Published p : sink.published().subList(1, sink.published().size())) {
            long done = Long.parseLong(p.text().replaceAll(".*\\((\\d+)/1000\\).*", "$1"));
            assertTrue(done >= previous, "went back from " + previous + " to " + done);
            previous = done;
        }
        assertTrue(sink.last().text().startsWith("parallel: 100% (1000/1000)"), sink.last().text());
    }

    @Test
    void reportsOutsideTheContractAreClampedNotThrown() {
        RecordingSink sink = new RecordingSink(new Renderer());
        AtomicLong clock = new AtomicLong(0);
        ProgressBar bar = new ProgressBar(sink, "x", clock::get, 0);
        bar.onProgress(0, 0, "empty sweep");
        assertEquals(1, sink.published().size(), "total 0: ignored");
        clock.set(SECOND);
        bar.onProgress(-1, 10, "");
        assertTrue(sink.last().text().startsWith("x: 0% (0/10)"), sink.last().text());
        clock.set(2 * SECOND);
        bar.onProgress(11, 10, "");
        assertTrue(sink.last().text().startsWith("x: 100% (10/10)"), sink.last().text());
    }
}
