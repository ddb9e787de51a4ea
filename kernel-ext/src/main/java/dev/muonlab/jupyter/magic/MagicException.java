package dev.muonlab.jupyter.magic;

/**
 * A magic failed for a reason the user can fix (bad argument, missing file, unknown artifact). The kernel shows
 * {@link #errorName()} and the message, without a Java stack trace.
 */
public class MagicException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String errorName;

    /**
     * @param errorName short name shown as the error's name, e.g. {@code MavenResolutionError}
     * @param message   what went wrong and, where possible, how to fix it
     * @param cause     the underlying failure, or null
     */
    public MagicException(String errorName, String message, Throwable cause) {
        super(message, cause);
        this.errorName = errorName;
    }

    /** @return the error's name */
    public String errorName() {
        return errorName;
    }
}
