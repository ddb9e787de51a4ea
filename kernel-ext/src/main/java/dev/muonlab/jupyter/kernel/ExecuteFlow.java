package dev.muonlab.jupyter.kernel;

import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.ExpressionValue;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.dflib.jjava.jupyter.messages.ContentType;
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

    private final MuonLabKernel kernel;
    private final CellRunner cells;
    private final CellThreadRunner threads;
    private final OutputRouter router;
    private final InMemoryHistory history;
    private final KernelIO io;
    private final AtomicInteger executionCount;
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "muonlab-output-flusher");
        t.setDaemon(true);
        return t;
    });
    private volatile CellOutput output;
    private volatile ShellReplyEnvironment env;

    ExecuteFlow(MuonLabKernel kernel, CellRunner cells, CellThreadRunner threads, OutputRouter router,
                InMemoryHistory history, KernelIO io, AtomicInteger executionCount) {
        this.kernel = kernel;
        this.cells = cells;
        this.threads = threads;
        this.router = router;
        this.history = history;
        this.io = io;
        this.executionCount = executionCount;
    }

    /**
     * Runs the request and sends all its messages. Called on the shell thread, one request at a time.
     *
     * @param env     the request's reply environment
     * @param request the request
     */
    void handle(ShellReplyEnvironment env, ExecuteRequest request) {
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
            Map<String, ExpressionValue> userExpressions = userExpressions(request.getUserExpr());
            if (value instanceof CellRunner.Inspection inspection) {
                DisplayData page = kernel.inspect(inspection.expr(), inspection.expr().length(),
                        inspection.detail() > 0);
                env.reply(new PagedExecuteReply(count, userExpressions, page == null
                        ? new DisplayData("No information about " + inspection.expr()) : page));
            } else {
                if (value != CellEvaluator.NO_VALUE && value != null) {
                    DisplayData data = ResultRendering.render(kernel.getRenderer(), value);
                    Object plain = data.getData(MIMEType.TEXT_PLAIN);
                    resultText = plain == null ? null : plain.toString();
                    if (!silent) {
                        env.publish(new PublishExecuteResult(count, data));
                    }
                }
                env.reply(new ExecuteReply(count, userExpressions));
            }
        } catch (CellError e) {
            cellOutput.flush();
            if (!silent) {
                env.publish(new PublishError(e.ename(), e.evalue(), e.traceback()));
            }
            ErrorReply reply = new ErrorReply(e.ename(), e.evalue(), e.traceback());
            reply.setExecutionCount(count);
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
            env.setStatusIdle();
        }
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

    private Map<String, ExpressionValue> userExpressions(Map<String, String> expressions) {
        Map<String, ExpressionValue> out = new LinkedHashMap<>();
        if (expressions == null) {
            return out;
        }
        for (Map.Entry<String, String> e : expressions.entrySet()) {
            try {
                Object value = cells.run(e.getValue(), "user expression '" + e.getKey() + "'");
                Object shown = value == CellEvaluator.NO_VALUE ? null : value;
                out.put(e.getKey(), new ExpressionValue.Success(ResultRendering.render(kernel.getRenderer(), shown)));
            } catch (CellError err) {
                out.put(e.getKey(), new ExpressionValue.Error(err.ename(), err.evalue(), err.traceback()));
            }
        }
        return out;
    }

    /** An {@code execute_reply} with a "page" payload: how IPython shows {@code expr?}. */
    static final class PagedExecuteReply extends ExecuteReply {
        @SuppressWarnings("unused") // serialized by Gson
        private final List<Map<String, Object>> payload;

        PagedExecuteReply(int count, Map<String, ExpressionValue> userExpressions, DisplayData page) {
            super(count, userExpressions);
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
            this.payload = List.of(p);
        }
    }
}
