package dev.muonlab.jupyter.kernel;

import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import com.google.gson.Gson;
import com.google.gson.JsonObject;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.dflib.jjava.jupyter.messages.ContentType;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishError;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteInput;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteResult;
import org.dflib.jjava.jupyter.messages.reply.ErrorReply;
import org.dflib.jjava.jupyter.messages.reply.ExecuteReply;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One {@code execute_request}, as Jupyter protocol 5.3 specifies it: busy, {@code execute_input}, streamed output,
 * then exactly one of {@code execute_result} or {@code error}, the {@code execute_reply}, idle.
 *
 * <p>Why not jjava's BaseKernel flow: it ignores {@code silent}, {@code store_history} and
 * {@code user_expressions}, swaps System.out only for the request's duration, and reports exceptions with Java
 * names. Here: {@code silent} publishes nothing and does not count; {@code store_history} decides whether the
 * execution count advances and the cell enters the history; user expressions are evaluated after the cell.
 */
final class ExecuteFlow {

    private static final Gson GSON = new Gson();

    private final MuonLabKernel kernel;
    private final CellRunner cells;
    private final CellThreadRunner threads;
    private final OutputRouter router;
    private final InMemoryHistory history;
    private final KernelIO io;
    private final AtomicInteger executionCount;
    private final AbortWindow abortWindow;
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "muonlab-output-flusher");
        t.setDaemon(true);
        return t;
    });
    private volatile CellOutput output;
    private volatile ShellReplyEnvironment env;

    ExecuteFlow(MuonLabKernel kernel, CellRunner cells, CellThreadRunner threads, OutputRouter router,
                InMemoryHistory history, KernelIO io, AtomicInteger executionCount, AbortWindow abortWindow) {
        this.kernel = kernel;
        this.cells = cells;
        this.threads = threads;
        this.router = router;
        this.history = history;
        this.io = io;
        this.executionCount = executionCount;
        this.abortWindow = abortWindow;
    }

    /**
     * Runs the request and sends all its messages. Called on the shell thread, one request at a time.
     *
     * @param env     the request's reply environment
     * @param request the request
     */
    void handle(ShellReplyEnvironment env, ExecuteRequest request) {
        if (abortWindow.isOpen()) {
            env.setStatusBusy();
            Map<String, Object> aborted = new LinkedHashMap<>();
            aborted.put("status", "aborted");
            aborted.put("execution_count", executionCount.get());
            replyMap(env, aborted);
            env.setStatusIdle();
            return;
        }
        boolean silent = request.isSilent();
        boolean store = request.shouldStoreHistory() && !silent;
        int count = store ? executionCount.getAndIncrement() : executionCount.get();
        env.setStatusBusy();
        if (!silent) {
            env.publish(new PublishExecuteInput(request.getCode(), count));
        }
        CellOutput cellOutput = new CellOutput(env::writeToStdOut, env::writeToStdErr, router.log(), silent, flusher);
        this.env = env;
        this.output = cellOutput;
        router.attach(cellOutput);
        io.attach(env, request.isStdinEnabled());
        threads.beginCell();
        String resultText = null;
        try {
            Object value = cells.run(request.getCode(), SnippetLocations.cellLabel(count));
            cellOutput.flush();
            Map<String, Object> userExpressions = userExpressions(request.getUserExpr());
            List<Map<String, Object>> payload = List.of();
            if (value instanceof CellRunner.Inspection inspection) {
                DisplayData page = kernel.inspect(inspection.expr(), inspection.expr().length(),
                        inspection.detail() > 0);
                payload = List.of(pagePayload(page == null
                        ? new DisplayData("No information about " + inspection.expr()) : page));
            } else if (value != CellEvaluator.NO_VALUE && value != null) {
                DisplayData data = ResultRendering.render(kernel.getRenderer(), value);
                Object plain = data.getData(MIMEType.TEXT_PLAIN);
                resultText = plain == null ? null : plain.toString();
                if (!silent) {
                    env.publish(new PublishExecuteResult(count, data));
                }
            }
            Map<String, Object> reply = new LinkedHashMap<>();
            reply.put("status", "ok");
            reply.put("execution_count", count);
            reply.put("user_expressions", userExpressions);
            reply.put("payload", payload);
            replyMap(env, reply);
        } catch (CellError | RuntimeException | Error failure) {
            CellError e = failure instanceof CellError ce ? ce : internalError(failure);
            cellOutput.flush();
            if (!silent) {
                env.publish(new PublishError(e.ename(), e.evalue(), e.traceback()));
            }
            ErrorReply reply = new ErrorReply(e.ename(), e.evalue(), e.traceback());
            reply.setExecutionCount(count);
            if (request.shouldStopOnError()) {
                abortWindow.open();
            }
            env.replyError(ExecuteReply.MESSAGE_TYPE.error(), reply);
        } finally {
            cellOutput.close();
            router.detach(cellOutput);
            io.detach(env);
            this.output = null;
            this.env = null;
            if (store) {
                history.add(count, request.getCode(), resultText);
            }
            abortWindow.drainQueued(); // after a failure: requests queued behind it are answered before idle
            env.setStatusIdle();
        }
    }

    /** A failure of the kernel itself while running a cell: still exactly one error, and the kernel lives on. */
    private static CellError internalError(Throwable failure) {
        org.slf4j.LoggerFactory.getLogger(ExecuteFlow.class).error("Kernel failure while running a cell", failure);
        return CellError.simple("KernelError", "the kernel failed while running this cell: " + failure
                + " (details in the kernel log)");
    }

    /** Publishes buffered stdout/stderr of the running cell now (before a display keeps the order). */
    void flushOutput() {
        CellOutput o = output;
        if (o != null) {
            o.flush();
        }
    }

    /**
     * Publishes a message for the running cell; dropped when no cell runs.
     *
     * @param content the message content
     */
    <T extends ContentType<T>> void publish(T content) {
        ShellReplyEnvironment e = env;
        if (e != null) {
            e.publish(content);
        }
    }

    private Map<String, Object> userExpressions(Map<String, String> expressions) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (expressions == null) {
            return out;
        }
        for (Map.Entry<String, String> e : expressions.entrySet()) {
            JsonObject o = new JsonObject();
            try {
                Object value = cells.run(e.getValue(), "user expression '" + e.getKey() + "'");
                Object shown = value == CellEvaluator.NO_VALUE ? null : value;
                o = GSON.toJsonTree(ResultRendering.render(kernel.getRenderer(), shown)).getAsJsonObject();
                o.addProperty("status", "ok");
            } catch (CellError err) {
                o.addProperty("status", "error");
                o.addProperty("ename", err.ename());
                o.addProperty("evalue", err.evalue());
                o.add("traceback", GSON.toJsonTree(err.traceback()));
            }
            out.put(e.getKey(), o);
        }
        return out;
    }

    /** A "page" payload: how IPython shows {@code expr?} (the notebook opens it in its pager). */
    private static Map<String, Object> pagePayload(DisplayData page) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("text/plain", String.valueOf(page.getData(MIMEType.TEXT_PLAIN)));
        Object html = page.getData(MIMEType.TEXT_HTML);
        if (html != null) {
            data.put("text/html", html.toString());
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("source", "page");
        p.put("data", data);
        p.put("start", 0);
        return p;
    }

    /** Sends an execute_reply built as a map (jjava's ExecuteReply cannot carry payloads or typed results). */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void replyMap(ShellReplyEnvironment env, Map<String, Object> content) {
        env.reply(new Message(env.getContext(), ExecuteReply.MESSAGE_TYPE, content));
    }
}
