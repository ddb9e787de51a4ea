package dev.muonlab.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The counts the issue asks for: faults injected, recovered (the run or result came out as if
 * nothing had happened), refused with a clear error (one sentence naming the file, the folder
 * unchanged), lost (anything else: the goal is zero). Written to
 * {@code target/fault-injection/NAME.txt} for the record; tests assert on the counts, print nothing.
 */
final class Tally {

    private final String name;
    private int injected;
    private int recovered;
    private int refused;
    private final List<String> lost = new ArrayList<>();
    private final List<String> lines = new ArrayList<>();

    Tally(String name) {
        this.name = name;
    }

    void recovered(String fault, String how) {
        injected++;
        recovered++;
        lines.add("recovered  " + fault + ": " + how);
    }

    void refused(String fault, String message) {
        injected++;
        refused++;
        lines.add("refused    " + fault + ": " + message);
    }

    void lost(String fault, String why) {
        injected++;
        lost.add(fault + ": " + why);
        lines.add("LOST       " + fault + ": " + why);
    }

    /** A planned fault that did not happen (the run finished before the kill); not counted. */
    void missed(String fault) {
        lines.add("missed     " + fault + " (the process ended before it)");
    }

    int injected() {
        return injected;
    }

    int recovered() {
        return recovered;
    }

    int refused() {
        return refused;
    }

    List<String> lost() {
        return lost;
    }

    /** Writes the report. Modified: target/fault-injection/NAME.txt. */
    String write(long millis) throws IOException {
        String summary = name + ": " + injected + " faults injected, " + recovered + " recovered, " + refused
                + " refused with a clear error, " + lost.size() + " lost, in " + millis / 1000.0 + " s";
        Path dir = Files.createDirectories(Path.of("target", "fault-injection"));
        List<String> all = new ArrayList<>(List.of(summary, ""));
        all.addAll(lines);
        Files.write(dir.resolve(name + ".txt"), all);
        return summary;
    }
}
