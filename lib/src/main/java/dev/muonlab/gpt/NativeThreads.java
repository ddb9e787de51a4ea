package dev.muonlab.gpt;

import org.nd4j.linalg.factory.Nd4j;

/**
 * The number of threads ND4J's native ops and its BLAS use. On a busy machine one thread per
 * process is often faster than spinning threads that wait for a core; the command line's
 * {@code --threads} and the tests set it here.
 */
public final class NativeThreads {

    private NativeThreads() {
    }

    /** @return the current thread count of ND4J's op executor */
    public static int get() {
        return Nd4j.getEnvironment().maxThreads();
    }

    /**
     * Sets both ND4J's op threads and its BLAS threads.
     *
     * @param n threads, ≥ 1
     * @return the previous op-thread count, to restore later
     */
    public static int set(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + n);
        }
        int previous = Nd4j.getEnvironment().maxThreads();
        Nd4j.getEnvironment().setMaxThreads(n);
        Nd4j.getEnvironment().setMaxMasterThreads(n);
        Nd4j.factory().blas().setMaxThreads(n);
        return previous;
    }
}
