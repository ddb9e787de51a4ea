package dev.muonlab.spark;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * What one Spark task sends back for its run, as one string: the run's result ({@link ResultText}),
 * or the failure of the run with its stack trace as text. A run that throws is answered, not
 * rethrown: Spark would retry a failed task (up to {@code spark.task.maxFailures} times on a
 * cluster), and a run seeded by its spec fails the same way every time; the driver names the run
 * instead ({@link SparkExecutor}).
 *
 * @param ok   whether the run produced a result
 * @param body the result's text when ok; else the failure's stack trace
 */
record TaskReply(boolean ok, String body) {

    private static final String OK = "ok\n";
    private static final String FAILED = "failed\n";

    /** @return a reply carrying {@code result}'s text; modifies nothing */
    static TaskReply result(String resultText) {
        return new TaskReply(true, resultText);
    }

    /** @return a reply naming {@code failure}, its stack trace as text; modifies nothing */
    static TaskReply failure(Throwable failure) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        return new TaskReply(false, trace.toString());
    }

    /** @return the reply as one string, for the trip to the driver; modifies nothing */
    String encode() {
        return (ok ? OK : FAILED) + body;
    }

    /**
     * @param text {@link #encode}'s output. Not modified.
     * @return the reply; modifies nothing
     */
    static TaskReply decode(String text) {
        if (text.startsWith(OK)) {
            return new TaskReply(true, text.substring(OK.length()));
        }
        if (text.startsWith(FAILED)) {
            return new TaskReply(false, text.substring(FAILED.length()));
        }
        throw new IllegalArgumentException("a task's reply starts with 'ok' or 'failed', got: "
                + text.substring(0, Math.min(80, text.length())));
    }

    /**
     * A run's failure on a Spark executor, rebuilt on the driver from its stack trace's text: the
     * message is the trace's first line (the exception and its message), {@link #remoteTrace} all of it.
     */
    static final class RemoteRunException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String trace;

        /** @param trace the failure's stack trace as the executor printed it */
        RemoteRunException(String trace) {
            super(trace.strip().lines().findFirst().orElse("(no message)") + " (on a Spark executor)", null, false, false);
            this.trace = trace;
        }

        /** @return the stack trace the executor printed */
        String remoteTrace() {
            return trace;
        }
    }
}
