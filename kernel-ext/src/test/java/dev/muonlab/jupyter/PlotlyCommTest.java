package dev.muonlab.jupyter;

import com.google.gson.JsonObject;
import dev.muonlab.jupyter.render.PlotlyLoader;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

class PlotlyCommTest {

    @Test
    void replyCarriesTheBundleOrOnlyTheVersion() {
        JsonObject bundled = PlotlyComm.reply(new PlotlyLoader("2.35.3", "window.Plotly = {}; // </script>"));
        assertEquals("2.35.3", bundled.get("version").getAsString());
        assertEquals("window.Plotly = {}; // <\\/script>", bundled.get("js").getAsString());

        JsonObject cdnOnly = PlotlyComm.reply(new PlotlyLoader("2.35.3", null));
        assertEquals("2.35.3", cdnOnly.get("version").getAsString());
        assertFalse(cdnOnly.has("js"), "the page then goes to the CDN");
    }

    @Test
    void targetIsRegisteredUnderTheNameTheFigureScriptsOpen() {
        CommManager manager = new CommManager();
        PlotlyComm.register(manager, new PlotlyLoader("2.35.3", null));
        assertNotNull(manager.getTarget(PlotlyLoader.COMM_TARGET));
        assertEquals(PlotlyLoader.COMM_TARGET, PlotlyComm.TARGET);
    }
}
