package dev.muonlab.jupyter.kernel;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The start-up imports (JShell's defaults, the display statics, every extension's imports), evaluated after the
 * kernel is ready instead of before it: one import at a time in the background, and at once, before a cell
 * compiles, for every pending import that provides a name the cell mentions.
 *
 * <p>Why: JShell compiles each import as its own snippet (16-40 ms each with this class path, about 40 of them),
 * which put the first result of a fresh kernel 0.3-0.4 s over its 2 s goal (issue 2). A cell sees exactly the
 * imports it would have seen had they all run first: {@link ImportIndex} over-approximates the names each import
 * provides and treats an import it cannot list as needed by every cell.
 *
 * <p>Not thread-safe: every method runs under the kernel's lock, like everything else that touches JShell.
 */
final class DeferredImports {

    /** Evaluates one import declaration with JShell. */
    interface Sink {
        /**
         * @param declaration e.g. {@code import java.util.*;}
         * @throws CellError when JShell rejects it
         */
        void evalImport(String declaration) throws CellError;
    }

    private static final Logger LOG = LoggerFactory.getLogger(DeferredImports.class);

    /** A queued declaration and a test of the simple names it provides. */
    private record Pending(String declaration, Predicate<String> provides) {
    }

    private final Deque<Pending> pending = new ArrayDeque<>();
    private final ClassLoader loader;
    private Sink sink;
    private boolean accepting;

    /** @param loader loads the classes named by static imports (not initialized) */
    DeferredImports(ClassLoader loader) {
        this.loader = loader;
    }

    /** @param sink evaluates the imports. Sets this object's sink. */
    void connect(Sink sink) {
        this.sink = sink;
    }

    /**
     * While accepting (the kernel's start-up), {@link #offer} queues import-only sources instead of evaluating them.
     *
     * @param on whether to accept. Modifies this object.
     */
    void accept(boolean on) {
        accepting = on;
    }

    /**
     * @param source Java source about to be evaluated. Not modified.
     * @return true if it was queued (this is start-up and the source is imports only); the caller then skips it.
     *         Modifies the queue.
     */
    boolean offer(String source) {
        if (!accepting) {
            return false;
        }
        List<String> declarations = ImportIndex.splitImports(source);
        if (declarations == null) {
            return false;
        }
        for (String declaration : declarations) {
            pending.add(new Pending(declaration, ImportIndex.provides(declaration, loader)));
        }
        return true;
    }

    /**
     * Evaluates, in queue order, the pending imports that provide a name {@code source} mentions.
     *
     * @param source Java source about to be compiled. Not modified. Modifies the queue and JShell's imports.
     */
    void ensureFor(String source) {
        if (pending.isEmpty()) {
            return;
        }
        Set<String> mentioned = ImportIndex.identifiers(source);
        for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (mentioned.stream().anyMatch(p.provides())) {
                it.remove();
                evaluate(p);
            }
        }
    }

    /** Evaluates every pending import (before completion and inspection, which may need any). Empties the queue. */
    void ensureAll() {
        while (evalNext()) {
            // one at a time, in order
        }
    }

    /**
     * Evaluates the next pending import.
     *
     * @return false if none was pending. Modifies the queue and JShell's imports.
     */
    boolean evalNext() {
        Pending p = pending.poll();
        if (p == null) {
            return false;
        }
        evaluate(p);
        return true;
    }

    /** @return how many imports are still pending */
    int pendingCount() {
        return pending.size();
    }

    private void evaluate(Pending p) {
        try {
            sink.evalImport(p.declaration());
        } catch (CellError e) {
            // As at an eager start-up: a failing import is logged and the kernel goes on.
            LOG.error("Start-up import failed: {}: {} {}", p.declaration(), e.ename(), e.evalue());
        }
    }
}
