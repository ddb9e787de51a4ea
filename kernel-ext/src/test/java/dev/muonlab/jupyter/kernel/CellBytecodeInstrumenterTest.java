package dev.muonlab.jupyter.kernel;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rewritten bytecode really stops a tight loop and really refuses System.exit. */
class CellBytecodeInstrumenterTest {

    /** Stand-in for a class compiled from a cell. */
    public static final class Cell {
        public static long spin() {
            long n = 0;
            while (true) {
                n++;
            }
        }

        public static int add(int a, int b) {
            int s = 0;
            for (int i = 0; i < b; i++) {
                s++;
            }
            return a + s;
        }

        public static void exit() {
            System.exit(7);
        }

        public static void halt() {
            Runtime.getRuntime().halt(3);
        }
    }

    @AfterEach
    void reset() {
        StopCheck.reset();
    }

    private static Class<?> instrumented() throws Exception {
        String name = Cell.class.getName();
        byte[] bytes;
        try (InputStream in = Cell.class.getResourceAsStream("/" + name.replace('.', '/') + ".class")) {
            bytes = in.readAllBytes();
        }
        byte[] rewritten = CellBytecodeInstrumenter.instrument(bytes);
        ClassLoader loader = new ClassLoader(CellBytecodeInstrumenterTest.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String n, boolean resolve) throws ClassNotFoundException {
                if (n.equals(name)) {
                    synchronized (getClassLoadingLock(n)) {
                        Class<?> c = findLoadedClass(n);
                        return c != null ? c : defineClass(n, rewritten, 0, rewritten.length);
                    }
                }
                return super.loadClass(n, resolve);
            }
        };
        return loader.loadClass(name);
    }

    @Test
    void tightLoopStopsAtTheNextIterationAfterAStopRequest() throws Exception {
        Method spin = instrumented().getMethod("spin");
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                spin.invoke(null);
            } catch (InvocationTargetException e) {
                thrown.set(e.getCause());
            } catch (IllegalAccessException e) {
                thrown.set(e);
            }
        });
        t.start();
        Thread.sleep(100);
        assertTrue(t.isAlive());
        StopCheck.requestStop();
        t.join(2000);
        assertFalse(t.isAlive(), "the loop must stop");
        assertInstanceOf(CellInterruptedError.class, thrown.get());
    }

    @Test
    void instrumentedCodeComputesTheSameResults() throws Exception {
        assertEquals(12, instrumented().getMethod("add", int.class, int.class).invoke(null, 5, 7));
    }

    @Test
    void exitAndHaltAreRefused() throws Exception {
        Class<?> c = instrumented();
        for (String m : new String[]{"exit", "halt"}) {
            InvocationTargetException e = org.junit.jupiter.api.Assertions.assertThrows(
                    InvocationTargetException.class, () -> c.getMethod(m).invoke(null));
            assertInstanceOf(SecurityException.class, e.getCause());
        }
    }
}
