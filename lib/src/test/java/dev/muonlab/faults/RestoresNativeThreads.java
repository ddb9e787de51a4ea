package dev.muonlab.faults;

import dev.muonlab.gpt.NativeThreads;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of the tests that run {@code muonlab train} in this JVM: the command sets ND4J's and
 * OpenBLAS's threads to one, process-wide, and the other test classes must get their count back.
 */
abstract class RestoresNativeThreads {

    private static int threadsBefore;

    @BeforeAll
    static void rememberThreads() {
        threadsBefore = NativeThreads.get();
    }

    @AfterAll
    static void restoreThreads() {
        NativeThreads.set(threadsBefore);
    }
}
