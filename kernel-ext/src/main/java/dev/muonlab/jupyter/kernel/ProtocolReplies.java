package dev.muonlab.jupyter.kernel;

import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.comm.Comm;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.request.CommInfoRequest;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;
import org.dflib.jjava.jupyter.messages.request.ShutdownRequest;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Replies that jjava 1.0-a6 gets wrong for protocol 5.3, sent as plain JSON maps.
 *
 * <p>Why: its {@code kernel_info_reply}, {@code shutdown_reply}, {@code interrupt_reply}, {@code comm_info_reply}
 * and {@code history_reply} lack the required {@code status} field (Jupyter's conformance suite rejects them), and
 * its history entries are serialized as objects instead of {@code [session, line, input]} triples.
 */
final class ProtocolReplies {

    private final MuonLabKernel kernel;

    ProtocolReplies(MuonLabKernel kernel) {
        this.kernel = kernel;
    }

    /** @param connection where to register the handlers (replacing jjava's). Modified. */
    void register(JupyterConnection connection) {
        connection.setHandler(MessageType.KERNEL_INFO_REQUEST, (env, msg) -> kernelInfo(env));
        connection.setHandler(MessageType.SHUTDOWN_REQUEST, (env, msg) -> shutdown(env, msg.getContent()));
        connection.setHandler(MessageType.INTERRUPT_REQUEST, (env, msg) -> interrupt(env));
        connection.setHandler(MessageType.COMM_INFO_REQUEST, (env, msg) -> commInfo(env, msg.getContent()));
        connection.setHandler(MessageType.HISTORY_REQUEST, (env, msg) -> history(env, msg.getContent()));
    }

    private void kernelInfo(ShellReplyEnvironment env) {
        env.setBusyDeferIdle();
        LanguageInfo li = kernel.getLanguageInfo();
        Map<String, Object> language = new LinkedHashMap<>();
        language.put("name", li.getName());
        language.put("version", li.getVersion());
        language.put("mimetype", li.getMimetype());
        language.put("file_extension", li.getFileExtension());
        language.put("pygments_lexer", li.getPygmentsLexer());
        language.put("codemirror_mode", li.getCodemirrorMode());
        List<Map<String, String>> links = new ArrayList<>();
        for (HelpLink l : kernel.getHelpLinks()) {
            links.add(Map.of("text", l.getText(), "url", l.getUrl()));
        }
        Map<String, Object> c = ok();
        c.put("protocol_version", Header.PROTOCOL_VERISON);
        c.put("implementation", kernel.getName());
        c.put("implementation_version", kernel.getVersion());
        c.put("language_info", language);
        c.put("banner", kernel.getBanner());
        c.put("help_links", links);
        c.put("debugger", false);
        reply(env, MessageType.KERNEL_INFO_REPLY, c);
    }

    private void shutdown(ShellReplyEnvironment env, ShutdownRequest request) {
        env.setBusyDeferIdle();
        Map<String, Object> c = ok();
        c.put("restart", request.isRestart());
        reply(env, MessageType.SHUTDOWN_REPLY, c);
        kernel.onShutdown(request.isRestart());
        env.markForShutdown();
    }

    private void interrupt(ShellReplyEnvironment env) {
        env.setBusyDeferIdle();
        kernel.interrupt();
        reply(env, MessageType.INTERRUPT_REPLY, ok());
    }

    private void commInfo(ShellReplyEnvironment env, CommInfoRequest request) {
        env.setBusyDeferIdle();
        Map<String, Object> comms = new LinkedHashMap<>();
        for (Comm comm : kernel.getCommManager()) {
            if (request.getTargetName() == null || request.getTargetName().equals(comm.getTargetName())) {
                comms.put(comm.getID(), Map.of("target_name", comm.getTargetName()));
            }
        }
        Map<String, Object> c = ok();
        c.put("comms", comms);
        reply(env, MessageType.COMM_INFO_REPLY, c);
    }

    private void history(ShellReplyEnvironment env, HistoryRequest request) {
        env.setBusyDeferIdle();
        HistoryManager manager = kernel.getHistoryManager();
        Set<HistoryManager.ResultFlag> flags = EnumSet.noneOf(HistoryManager.ResultFlag.class);
        if (request.includeOutput()) {
            flags.add(HistoryManager.ResultFlag.INCLUDE_OUTPUT);
        }
        List<HistoryEntry> entries;
        switch (request.getAccessType()) {
            case TAIL:
                entries = manager.lookupTail(((HistoryRequest.Tail) request).getMaxReturnLength(), flags);
                break;
            case RANGE:
                HistoryRequest.Range r = (HistoryRequest.Range) request;
                entries = manager.lookupRange(r.getSessionIndex(), r.getStart(), r.getStop(), flags);
                break;
            default:
                HistoryRequest.Search s = (HistoryRequest.Search) request;
                if (s.filterUnique()) {
                    flags.add(HistoryManager.ResultFlag.UNIQUE);
                }
                entries = manager.search(s.getPattern(), s.getMaxReturnLength(), flags);
        }
        List<List<Object>> rows = new ArrayList<>();
        for (HistoryEntry e : entries) {
            Object input = e.hasOutput() ? List.of(e.getInput(), e.getOutput()) : e.getInput();
            rows.add(List.of(e.getSession(), e.getCellNumber(), input));
        }
        Map<String, Object> c = ok();
        c.put("history", rows);
        reply(env, MessageType.HISTORY_REPLY, c);
    }

    private static Map<String, Object> ok() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("status", "ok");
        return c;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void reply(ShellReplyEnvironment env, MessageType<?> type, Map<String, Object> content) {
        env.reply(new Message(env.getContext(), type, content));
    }
}
