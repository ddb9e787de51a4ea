package dev.muonlab.jupyter;

import dev.muonlab.SmokeMode;
import dev.muonlab.jupyter.widget.Box;
import dev.muonlab.jupyter.widget.Checkbox;
import dev.muonlab.jupyter.widget.Dropdown;
import dev.muonlab.jupyter.widget.FloatLogSlider;
import dev.muonlab.jupyter.widget.FloatSlider;
import dev.muonlab.jupyter.widget.IntSlider;
import dev.muonlab.jupyter.widget.Interact;
import dev.muonlab.jupyter.widget.Widget;
import dev.muonlab.jupyter.widget.Widgets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The imports every Muon Lab notebook starts with, kept in this one place: ND4J's entry points,
 * Tablesaw and its Plotly bindings, every package of the Muon Lab library, and the notebook statics
 * ({@code progressBar}, {@code liveDisplay}).
 *
 * <p>The library's packages are found by listing the library jar (or class folder) when the
 * extension is installed, so a package added to {@code lib} is imported without touching this class,
 * and no import names a package that does not exist (JShell rejects those). {@code dev.muonlab.cli}
 * is left out: its command classes are for the terminal.
 */
public final class DefaultImports {

    /** Third-party imports: single types for ND4J (its packages are large), whole packages for Tablesaw. */
    public static final List<String> THIRD_PARTY = List.of(
            "org.nd4j.linalg.factory.Nd4j",
            "org.nd4j.linalg.api.ndarray.INDArray",
            "org.nd4j.linalg.api.buffer.DataType",
            "org.nd4j.linalg.indexing.NDArrayIndex",
            "org.nd4j.linalg.ops.transforms.Transforms",
            "tech.tablesaw.api.*",
            "tech.tablesaw.plotly.components.*",
            "tech.tablesaw.plotly.api.*",
            "tech.tablesaw.plotly.traces.*");

    /** Widget types imported one by one (declared types in cells; the factories come from {@link Widgets}). */
    public static final List<Class<?>> WIDGET_TYPES = List.of(Widget.class, IntSlider.class, FloatSlider.class,
            FloatLogSlider.class, Dropdown.class, Checkbox.class, Box.class, Interact.class);

    /** Library packages not imported into notebooks. */
    public static final List<String> EXCLUDED_PACKAGES = List.of("dev.muonlab.cli");

    private DefaultImports() {
    }

    /** @return the Java source to evaluate: one import statement per line */
    public static String code() {
        StringBuilder out = new StringBuilder();
        for (String name : THIRD_PARTY) {
            out.append("import ").append(name).append(";\n");
        }
        for (String pkg : libraryPackages()) {
            out.append("import ").append(pkg).append(".*;\n");
        }
        out.append("import ").append(LiveDisplay.class.getName()).append(";\n");
        out.append("import static ").append(MuonLabNotebook.class.getName()).append(".*;\n");
        for (Class<?> type : WIDGET_TYPES) { // single types: Layout, Output and Button would clash with Tablesaw's
            out.append("import ").append(type.getName()).append(";\n");
        }
        out.append("import static ").append(Widgets.class.getName()).append(".*;\n");
        return out.toString();
    }

    /** @return the packages of the Muon Lab library that hold classes, sorted, without the excluded ones */
    public static List<String> libraryPackages() {
        TreeSet<String> packages = new TreeSet<>();
        for (String name : libraryClasses()) {
            packages.add(name.substring(0, name.lastIndexOf('.')));
        }
        return new ArrayList<>(packages);
    }

    /**
     * @return the binary names of the top-level classes in the library's imported packages, sorted
     *         (from the lib jar, or its class folder when running from a build tree)
     */
    public static List<String> libraryClasses() {
        Path location;
        try {
            location = Path.of(SmokeMode.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the Muon Lab library", e);
        }
        TreeSet<String> entries = new TreeSet<>();
        try {
            if (Files.isDirectory(location)) {
                try (Stream<Path> files = Files.walk(location)) {
                    files.map(p -> location.relativize(p).toString().replace(location.getFileSystem().getSeparator(), "/"))
                            .forEach(entries::add);
                }
            } else {
                try (JarFile jar = new JarFile(location.toFile())) {
                    jar.stream().map(JarEntry::getName).forEach(entries::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the Muon Lab library at " + location, e);
        }
        List<String> classes = new ArrayList<>();
        for (String entry : entries) {
            if (!entry.endsWith(".class") || entry.contains("$") || entry.endsWith("package-info.class")
                    || entry.endsWith("module-info.class") || !entry.startsWith("dev/muonlab/")) {
                continue;
            }
            String name = entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
            if (!EXCLUDED_PACKAGES.contains(name.substring(0, name.lastIndexOf('.')))) {
                classes.add(name);
            }
        }
        return classes;
    }
}
