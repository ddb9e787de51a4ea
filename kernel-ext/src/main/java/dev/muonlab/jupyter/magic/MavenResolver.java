package dev.muonlab.jupyter.magic;

import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves Maven coordinates with their runtime dependencies from Maven Central into the local repository
 * ({@code ~/.m2/repository}), using Apache Maven Resolver (the library inside Maven), never hand-written HTTP.
 *
 * <p>Why Maven Resolver: it applies Maven's own rules (dependency management, version conflicts, scopes,
 * checksums) and shares the user's local repository, so artifacts already downloaded by Maven are reused.
 */
public final class MavenResolver {

    /** Maven Central, under the id Maven itself uses (so the local repository's origin checks agree). */
    static final RemoteRepository CENTRAL = new RemoteRepository.Builder(
            "central", "default", "https://repo.maven.apache.org/maven2/").build();

    private final Path localRepository;
    private RepositorySystem system;

    /**
     * @param localRepository the local repository folder, normally {@code ~/.m2/repository}
     */
    public MavenResolver(Path localRepository) {
        this.localRepository = localRepository;
    }

    /** @return a resolver on {@code ~/.m2/repository} */
    public static MavenResolver userDefault() {
        return new MavenResolver(Path.of(System.getProperty("user.home"), ".m2", "repository"));
    }

    /**
     * @param coordinates {@code group:artifact[:extension[:classifier]]:version}
     * @return jar files of the artifact and its runtime dependencies, in resolution order
     * @throws MagicException if the coordinates are malformed or anything cannot be resolved (the message names it)
     */
    public synchronized List<Path> resolve(String coordinates) {
        DefaultArtifact artifact;
        try {
            artifact = new DefaultArtifact(coordinates);
        } catch (IllegalArgumentException e) {
            throw new MagicException("MavenCoordinatesError", "'" + coordinates
                    + "' is not a Maven coordinate; expected group:artifact:version, e.g. "
                    + "org.apache.commons:commons-math3:3.6.1", e);
        }
        if (system == null) {
            system = new RepositorySystemSupplier().get();
        }
        try (RepositorySystemSession.CloseableSession session = new SessionBuilderSupplier(system).get()
                .withLocalRepositoryBaseDirectories(localRepository)
                .build()) {
            CollectRequest collect = new CollectRequest(new Dependency(artifact, JavaScopes.RUNTIME),
                    List.of(CENTRAL));
            DependencyRequest request = new DependencyRequest(collect,
                    DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
            List<Path> jars = new ArrayList<>();
            for (ArtifactResult r : system.resolveDependencies(session, request).getArtifactResults()) {
                if (r.getArtifact() != null && r.getArtifact().getPath() != null) {
                    jars.add(r.getArtifact().getPath());
                }
            }
            return jars;
        } catch (DependencyResolutionException e) {
            throw new MagicException("MavenResolutionError", "cannot resolve " + coordinates + ": "
                    + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        String msg = e.getMessage();
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                msg = t.getMessage();
            }
        }
        return msg;
    }
}
