package dev.muonlab.train;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunComparisonTest {

    private static TrainLog log(double... valLosses) {
        TrainLog log = new TrainLog();
        for (int i = 0; i < valLosses.length; i++) {
            log.addStep(i + 1, valLosses[i] + 0.1, valLosses[i], 1e-3, 1, 1000, 2.0 * (i + 1));
        }
        return log;
    }

    @Test
    void stepsAndSecondsToTheBaselinesFinalLoss() {
        Map<String, TrainLog> runs = new LinkedHashMap<>();
        runs.put("adamw", log(3.0, 2.5, 2.2, 2.0));
        runs.put("muon", log(2.8, 2.0, 1.9, 1.8));
        runs.put("slow", log(3.5, 3.4, 3.3, 3.2));
        Table t = RunComparison.stepsToReach(runs, runs.get("adamw").lastValLoss());
        assertEquals(4, t.intColumn("steps_to_target").getInt(0));
        assertEquals(2, t.intColumn("steps_to_target").getInt(1));
        assertEquals(0.5, t.doubleColumn("step_fraction").getDouble(1), 0.0);
        assertEquals(4.0, t.doubleColumn("seconds_to_target").getDouble(1), 0.0);
        assertTrue(t.intColumn("steps_to_target").isMissing(2), "never reached");
        assertEquals(1.8, t.doubleColumn("final_val_loss").getDouble(1), 0.0);
    }

    @Test
    void logSurvivesCsvRoundTrip(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        TrainLog log = log(3.0, 2.5);
        log.addStep(3, 2.4, Double.NaN, 1e-3, 1, 1000, 6);
        log.addParameterStats(3, "w", "[2, 2]", "muon", 0.1, 0.5);
        log.save(dir);
        TrainLog back = TrainLog.load(dir);
        assertEquals(3, back.size());
        assertEquals(2.5, back.lastValLoss(), 0.0);
        assertEquals(1, back.parameterStats().rowCount());
        assertEquals(2, back.evaluations().rowCount());
    }
}
