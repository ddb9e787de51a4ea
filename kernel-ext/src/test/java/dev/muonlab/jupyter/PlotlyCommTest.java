package dev.muonlab.jupyter;

import com.google.gson.JsonObject;
import dev.muonlab.jupyter.render.PlotlyLoader;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.messages.MessageContext;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

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

    @Test
    void theReplyIsSentInTheContextOfTheOpenRequestAndTheOldContextIsKept() throws Exception {
        CommManager manager = new CommManager();
        MessageContext execute = context("execute");
        MessageContext open = context("open");
        manager.setMessageContext(execute);
        java.lang.reflect.Field field = CommManager.class.getDeclaredField("context");
        field.setAccessible(true);
        Object[] during = new Object[1];
        PlotlyComm.sendInReplyTo(manager, open, () -> {
            try {
                during[0] = field.get(manager);
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
        });
        assertSame(open, during[0], "the reply's header (its session) comes from the comm_open (issue 18: JupyterLab)");
        assertSame(execute, field.get(manager));
    }

    private static MessageContext context(String name) {
        return new MessageContext() {
            @Override
            public java.util.List<byte[]> getIdentities() {
                return java.util.List.of();
            }

            @Override
            public org.dflib.jjava.jupyter.messages.Header getHeader() {
                return null;
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}
