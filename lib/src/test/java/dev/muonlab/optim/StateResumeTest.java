package dev.muonlab.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.muonlab.schedule.LrSchedule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Saving and loading the whole state resumes a run bit-identically (Muon + AdamW groups, schedules). */
class StateResumeTest {

    static Map<String, INDArray> freshParams() {
        Map<String, INDArray> p = new LinkedHashMap<>();
        p.put("wte.weight", TestArrays.randn(1, DataType.FLOAT, 10, 8));
        p.put("h.0.mlp.c_fc.weight", TestArrays.randn(2, DataType.FLOAT, 16, 8));
        p.put("h.0.ln_1.weight", TestArrays.randn(3, DataType.FLOAT, 8));
        return p;
    }

    static Optimizer optimizer(Map<String, INDArray> params) {
        return new ParameterRouter(MuonConfig.keller(TestOrthogonalizers.keller()).withWeightDecay(0.01),
                AdamWConfig.kellerAux()).route(params)
                .toOptimizer(LrSchedule.warmupCosine(2, 12, 0.1), LrSchedule.warmupStableDecay(1, 12, 0.5, 0));
    }

    static Map<String, INDArray> grads(Map<String, INDArray> params, int step) {
        Map<String, INDArray> g = new LinkedHashMap<>();
        int i = 0;
        for (Map.Entry<String, INDArray> e : params.entrySet()) {
            g.put(e.getKey(), TestArrays.randn(1000L * step + i++, DataType.FLOAT, e.getValue().shape()));
        }
        return g;
    }

    @Test
    void resumedRunIsBitIdentical(@TempDir Path dir) throws IOException {
        Map<String, INDArray> straight = freshParams();
        Optimizer a = optimizer(straight);
        for (int t = 0; t < 12; t++) {
            a.step(grads(straight, t));
        }

        Map<String, INDArray> first = freshParams();
        Optimizer b = optimizer(first);
        for (int t = 0; t < 6; t++) {
            b.step(grads(first, t));
        }
        b.save(dir.resolve("ckpt"));
        Map<String, INDArray> resumed = new LinkedHashMap<>();
        first.forEach((k, v) -> resumed.put(k, v.dup()));   // the trainer saves parameters itself
        Optimizer c = optimizer(resumed);
        c.load(dir.resolve("ckpt"));
        assertEquals(6, c.stepCount());
        assertEquals(a.groups().size(), c.groups().size());
        for (int t = 6; t < 12; t++) {
            c.step(grads(resumed, t));
        }
        for (String k : straight.keySet()) {
            assertTrue(TestArrays.bitwiseEqual(straight.get(k), resumed.get(k)), "parameter " + k);
            for (String buf : a.state(k).keySet()) {
                assertTrue(TestArrays.bitwiseEqual(a.state(k).get(buf), c.state(k).get(buf)), k + "." + buf);
            }
        }
        assertEquals(12, c.stepCount());
        assertTrue(Files.readString(dir.resolve("ckpt").resolve(OptimizerState.PROPERTIES)).contains("MuonConfig"),
                "configs are recorded with the state");
    }

    @Test
    void inMemorySnapshotIsADeepCopyAndMismatchesAreRefused(@TempDir Path dir) {
        Map<String, INDArray> params = freshParams();
        Optimizer opt = optimizer(params);
        opt.step(grads(params, 0));
        OptimizerState snap = opt.stateSnapshot();
        INDArray before = snap.buffers().get("h.0.mlp.c_fc.weight").get("momentum").dup();
        opt.step(grads(params, 1));
        assertTrue(TestArrays.bitwiseEqual(before, snap.buffers().get("h.0.mlp.c_fc.weight").get("momentum")));

        Map<String, INDArray> other = new LinkedHashMap<>();
        other.put("w", TestArrays.randn(1, DataType.FLOAT, 4, 4));
        Optimizer wrong = Optimizer.of(AdamWConfig.torch(), other);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> wrong.loadState(snap));
        assertTrue(e.getMessage().contains("wte.weight"), e.getMessage());
        IOException missing = assertThrows(IOException.class, () -> opt.load(dir.resolve("nothing")));
        assertTrue(missing.getMessage().contains(OptimizerState.PROPERTIES), missing.getMessage());
    }
}
