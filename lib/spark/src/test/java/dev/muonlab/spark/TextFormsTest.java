package dev.muonlab.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.muonlab.sweep.RunResult;
import dev.muonlab.sweep.RunSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** What travels between the driver and a Spark task, as text, comes back unchanged (no Spark needed). */
class TextFormsTest {

    @Test
    void aSpecComesBackWithItsHash() {
        RunSpec spec = RunSpec.of("batch-size", Map.of("lr", 1e-3, "batch", 16, "note", "a=b, c"));
        RunSpec back = SpecText.parse(SpecText.of(spec));
        assertEquals(spec, back);
        assertEquals(spec.hash(), back.hash());
    }

    @Test
    void aResultComesBackWithExactMetricsAndItsCurve() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("final_val_loss", 0.1 + 0.2);
        metrics.put("diverged", Double.NaN);
        metrics.put("tiny", Double.MIN_VALUE);
        Table curve = Table.create("curve", IntColumn.create("step", 0, 10), DoubleColumn.create("val_loss", 4.17, Double.NaN),
                StringColumn.create("phase", "warm-up", "cosine, late"));
        RunResult back = ResultText.decode(ResultText.encode(new RunResult(metrics, curve)));
        assertEquals(metrics, back.metrics());
        assertEquals(curve.columnNames(), back.curve().columnNames());
        assertEquals(curve.intColumn("step").asList(), back.curve().intColumn("step").asList());
        assertEquals(curve.doubleColumn("val_loss").asList(), back.curve().doubleColumn("val_loss").asList());
        assertEquals(curve.stringColumn("phase").asList(), back.curve().stringColumn("phase").asList());

        RunResult noCurve = ResultText.decode(ResultText.encode(new RunResult(Map.of("x", 1.0), null)));
        assertNull(noCurve.curve());
        assertEquals(Map.of("x", 1.0), noCurve.metrics());
    }

    @Test
    void aFailureTravelsAsItsStackTrace() {
        TaskReply failed = TaskReply.decode(TaskReply.failure(new IllegalStateException("told to fail")).encode());
        assertFalse(failed.ok());
        TaskReply.RemoteRunException e = new TaskReply.RemoteRunException(failed.body());
        assertEquals("java.lang.IllegalStateException: told to fail (on a Spark executor)", e.getMessage());
        assertTrue(e.remoteTrace().contains("aFailureTravelsAsItsStackTrace"), e.remoteTrace());
        TaskReply ok = TaskReply.decode(TaskReply.result("metric\tx\t1.0\n").encode());
        assertTrue(ok.ok());
        assertEquals("metric\tx\t1.0\n", ok.body());
    }
}
