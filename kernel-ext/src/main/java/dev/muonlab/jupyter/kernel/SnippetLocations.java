package dev.muonlab.jupyter.kernel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where each JShell snippet came from: which cell (or file) and at which line of it the snippet starts.
 *
 * <p>Why: JShell reports stack frames as {@code #<snippet id>:<line in snippet>}; users think in cells and cell
 * lines. Methods defined in an earlier cell keep their location, so a traceback through them points at that cell.
 */
final class SnippetLocations {

    /**
     * @param label     where the code came from, e.g. {@code cell [3]} or a file name
     * @param firstLine 1-based line of the snippet's first line within that cell or file
     */
    record Location(String label, int firstLine) {
        /**
         * @param snippetLine 1-based line within the snippet
         * @return the 1-based line within the cell
         */
        int cellLine(int snippetLine) {
            return firstLine + Math.max(snippetLine, 1) - 1;
        }
    }

    private final Map<String, Location> bySnippetId = new ConcurrentHashMap<>();

    /**
     * @param snippetId JShell snippet id. Modifies this map.
     * @param location  where it starts
     */
    void put(String snippetId, Location location) {
        bySnippetId.put(snippetId, location);
    }

    /**
     * @param snippetId JShell snippet id
     * @return its location, or null when unknown
     */
    Location get(String snippetId) {
        return bySnippetId.get(snippetId);
    }

    /** @return the label the kernel uses for an executed cell */
    static String cellLabel(int executionCount) {
        return "cell [" + executionCount + "]";
    }
}
