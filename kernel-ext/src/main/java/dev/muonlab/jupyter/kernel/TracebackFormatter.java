package dev.muonlab.jupyter.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a runtime exception from a cell into traceback lines that point at cells and cell lines.
 *
 * <p>Pure: input is the exception chain as JShell reports it (frames of cell code have file {@code #id} and
 * snippet-relative lines; frames below the cell's own code are already cut by JShell). Frames of the kernel itself
 * (stop checks, exit guard) are dropped, and long runs of library frames above the user's code are shortened, so
 * the trace shows the user's frames and just enough library context.
 */
final class TracebackFormatter {

    /** Library frames kept above the first cell frame (the rest are summarized in one line). */
    static final int LIBRARY_FRAMES_KEPT = 6;
    private static final String KERNEL_PACKAGE = "dev.muonlab.jupyter.kernel.";

    /**
     * One throwable of a cause chain.
     *
     * @param className the exception's class name
     * @param message   its message, may be null
     * @param frames    its stack, innermost first
     */
    record ThrowableInfo(String className, String message, StackTraceElement[] frames) {
    }

    private TracebackFormatter() {
    }

    /**
     * @param chain     the exception first, then its causes. Not modified.
     * @param locations snippet id to cell location. Not modified.
     * @return traceback lines
     */
    static List<String> format(List<ThrowableInfo> chain, SnippetLocations locations) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            ThrowableInfo t = chain.get(i);
            String head = t.className() + (t.message() == null ? "" : ": " + t.message());
            lines.add(i == 0 ? head : "Caused by: " + head);
            lines.addAll(frames(t.frames(), locations));
        }
        return lines;
    }

    /**
     * @param frames    a stack, innermost first. Not modified.
     * @param locations snippet id to cell location. Not modified.
     * @return the "at ..." lines for the frames worth showing
     */
    static List<String> frames(StackTraceElement[] frames, SnippetLocations locations) {
        List<StackTraceElement> kept = new ArrayList<>();
        for (StackTraceElement f : frames) {
            if (!f.getClassName().startsWith(KERNEL_PACKAGE)) {
                kept.add(f);
            }
        }
        int firstCell = -1;
        for (int i = 0; i < kept.size(); i++) {
            if (isCellFrame(kept.get(i))) {
                firstCell = i;
                break;
            }
        }
        List<String> out = new ArrayList<>();
        int libraryLimit = firstCell < 0 ? 2 * LIBRARY_FRAMES_KEPT : LIBRARY_FRAMES_KEPT;
        int libraryAbove = firstCell < 0 ? kept.size() : firstCell;
        for (int i = 0; i < kept.size(); i++) {
            if (i < libraryAbove && i >= libraryLimit) {
                if (i == libraryLimit) {
                    out.add("    ... " + (libraryAbove - libraryLimit) + " more frames in libraries");
                }
                continue;
            }
            out.add("    at " + describe(kept.get(i), locations));
        }
        return out;
    }

    /**
     * @param f         one frame
     * @param locations snippet id to cell location
     * @return e.g. {@code square (cell [2], line 3)} for cell code, or the usual Java form for library code
     */
    static String describe(StackTraceElement f, SnippetLocations locations) {
        if (!isCellFrame(f)) {
            return f.toString();
        }
        SnippetLocations.Location loc = locations.get(f.getFileName().substring(1));
        String where = loc == null
                ? "snippet " + f.getFileName() + ", line " + f.getLineNumber()
                : loc.label() + ", line " + loc.cellLine(f.getLineNumber());
        String cls = f.getClassName();
        String method = f.getMethodName();
        String name = (cls.isEmpty() ? "" : cls + ".") + method;
        if (name.isEmpty() || name.endsWith(".")) {
            name = name.isEmpty() ? "" : name.substring(0, name.length() - 1);
        }
        return name.isEmpty() ? where : name + " (" + where + ")";
    }

    private static boolean isCellFrame(StackTraceElement f) {
        return f.getFileName() != null && f.getFileName().startsWith("#");
    }
}
