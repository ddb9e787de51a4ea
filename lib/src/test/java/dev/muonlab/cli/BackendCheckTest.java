package dev.muonlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link BackendCheck} in the default build, which carries ND4J's CPU backend only, and the rule that
 * keeps the {@code -Pcuda} build compiling: no main source uses a class of nd4j-native (the CUDA build
 * lacks them; OpenBLAS's Java API is declared in lib/pom.xml for both).
 */
class BackendCheckTest {

    @Test
    void thisBuildCarriesTheCpuBackendOnly() {
        assertTrue(BackendCheck.onClassPath(BackendCheck.CPU_BACKEND_CLASS));
        assertFalse(BackendCheck.onClassPath(BackendCheck.CUDA_BACKEND_CLASS));
    }

    @Test
    void cudaIsRefusedBeforeTheGpuIsAskedWithHowToBuildIt() {
        List<String> mustNotRun = List.of("/nonexistent/must-not-run");
        var e = assertThrows(IllegalArgumentException.class, () -> BackendCheck.require("cuda", mustNotRun));
        assertTrue(e.getMessage().contains("mvn -Pcuda clean package") && e.getMessage().contains("3.7 to 8.9"), e.getMessage());
    }

    @Test
    void anUnknownBackendIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> BackendCheck.require("tpu", List.of()));
        assertEquals("--backend must be cpu or cuda, not tpu", e.getMessage());
    }

    @Test
    void cpuLoadsNd4jsCpuBackend() {
        BackendCheck.require("cpu", List.of("/nonexistent/must-not-run"));
        assertEquals("CpuBackend", Nd4j.getBackend().getClass().getSimpleName());
    }

    @Test
    void noMainSourceUsesTheCpuBackendsClasses() throws IOException {
        Path main = Path.of("src/main/java");
        try (Stream<Path> files = Files.walk(main)) {
            List<Path> offenders = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.endsWith("cli/BackendCheck.java"))             // names it as a string, not loaded
                    .filter(f -> read(f).contains("org.nd4j.linalg.cpu."))
                    .toList();
            assertEquals(List.of(), offenders, "these would break the -Pcuda build");
        }
        assertTrue(Files.exists(main.resolve("dev/muonlab/cli/BackendCheck.java")), "run from lib/");
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
