package dev.muonlab.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file that is missing, damaged or malformed, with the problem as a clause that completes a
 * sentence about it ("is missing", "is 100 bytes, the manifest says 4,224 (truncated?)"), so that
 * callers can say in one sentence which file is wrong, what is wrong, and what the user can do.
 */
public final class CorruptFileException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String problem;

    /**
     * @param file    the file, as the user should see it named
     * @param problem what is wrong, a clause without a subject ("is missing")
     */
    public CorruptFileException(Path file, String problem) {
        super(file + " " + problem);
        this.file = file;
        this.problem = problem;
    }

    /** @return the file that is wrong */
    public Path file() {
        return file;
    }

    /** @return what is wrong with it, e.g. "is missing" */
    public String problem() {
        return problem;
    }
}
