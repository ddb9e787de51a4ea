package dev.muonlab.jupyter.kernel;

import jdk.jshell.execution.DirectExecutionControl;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * JShell execution control that runs snippets in the kernel's own JVM, on the {@link CellThreadRunner}'s cell
 * thread, and keeps the real result object of each snippet.
 *
 * <p>Why: JShell's standard engines only return {@code String} renderings of values. Keeping the object lets the
 * Renderer show an INDArray, Table or Figure richly. {@link #invoke(Method)} stores the object under a key and
 * gives JShell the key as the "value"; {@link CellEvaluator} takes it back with {@link #takeResult(String)}.
 */
final class InKernelExecutionControl extends DirectExecutionControl {

    private static final Object NULL = new Object();
    private static final String KEY_PREFIX = "muonlab-result#";

    private final CellThreadRunner runner;
    private final Map<String, Object> results = new ConcurrentHashMap<>();
    private final AtomicLong nextKey = new AtomicLong();

    /**
     * @param loaderDelegate installs and finds snippet classes
     * @param runner         the cell thread that runs user code
     */
    InKernelExecutionControl(SnippetLoaderDelegate loaderDelegate, CellThreadRunner runner) {
        super(loaderDelegate);
        this.runner = runner;
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        Object value;
        try {
            value = runner.call(() -> doitMethod.invoke(null));
        } catch (CellInterruptedError e) {
            throw new InvocationTargetException(e);
        }
        String key = KEY_PREFIX + nextKey.incrementAndGet();
        results.put(key, value == null ? NULL : value);
        return key;
    }

    /**
     * @param key a value string from a SnippetEvent
     * @return whether it names a stored result
     */
    static boolean isResultKey(String key) {
        return key != null && key.startsWith(KEY_PREFIX);
    }

    /**
     * Removes and returns a stored result (every key must be taken once, or the object leaks).
     *
     * @param key the key JShell reported as the snippet's value
     * @return the object, possibly null
     */
    Object takeResult(String key) {
        Object v = results.remove(key);
        return v == NULL ? null : v;
    }

    @Override
    public void stop() {
        runner.requestStop();
    }
}
