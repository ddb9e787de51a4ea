package dev.muonlab.jupyter.kernel;

import java.util.List;

/**
 * A failed cell, already formatted for Jupyter's {@code error} message: name, value and traceback lines.
 *
 * <p>Why a checked exception with pre-formatted fields: the failure is formatted once, where the snippet and its
 * position in the cell are known (compile diagnostics, JShell stack frames), and then published exactly once.
 */
public final class CellError extends Exception {

    private static final long serialVersionUID = 1L;

    private final String ename;
    private final String evalue;
    private final List<String> traceback;

    /**
     * @param ename     short error name, e.g. {@code java.lang.ArithmeticException} or {@code CompilationError}
     * @param evalue    one-line description
     * @param traceback lines shown to the user (no embedded newlines)
     */
    public CellError(String ename, String evalue, List<String> traceback) {
        super(ename + ": " + evalue);
        this.ename = ename;
        this.evalue = evalue;
        this.traceback = List.copyOf(traceback);
    }

    /** @return the error name */
    public String ename() {
        return ename;
    }

    /** @return the one-line description */
    public String evalue() {
        return evalue;
    }

    /** @return the traceback lines */
    public List<String> traceback() {
        return traceback;
    }

    /**
     * @param ename  error name
     * @param evalue description, also the only traceback line
     * @return an error with a one-line traceback
     */
    public static CellError simple(String ename, String evalue) {
        return new CellError(ename, evalue, List.of(ename + ": " + evalue));
    }
}
