package dev.muonlab.io;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only crash points: where the system property {@code muonlab.faultPoint} names a point, the
 * JVM halts there with {@link Runtime#halt} (exit status 137, as after SIGKILL), running no shutdown
 * hook and flushing nothing, so a fault-injection test can stop a run at an exact place (half-way
 * through writing a file, between two renames) that a real SIGKILL sent at a random time would hit
 * only by luck. {@code name#n} halts the n-th time the point is reached (1-based; the first by
 * default). Unset, as always outside those tests, {@link #reach} is one null check.
 */
public final class FaultPoints {

    /** The system property naming the point, e.g. {@code write:metrics.csv.tmp#2}. */
    public static final String PROPERTY = "muonlab.faultPoint";
    /** The exit status of a halt at a fault point: 128 + SIGKILL's 9, what a killed process reports. */
    public static final int EXIT_STATUS = 137;

    private static final String NAME;
    private static final int AT;
    private static final AtomicInteger HITS = new AtomicInteger();

    static {
        String spec = System.getProperty(PROPERTY);
        int hash = spec == null ? -1 : spec.lastIndexOf('#');
        NAME = spec == null || spec.isEmpty() ? null : hash < 0 ? spec : spec.substring(0, hash);
        AT = hash < 0 ? 1 : Integer.parseInt(spec.substring(hash + 1));
    }

    private FaultPoints() {
    }

    /** Halts the JVM when {@code name} is the configured point, reached for the configured time. */
    public static void reach(String name) {
        if (NAME != null && NAME.equals(name) && HITS.incrementAndGet() == AT) {
            System.err.flush();
            Runtime.getRuntime().halt(EXIT_STATUS);
        }
    }
}
