package dev.muonlab.jupyter.kernel;

import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.ClassInstallException;
import jdk.jshell.spi.ExecutionControl.InternalException;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JShell's view of {@link SnippetClassLoader}: installs the class files of each snippet (instrumented by
 * {@link CellBytecodeInstrumenter}) and resolves class names for invocation.
 *
 * <p>Classes are loaded through {@link ClassLoader#loadClass}, which returns an already defined class instead of
 * defining it a second time (defining twice makes snippets silently do nothing).
 */
final class SnippetLoaderDelegate implements LoaderDelegate {

    private final SnippetClassLoader loader;
    private final Map<String, Class<?>> loaded = new ConcurrentHashMap<>();

    /**
     * @param loader the notebook's class loader. Modified by {@link #load} and {@link #addToClasspath}.
     */
    SnippetLoaderDelegate(SnippetClassLoader loader) {
        this.loader = loader;
    }

    @Override
    public void load(ClassBytecodes[] cbcs) throws ClassInstallException {
        boolean[] installed = new boolean[cbcs.length];
        try {
            for (ClassBytecodes cbc : cbcs) {
                loader.declare(cbc.name(), CellBytecodeInstrumenter.instrument(cbc.bytecodes()));
            }
            for (int i = 0; i < cbcs.length; i++) {
                Class<?> klass = loader.loadClass(cbcs[i].name());
                loaded.put(cbcs[i].name(), klass);
                installed[i] = true;
                klass.getDeclaredMethods(); // link now, so errors surface at install time
            }
        } catch (Throwable e) {
            throw new ClassInstallException("load: " + e, installed);
        }
    }

    @Override
    public void classesRedefined(ClassBytecodes[] cbcs) {
        for (ClassBytecodes cbc : cbcs) {
            loader.declare(cbc.name(), CellBytecodeInstrumenter.instrument(cbc.bytecodes()));
        }
    }

    @Override
    public void addToClasspath(String path) throws InternalException {
        try {
            for (String entry : path.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    loader.addEntry(Path.of(entry).toUri().toURL());
                }
            }
        } catch (Exception e) {
            throw new InternalException("Cannot add to the class path: " + path + ": " + e);
        }
    }

    @Override
    public Class<?> findClass(String name) throws ClassNotFoundException {
        Class<?> klass = loaded.get(name);
        if (klass == null) {
            throw new ClassNotFoundException(name + " not found");
        }
        return klass;
    }
}
