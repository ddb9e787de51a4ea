package dev.muonlab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.muonlab.optim.MuonConfig;
import dev.muonlab.optim.UpdateRmsTable;
import dev.muonlab.optim.UpdateScale;
import dev.muonlab.schedule.LrSchedule;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.plotly.components.Figure;

/** Each chart draws one series per schedule or per update scale, with its title. */
class OptimChartsTest {

    @Test
    void schedulesAndUpdateRms() {
        Map<String, LrSchedule> s = new LinkedHashMap<>();
        s.put("constant", LrSchedule.constant());
        s.put("nanoGPT cosine", LrSchedule.warmupCosine(10, 100, 0.1));
        s.put("modded-nanogpt WSD", LrSchedule.warmupStableDecay(0, 100, 0.7, 0));
        Figure f = OptimCharts.schedules(s, 120);
        assertEquals(3, f.getTraces().length);
        assertTrue(f.asJavascript("d").contains("Learning-rate schedules"));

        Figure r = OptimCharts.updateRms(UpdateRmsTable.of(UpdateRmsTable.transformerShapes(8), MuonConfig.exactPolar(), 1));
        assertEquals(UpdateScale.values().length, r.getTraces().length);
        assertTrue(r.asJavascript("d").contains("Muon update RMS"));
    }
}
