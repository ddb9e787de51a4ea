package dev.muonlab.jupyter.kernel;

import java.net.URL;
import java.net.URLClassLoader;
import java.security.CodeSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The class loader of everything a notebook defines, and of jars added with {@code %classpath} / {@code %maven}.
 *
 * <p>Why its own loader: JShell hands over class files of cell snippets; they must be defined in a loader whose
 * parent is the kernel's class path (so cells see Muon Lab, ND4J and Tablesaw) and which can grow at run time. It is
 * also the thread context class loader while cells run, which ND4J needs to find its backend.
 */
final class SnippetClassLoader extends URLClassLoader {

    static {
        ClassLoader.registerAsParallelCapable();
    }

    private final Map<String, byte[]> declared = new ConcurrentHashMap<>();

    /**
     * @param parent the kernel's class loader. Not modified.
     */
    SnippetClassLoader(ClassLoader parent) {
        super("muonlab-cells", new URL[0], parent);
    }

    /**
     * Remembers the bytes of a cell class so that {@link #findClass} can define it on first use.
     *
     * @param name  binary class name
     * @param bytes class file. Stored, not copied.
     */
    void declare(String name, byte[] bytes) {
        declared.put(name, bytes);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = declared.get(name);
        if (bytes == null) {
            return super.findClass(name);
        }
        return defineClass(name, bytes, 0, bytes.length, (CodeSource) null);
    }

    /** Widened to package access so that the kernel can add class path entries. Modifies this loader. */
    @Override
    protected void addURL(URL url) {
        super.addURL(url);
    }

    /** Adds a jar or folder; visible to classes loaded afterwards. Modifies this loader. */
    void addEntry(URL url) {
        addURL(url);
    }
}
