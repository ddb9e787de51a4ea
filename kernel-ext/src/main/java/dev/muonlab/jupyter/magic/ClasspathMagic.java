package dev.muonlab.jupyter.magic;

import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;
import org.dflib.jjava.jupyter.kernel.util.PathsHandler;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * {@code %classpath PATH...}: adds jars or class folders to the notebook's class path. Each argument may be a glob
 * ({@code lib/*.jar}) and may itself hold several entries separated by {@link File#pathSeparator}.
 */
public final class ClasspathMagic implements LineMagic<Void, BaseKernel> {

    private final Consumer<String> addToClasspath;

    /**
     * @param addToClasspath adds a {@link File#pathSeparator}-joined class path to the notebook
     */
    public ClasspathMagic(Consumer<String> addToClasspath) {
        this.addToClasspath = addToClasspath;
    }

    @Override
    public Void eval(BaseKernel kernel, List<String> args) throws Exception {
        if (args.isEmpty()) {
            System.out.println(System.getProperty("java.class.path"));
            return null;
        }
        List<Path> entries = new ArrayList<>();
        for (String arg : args) {
            for (String one : PathsHandler.split(arg)) {
                List<Path> matched = new ArrayList<>(PathsHandler.resolveGlobs(one));
                matched.removeIf(p -> !Files.exists(p));
                if (matched.isEmpty()) {
                    throw new MagicException("FileNotFoundError", "%classpath: nothing matches '" + one
                            + "' (relative paths start at " + Path.of("").toAbsolutePath() + ")", null);
                }
                entries.addAll(matched);
            }
        }
        addToClasspath.accept(entries.stream().map(p -> p.toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator)));
        System.out.println("Added " + entries.size() + " class path entr" + (entries.size() == 1 ? "y" : "ies"));
        return null;
    }
}
