package dev.muonlab.jupyter;

import com.google.gson.JsonObject;
import dev.muonlab.jupyter.render.PlotlyLoader;

import java.lang.reflect.Field;
import org.dflib.jjava.jupyter.kernel.comm.Comm;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageContext;
import org.dflib.jjava.jupyter.messages.comm.CommCloseCommand;
import org.dflib.jjava.jupyter.messages.comm.CommMsgCommand;

/**
 * Hands plotly.js to a notebook page that has figures but no copy of the library: the comm target
 * {@value #TARGET}. The page opens a comm, the kernel answers with one message
 * {@code {"version": "2.35.3", "js": "...plotly.min.js..."}} ({@code "js"} absent when the jar has no
 * bundle), and the page closes the comm.
 *
 * <p>Why: the library travels inside the first figure output of a kernel session. If that output is
 * later replaced (its cell re-run in the same session) or deleted, the saved notebook no longer holds
 * a copy, and after reopening it the figures would need the network. A figure script that finds no
 * library asks the running kernel first (classic Notebook exposes the kernel to output scripts), and
 * only then tries the CDN. See {@link PlotlyLoader#drawScript(String)}.
 */
public final class PlotlyComm extends Comm {

    /** The comm target name the figure scripts open. */
    public static final String TARGET = "muonlab.plotly";

    private PlotlyComm(CommManager manager, String id) {
        super(manager, id, TARGET);
    }

    /**
     * Registers the target. Modifies {@code manager}.
     *
     * @param manager the kernel's comm manager
     * @param loader  the library to hand out
     */
    public static void register(CommManager manager, PlotlyLoader loader) {
        manager.registerTarget(TARGET, (commManager, id, targetName, open) -> {
            PlotlyComm comm = new PlotlyComm(commManager, id);
            sendInReplyTo(commManager, open, () -> GsonBridge.invoke(comm, "send", reply(loader))); // stock JJava: shaded Gson
            return comm;
        });
    }

    /**
     * Runs {@code send} with the comm manager's message context set to {@code open}, then puts the old
     * one back. JJava builds a comm message's header from that context, which is the last execute
     * request (or none before the first): without this the reply had no {@code session} in its header,
     * and JupyterLab, which receives every IOPub message of the kernel, threw "Kernel message validation
     * error: Missing property 'session'" on it.
     */
    static void sendInReplyTo(CommManager manager, MessageContext open, Runnable send) {
        MessageContext previous = context(manager);
        manager.setMessageContext(open);
        try {
            send.run();
        } finally {
            manager.setMessageContext(previous);
        }
    }

    private static MessageContext context(CommManager manager) {
        try {
            Field field = CommManager.class.getDeclaredField("context");
            field.setAccessible(true);
            return (MessageContext) field.get(manager);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** @return the one message the kernel sends on a new comm */
    static JsonObject reply(PlotlyLoader loader) {
        JsonObject data = new JsonObject();
        data.addProperty("version", loader.version());
        if (loader.isBundled()) {
            data.addProperty("js", loader.bundledJs());
        }
        return data;
    }

    @Override
    protected void onMessage(Message<CommMsgCommand> message) {
        // the page only listens
    }

    @Override
    protected void onClose(Message<CommCloseCommand> message, boolean sending) {
        // nothing held
    }
}
