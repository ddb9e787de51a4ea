package dev.muonlab.jupyter.kernel;

import java.util.List;
import java.util.function.Consumer;

/**
 * Keeps known library noise out of cell output, line by line.
 *
 * <p>Why: some libraries print to {@code System.out} from inside user calls, e.g. SameDiff prints
 * "Added differentiated op ..." for every gradient op. Those lines go to the kernel log instead. Text arrives in
 * arbitrary chunks, so a trailing partial line that could still become a noise line is held back until its newline
 * arrives (or the cell ends). Not thread-safe: the owning stream synchronizes.
 */
final class NoiseFilter {

    /** Line prefixes that are library noise (matched after leading whitespace). */
    static final List<String> NOISE_PREFIXES = List.of(
            "Added differentiated op",
            "Loaded [CpuBackend] backend",
            "Loaded [JCublasBackend] backend");

    private final StringBuilder pending = new StringBuilder();
    private boolean pendingAtLineStart = true;

    /**
     * @param chunk     newly written text. Not modified.
     * @param noiseSink receives noise lines (with their newline)
     * @return the text that may be shown now
     */
    String accept(String chunk, Consumer<String> noiseSink) {
        pending.append(chunk);
        StringBuilder out = new StringBuilder();
        int lineStart = 0;
        for (int nl = pending.indexOf("\n"); nl >= 0; nl = pending.indexOf("\n", lineStart)) {
            String line = pending.substring(lineStart, nl + 1);
            boolean wholeLine = lineStart > 0 || pendingAtLineStart;
            pendingAtLineStart = true;
            if (wholeLine && isNoise(line)) {
                noiseSink.accept(line);
            } else {
                out.append(line);
            }
            lineStart = nl + 1;
        }
        pending.delete(0, lineStart);
        if (pending.length() > 0 && !(pendingAtLineStart && couldBecomeNoise(pending))) {
            out.append(pending);
            pending.setLength(0);
            pendingAtLineStart = false;
        }
        return out.toString();
    }

    /**
     * Releases a held-back partial line (at the end of a cell).
     *
     * @param noiseSink receives it if it is noise
     * @return the text that may be shown
     */
    String drain(Consumer<String> noiseSink) {
        String rest = pending.toString();
        pending.setLength(0);
        boolean wholeLine = pendingAtLineStart;
        pendingAtLineStart = rest.isEmpty() ? wholeLine : rest.endsWith("\n");
        if (wholeLine && isNoise(rest)) {
            noiseSink.accept(rest);
            return "";
        }
        return rest;
    }

    static boolean isNoise(CharSequence line) {
        String s = line.toString().stripLeading();
        for (String p : NOISE_PREFIXES) {
            if (s.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    private static boolean couldBecomeNoise(CharSequence partial) {
        String s = partial.toString().stripLeading();
        if (s.isEmpty()) {
            return partial.length() < 64; // only whitespace so far: wait a little for the rest
        }
        for (String p : NOISE_PREFIXES) {
            if (s.startsWith(p) || p.startsWith(s)) {
                return true;
            }
        }
        return false;
    }
}
