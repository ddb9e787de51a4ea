package dev.muonlab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the Muon Lab checkout, whose {@code data/} folder holds the corpora and saved results.
 *
 * <p>Order: the environment variable {@code MUONLAB_HOME} (the launcher and the kernelspec set it),
 * the system property {@code muonlab.home}, then the nearest ancestor of the working directory that
 * contains both {@code pom.xml} and {@code data/} (so tests and notebooks started anywhere inside the
 * checkout find it).
 */
public final class MuonLabHome {

    private MuonLabHome() {
    }

    /**
     * @return the checkout's root folder
     * @throws IllegalStateException when none of the three ways finds it, with what to set
     */
    public static Path root() {
        return find().orElseThrow(() -> new IllegalStateException(
                "Cannot find the Muon Lab folder: set MUONLAB_HOME to the checkout (the folder with pom.xml and data/), "
                        + "or start from inside it. Working directory: " + Path.of("").toAbsolutePath()));
    }

    /** @return {@code root()/data} */
    public static Path data() {
        return root().resolve("data");
    }

    /** @return {@code root()/data/results/<study>}, not created */
    public static Path results(String study) {
        return data().resolve("results").resolve(study);
    }

    static Optional<Path> find() {
        String env = System.getenv("MUONLAB_HOME");
        if (env != null && !env.isBlank()) {
            return Optional.of(Path.of(env).toAbsolutePath().normalize());
        }
        String property = System.getProperty("muonlab.home");
        if (property != null && !property.isBlank()) {
            return Optional.of(Path.of(property).toAbsolutePath().normalize());
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("data"))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }
}
