package dev.muonlab.jupyter.magic;

import org.dflib.jjava.jupyter.kernel.magic.LineMagic;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * {@code %maven group:artifact:version ...}: resolves each artifact with its runtime dependencies
 * ({@link MavenResolver}) and adds the jars to the notebook's class path, so the next lines can import them.
 */
public final class MavenMagic implements LineMagic<Void, org.dflib.jjava.jupyter.kernel.BaseKernel> {

    private final MavenResolver resolver;
    private final Consumer<String> addToClasspath;

    /**
     * @param resolver       resolves coordinates
     * @param addToClasspath adds a {@link File#pathSeparator}-joined class path to the notebook
     */
    public MavenMagic(MavenResolver resolver, Consumer<String> addToClasspath) {
        this.resolver = resolver;
        this.addToClasspath = addToClasspath;
    }

    @Override
    public Void eval(org.dflib.jjava.jupyter.kernel.BaseKernel kernel, List<String> args) {
        if (args.isEmpty()) {
            throw new MagicException("UsageError", "usage: %maven group:artifact:version [more coordinates]", null);
        }
        List<Path> all = new ArrayList<>();
        for (String coordinates : args) {
            System.out.println("Resolving " + coordinates + " from Maven Central (cached in ~/.m2/repository) ...");
            List<Path> jars = resolver.resolve(coordinates);
            all.addAll(jars);
            System.out.println("Resolved " + coordinates + ": " + jars.size() + " jar(s)");
        }
        addToClasspath.accept(all.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        return null;
    }
}
