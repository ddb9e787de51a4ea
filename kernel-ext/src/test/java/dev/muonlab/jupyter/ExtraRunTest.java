package dev.muonlab.jupyter;

import dev.muonlab.gpt.DataSplit;
import dev.muonlab.gpt.GptConfig;
import dev.muonlab.jupyter.render.PlotlyLoader;
import dev.muonlab.jupyter.widget.WidgetTransport;
import dev.muonlab.train.OptimizerChoice;
import dev.muonlab.train.TrainConfig;
import dev.muonlab.train.TrainLog;
import dev.muonlab.train.TrainResult;
import dev.muonlab.train.Trainer;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Notebook 05's extra run on the tiny GPT: Run trains in the background, Stop ends it early and says so. */
class ExtraRunTest {

    private static final DataSplit DATA = DataSplit.tinyShakespeare();
    private static final TrainConfig BASE =
            TrainConfig.nanoGpt(GptConfig.tiny(), OptimizerChoice.ADAMW, 100_000, 1337).withEval(50, 1);

    private static ExtraRun panel(RecordingSink sink) {
        Trainer saved = Trainer.create(BASE.withSteps(3).withEval(1, 1), DATA, null).workers(1);
        saved.run((d, t, m) -> { }, (tr, s, e) -> { });
        Map<String, TrainLog> logs = new LinkedHashMap<>();
        logs.put("AdamW", saved.log());
        return new ExtraRun(WidgetTransport.NONE, sink, BASE, DATA, 1, logs).show();
    }

    private static RecordingSink sink() {
        Renderer renderer = new Renderer();
        MuonLabJupyter.registerRenderers(renderer, new PlotlyLoader("2.35.3", "/* bundle */"));
        return new RecordingSink(renderer);
    }

    @Test
    void theLearningRateGoesWhereTheRecipeReadsIt() {
        TrainConfig muon = ExtraRun.configFor(BASE, OptimizerChoice.MUON, 0.01);
        assertEquals(0.01, muon.muonLr());
        assertEquals(BASE.lr(), muon.lr(), "AdamW's lr stays on embeddings and head");
        TrainConfig moonlight = ExtraRun.configFor(BASE, OptimizerChoice.MUON_MOONLIGHT, 3e-3);
        assertEquals(3e-3, moonlight.lr());
        assertEquals(BASE.muonLr(), moonlight.muonLr());
        assertEquals(OptimizerChoice.MUON_MOONLIGHT, moonlight.optimizer());
        assertEquals(0.02, ExtraRun.defaultLr(BASE, OptimizerChoice.MUON));
        assertEquals(1e-3, ExtraRun.defaultLr(BASE, OptimizerChoice.ADAMW));
    }

    @Test
    void choosingAnOptimizerMovesTheSliderToItsDefault() throws InterruptedException {
        ExtraRun run = panel(sink());
        assertEquals(List.of("adamw", "muon", "muon-moonlight"), run.optimizer().options());
        assertEquals(1e-3, run.lr().value(), 1e-12);
        run.optimizer().value("muon");    // listeners run inline with WidgetTransport.NONE's events
        assertEquals(0.02, run.lr().value(), 1e-12);
    }

    @Test
    void stopEndsTheRunEarlyAndSaysSo() throws InterruptedException {
        RecordingSink sink = sink();
        ExtraRun run = panel(sink);
        assertEquals(2, sink.published().size(), "the controls and the chart");
        run.optimizer().value("muon");
        assertTrue(run.start());
        assertFalse(run.start(), "one run at a time");
        assertTrue(run.status().contains("already running"), run.status());
        long deadline = System.currentTimeMillis() + 60_000;
        while ((run.trainer() == null || run.trainer().step() < 3) && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        run.stop();
        TrainResult result = run.awaitResult(60_000);
        assertNotNull(result);
        assertEquals(TrainResult.Status.INTERRUPTED, result.status());
        assertTrue(result.step() >= 3 && result.step() < BASE.steps(), "stopped at " + result.step());
        assertTrue(run.status().startsWith("extra: muon, lr 0.02: stopped by Stop at step " + result.step() + " of 100000"),
                run.status());
        assertFalse(run.isRunning());
        assertEquals(false, run.runButton().get("disabled"));
        assertEquals(true, run.stopButton().get("disabled"));
        String chart = (String) ((Map<?, ?>) run.chartOutput().outputs().get(0).get("data")).get("text/html");
        assertTrue(chart.contains("extra: muon, lr 0.02 train") && chart.contains("AdamW val"), "drawn against the saved run");
        run.stop();
        assertEquals("Nothing is running.", run.status());
    }
}
