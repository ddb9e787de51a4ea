package dev.muonlab.train;

import dev.muonlab.io.CorruptFileException;

import java.nio.file.Path;

/**
 * A run folder that cannot be resumed or written, told in one sentence that names the file, says
 * what is wrong with it and what the user can do. The command line prints the message alone,
 * without a stack trace; whatever threw it has not changed the run folder unless it says so.
 */
public final class RunFolderException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** @param sentence the whole message, one sentence */
    public RunFolderException(String sentence) {
        super(sentence);
    }

    /**
     * @param outDir the run folder
     * @param bad    the file that is missing or damaged, and how
     * @param advice what the user can do, a clause ("start the run again with a new --out")
     * @return "cannot resume OUT: FILE PROBLEM; ADVICE."
     */
    static RunFolderException cannotResume(Path outDir, CorruptFileException bad, String advice) {
        return new RunFolderException("cannot resume " + outDir + ": " + shown(outDir, bad.file()) + " "
                + bad.problem() + "; " + advice + ".");
    }

    /** @return {@code file} relative to the run folder when it lies inside it, else as given */
    static String shown(Path outDir, Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path root = outDir.toAbsolutePath().normalize();
        return abs.startsWith(root) ? root.relativize(abs).toString() : file.toString();
    }
}
