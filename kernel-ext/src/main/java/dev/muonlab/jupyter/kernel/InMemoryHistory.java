package dev.muonlab.jupyter.kernel;

import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The kernel's execution history for Jupyter's {@code history_request}: tail, range and search, kept in memory for
 * the life of the kernel process (one session).
 *
 * <p>Search patterns are globs as in IPython ({@code *} any text, {@code ?} one character) matched against the
 * whole input. Thread-safe.
 */
final class InMemoryHistory implements HistoryManager {

    /** The session number reported for this kernel process. */
    static final int SESSION = 1;

    private final List<HistoryEntry> entries = new ArrayList<>();

    /**
     * @param cellNumber execution count
     * @param input      the cell's source
     * @param output     text/plain of its result, or null. Modifies the history.
     */
    synchronized void add(int cellNumber, String input, String output) {
        entries.add(new HistoryEntry(SESSION, cellNumber, input, output));
    }

    @Override
    public synchronized List<HistoryEntry> lookupTail(int length, Set<ResultFlag> flags) {
        int from = Math.max(0, entries.size() - Math.max(length, 0));
        return project(entries.subList(from, entries.size()), flags);
    }

    @Override
    public synchronized List<HistoryEntry> lookupRange(int sessionOffset, int startCell, int endCell,
                                                       Set<ResultFlag> flags) {
        if (sessionOffset != 0 && sessionOffset != SESSION) {
            return List.of();
        }
        List<HistoryEntry> out = new ArrayList<>();
        for (HistoryEntry e : entries) {
            if (e.getCellNumber() >= startCell && (endCell <= 0 || e.getCellNumber() < endCell)) {
                out.add(e);
            }
        }
        return project(out, flags);
    }

    @Override
    public synchronized List<HistoryEntry> search(String pattern, int length, Set<ResultFlag> flags) {
        Pattern glob = globToRegex(pattern == null || pattern.isEmpty() ? "*" : pattern);
        List<HistoryEntry> matches = new ArrayList<>();
        for (HistoryEntry e : entries) {
            if (glob.matcher(e.getInput()).matches()) {
                matches.add(e);
            }
        }
        if (flags.contains(ResultFlag.UNIQUE)) {
            Map<String, HistoryEntry> lastByInput = new LinkedHashMap<>();
            for (HistoryEntry e : matches) {
                lastByInput.remove(e.getInput());
                lastByInput.put(e.getInput(), e);
            }
            matches = new ArrayList<>(lastByInput.values());
        }
        if (length > 0 && matches.size() > length) {
            matches = matches.subList(matches.size() - length, matches.size());
        }
        return project(matches, flags);
    }

    /**
     * @param glob IPython-style glob
     * @return an equivalent regex matching whole inputs
     */
    static Pattern globToRegex(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    private static List<HistoryEntry> project(List<HistoryEntry> list, Set<ResultFlag> flags) {
        List<HistoryEntry> out = new ArrayList<>(list.size());
        boolean withOutput = flags.contains(ResultFlag.INCLUDE_OUTPUT);
        for (HistoryEntry e : list) {
            String output = withOutput ? (e.getOutput() == null ? "" : e.getOutput()) : null;
            out.add(new HistoryEntry(e.getSession(), e.getCellNumber(), e.getInput(), output));
        }
        return out;
    }
}
