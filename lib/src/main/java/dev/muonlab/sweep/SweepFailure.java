package dev.muonlab.sweep;

/** A run of a sweep threw: the message names the run; the runs that finished are stored. */
public final class SweepFailure extends RuntimeException {

    /**
     * @param spec  the failed run
     * @param cause what it threw
     */
    public SweepFailure(RunSpec spec, Throwable cause) {
        super("run " + spec.hash() + " " + spec + " failed: " + cause, cause);
    }
}
