package dev.muonlab.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.muonlab.schedule.LrSchedule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link GroupedOptimizer#runUpdatesWith}: per-parameter updates spread over threads give the same
 * parameters, bit for bit, as updates in turn. Muon's Newton-Schulz keeps scratch buffers per shape,
 * so several same-shaped matrices updated at once is the case that would show shared buffers.
 */
class ParallelUpdatesTest {

    private static final int STEPS = 6;
    private static final ExecutorService POOL = Executors.newFixedThreadPool(3);

    /** Runs every task on the pool's threads at once, then waits for all. */
    private static final TaskRunner THREADS = tasks -> {
        List<Future<?>> running = new ArrayList<>();
        tasks.forEach(t -> running.add(POOL.submit(t)));
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (Exception e) {
                throw new IllegalStateException(e.getCause());
            }
        }
    };

    @AfterAll
    static void stopPool() {
        POOL.shutdownNow();
    }

    private static Map<String, INDArray> params(long seed) {
        Nd4j.getRandom().setSeed(seed);
        Map<String, INDArray> p = new LinkedHashMap<>();
        for (int l = 0; l < 6; l++) {                             // six layers of the same shapes
            p.put("h" + l + ".fc", Nd4j.randn(DataType.FLOAT, 96, 32));
            p.put("h" + l + ".proj", Nd4j.randn(DataType.FLOAT, 32, 96));
        }
        p.put("emb", Nd4j.randn(DataType.FLOAT, 17, 32));
        p.put("gain", Nd4j.randn(DataType.FLOAT, 32));
        return p;
    }

    private static GroupedOptimizer optimizer(Map<String, INDArray> p) {
        Map<String, INDArray> hidden = new LinkedHashMap<>();
        Map<String, INDArray> rest = new LinkedHashMap<>();
        p.forEach((k, v) -> (k.startsWith("h") ? hidden : rest).put(k, v));
        return Optimizer.builder()
                .group("muon", MuonConfig.keller(), LrSchedule.warmupCosine(0, STEPS, 0.0), hidden)
                .group("adamw", AdamWConfig.nanoGptShakespeare(), LrSchedule.warmupCosine(0, STEPS, 0.0), rest)
                .build();
    }

    private static Map<String, INDArray> train(TaskRunner runner) {
        Map<String, INDArray> p = params(5);
        GroupedOptimizer opt = optimizer(p);
        opt.runUpdatesWith(runner);
        for (int t = 0; t < STEPS; t++) {
            Nd4j.getRandom().setSeed(100 + t);
            Map<String, INDArray> g = new LinkedHashMap<>();
            p.forEach((k, v) -> g.put(k, Nd4j.randn(DataType.FLOAT, v.shape())));
            assertTrue(opt.step(g));
        }
        return p;
    }

    @Test
    void updatesOnThreadsEqualUpdatesInTurnBitForBit() {
        Map<String, INDArray> inTurn = train(TaskRunner.SEQUENTIAL);
        Map<String, INDArray> onThreads = train(THREADS);
        inTurn.forEach((k, v) -> assertTrue(TestArrays.bitwiseEqual(v, onThreads.get(k)), k + " differs"));
        Map<String, INDArray> initial = params(5);
        initial.forEach((k, v) -> assertTrue(!TestArrays.bitwiseEqual(v, inTurn.get(k)), k + " was updated"));
    }

    @Test
    void aFailingUpdateSurfacesFromTheRunner() {
        Map<String, INDArray> p = params(6);
        GroupedOptimizer opt = optimizer(p);
        opt.runUpdatesWith(tasks -> {
            throw new IllegalStateException("runner failed");
        });
        Map<String, INDArray> g = new LinkedHashMap<>();
        p.forEach((k, v) -> g.put(k, v.dup()));
        assertTrue(opt.step(g), "the first step runs in turn, whatever the runner");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> opt.step(g));
        assertEquals("runner failed", e.getMessage());
    }
}
