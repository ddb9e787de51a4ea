package dev.muonlab.jupyter.widget;

import dev.muonlab.jupyter.DisplaySink;
import org.dflib.jjava.jupyter.channels.DefaultReplyEnvironment;
import org.dflib.jjava.jupyter.channels.JupyterSocket;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.DisplayStream;
import org.dflib.jjava.jupyter.kernel.comm.Comm;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageContext;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.comm.CommCloseCommand;
import org.dflib.jjava.jupyter.messages.comm.CommMsgCommand;
import org.dflib.jjava.jupyter.messages.comm.CommOpenCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The widget transport of a running kernel: publishes the widget comms on IOPub and routes the frontend's
 * {@code comm_msg}s to the widgets, per the widget messaging protocol
 * (https://github.com/jupyter-widgets/ipywidgets/blob/main/packages/schema/messages.md). Also answers the control
 * comm {@value #CONTROL_TARGET} ({@code request_states} → {@code update_states} with every model's state), which
 * JupyterLab 4 and Notebook 7 use to restore the widgets of a reloaded page in one round trip.
 *
 * <p>Why not {@code CommManager.openComm}: JJava 1.0-a6 opens comms with empty data and no metadata, and its
 * messages carry no parent header (the manager's message context is never set). Here each message takes the
 * context of the running cell (so nbclient, which files comm messages under the cell that sent them, stores the
 * widget state in the executed notebook), else of the last comm message from the frontend. The comms are still
 * registered with the CommManager, so JJava routes {@code comm_msg}/{@code comm_close} to them and lists them in
 * {@code comm_info_reply}.
 *
 * <p>Message content is written by {@link CommJson} (it keeps the state's nulls, which JJava's Gson would drop).
 */
public final class KernelWidgets implements WidgetTransport {

    /** The comm target of widget models. */
    public static final String TARGET = "jupyter.widget";
    /** The comm target of the widget control channel (control protocol 1.0.0). */
    public static final String CONTROL_TARGET = "jupyter.widget.control";

    private static final Logger LOG = LoggerFactory.getLogger(KernelWidgets.class);
    private static final Field CELL_ENV = field(DisplayStream.class, "env");
    private static final Field IOPUB = field(CommManager.class, "iopub");
    private static volatile KernelWidgets installed;

    private final BaseKernel kernel;
    private final Map<String, Widget> widgets = new ConcurrentHashMap<>();
    private final ExecutorService events = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "muonlab-widget-events");
        t.setDaemon(true);
        return t;
    });
    private final boolean rawJson;
    private volatile MessageContext lastContext;

    private KernelWidgets(BaseKernel kernel) {
        this.kernel = kernel;
        this.rawJson = CommJson.socketUsesThisGson();
    }

    /**
     * Registers the control comm target and makes this the transport of {@link Widgets}. Modifies the kernel's
     * comm manager.
     *
     * @param kernel the kernel
     * @return the transport
     */
    public static KernelWidgets install(BaseKernel kernel) {
        KernelWidgets k = new KernelWidgets(kernel);
        kernel.getCommManager().registerTarget(CONTROL_TARGET, (manager, id, target, open) -> k.new ControlComm(manager, id));
        installed = k;
        return k;
    }

    /** @return the transport installed by the extension, or null */
    static KernelWidgets installed() {
        return installed;
    }

    /** @return renders with the kernel's renderer and publishes on the running cell's IOPub stream */
    DisplaySink sink() {
        return DisplaySink.of(kernel);
    }

    /** @return the installed transport, or {@link WidgetTransport#NONE} when no kernel installed one */
    public static WidgetTransport current() {
        KernelWidgets k = installed;
        return k != null ? k : NONE;
    }

    @Override
    public void open(Widget widget, Map<String, Object> data, Map<String, Object> metadata) {
        widgets.put(widget.modelId(), widget);
        kernel.getCommManager().registerComm(new WidgetComm(kernel.getCommManager(), widget));
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("comm_id", widget.modelId());
        content.put("target_name", TARGET);
        content.put("data", data);
        content.put("target_module", null);
        publish(CommOpenCommand.MESSAGE_TYPE, content, metadata);
    }

    @Override
    public void send(Widget widget, Map<String, Object> data) {
        sendOn(widget.modelId(), data);
    }

    private void sendOn(String commId, Map<String, Object> data) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("comm_id", commId);
        content.put("data", data);
        publish(CommMsgCommand.MESSAGE_TYPE, content, null);
    }

    @Override
    public void close(Widget widget) {
        widgets.remove(widget.modelId());
        kernel.getCommManager().unregisterComm(widget.modelId());
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("comm_id", widget.modelId());
        content.put("data", Map.of());
        publish(CommCloseCommand.MESSAGE_TYPE, content, null);
    }

    @Override
    public Executor events() {
        return events;
    }

    /** @return every open widget's state, as the control comm's {@code update_states} sends it */
    Map<String, Object> allStates() {
        Map<String, Object> states = new LinkedHashMap<>();
        for (Widget w : widgets.values()) {
            Map<String, Object> s = w.state();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("model_name", s.get("_model_name"));
            entry.put("model_module", s.get("_model_module"));
            entry.put("model_module_version", s.get("_model_module_version"));
            entry.put("state", s);
            states.put(w.modelId(), entry);
        }
        return states;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private void publish(MessageType<?> type, Map<String, Object> content, Map<String, Object> metadata) {
        JupyterSocket iopub = iopub();
        if (iopub == null) {
            return; // not connected (start-up, tests): the state is kept, nothing is sent
        }
        Object body = rawJson ? CommJson.raw(content) : content;
        iopub.sendMessage(new Message(context(), type, body, null, metadata));
    }

    /** The running cell's request if a cell runs, else the last comm message from the frontend. */
    private MessageContext context() {
        try {
            if (CELL_ENV != null && CELL_ENV.get(kernel.getIO().display) instanceof DefaultReplyEnvironment env
                    && env.getContext() != null) {
                lastContext = env.getContext();
                return env.getContext();
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("no cell context for widget messages", e);
        }
        return lastContext;
    }

    private JupyterSocket iopub() {
        if (IOPUB == null) {
            throw new IllegalStateException("JJava's CommManager has no iopub field: widgets need JJava 1.0-a6");
        }
        try {
            return (JupyterSocket) IOPUB.get(kernel.getCommManager());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read JJava's iopub socket: " + e, e);
        }
    }

    /** @return the accessible field, or null if this JJava has none (widgets then send nothing, see callers) */
    private static Field field(Class<?> type, String name) {
        try {
            Field f = type.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("JJava's {} has no field {}: {}", type.getSimpleName(), name, e.toString());
            return null;
        }
    }

    /** A widget's comm as JJava sees it: routes the frontend's messages to the widget. */
    private final class WidgetComm extends Comm {
        private final Widget widget;

        WidgetComm(CommManager manager, Widget widget) {
            super(manager, widget.modelId(), TARGET);
            this.widget = widget;
        }

        @Override
        protected void onMessage(Message<CommMsgCommand> message) {
            lastContext = message;
            Map<String, Object> data = CommJson.dataOf(message);
            Buffers.put(data, message.getBlobs());
            widget.handle(data);
        }

        @Override
        protected void onClose(Message<CommCloseCommand> message, boolean sending) {
            if (!sending) {
                widgets.remove(widget.modelId());
                widget.closedByFrontend();
            }
        }
    }

    /** The control comm: {@code {"method": "request_states"}} → {@code update_states} of all models. */
    private final class ControlComm extends Comm {
        ControlComm(CommManager manager, String id) {
            super(manager, id, CONTROL_TARGET);
        }

        @Override
        protected void onMessage(Message<CommMsgCommand> message) {
            lastContext = message;
            if ("request_states".equals(CommJson.dataOf(message).get("method"))) {
                Map<String, Object> reply = new LinkedHashMap<>();
                reply.put("method", "update_states");
                reply.put("states", allStates());
                reply.put("buffer_paths", List.of());
                sendOn(getID(), reply);
            }
        }

        @Override
        protected void onClose(Message<CommCloseCommand> message, boolean sending) {
            // nothing held
        }
    }
}
