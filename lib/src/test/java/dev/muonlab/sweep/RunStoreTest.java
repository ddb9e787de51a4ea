package dev.muonlab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store keeps whole results and never reuses a damaged one: each fault is reported by file and recomputed. */
class RunStoreTest {

    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();
    private final ArithmeticStudy study = new ArithmeticStudy(3);
    private final RunSpec spec = study.specs(SweepPreset.SMOKE).get(2);

    private RunStore saved() {
        RunStore store = new RunStore(dir, warnings::add);
        store.save(spec, study.run(spec, RunContext.NONE));
        return store;
    }

    @Test
    void aSavedResultComesBackExactly() {
        RunResult back = saved().load(spec).orElseThrow();
        assertEquals(9.0, back.metric("square"));
        assertEquals(10.0, back.metric("shifted"));
        assertEquals(9.0, back.curve().doubleColumn("y").getDouble(2));
        assertEquals(dir.resolve("arithmetic").resolve(spec.hash()), saved().folder(spec));
        assertEquals(List.of(), warnings);
    }

    @Test
    void truncatedZeroedFlippedOrDeletedFilesAreReportedAndNotReused() throws IOException {
        for (String file : List.of(RunStore.SPEC, RunStore.METRICS, RunStore.CURVE, RunStore.CURVE_TYPES, "manifest.properties")) {
            for (String fault : List.of("truncate", "zero", "flip", "delete")) {
                warnings.clear();
                RunStore store = saved();
                Path f = store.folder(spec).resolve(file);
                damage(f, fault);
                Optional<RunResult> r = store.load(spec);
                assertTrue(r.isEmpty(), fault + " " + file + " was reused");
                assertEquals(1, warnings.size(), fault + " " + file + ": " + warnings);
                assertTrue(warnings.get(0).contains(file) || warnings.get(0).contains("manifest"), warnings.get(0));
                assertTrue(warnings.get(0).contains("computed again"), warnings.get(0));
                store.save(spec, study.run(spec, RunContext.NONE));       // the recomputed result replaces it
                assertEquals(9.0, store.load(spec).orElseThrow().metric("square"), fault + " " + file);
            }
        }
    }

    @Test
    void aFolderHoldingAnotherRunIsNotTakenForThisOne() throws IOException {
        RunStore store = saved();
        RunSpec other = study.specs(SweepPreset.SMOKE).get(0);
        Path otherFolder = store.folder(other);
        Files.createDirectories(otherFolder.getParent());
        Files.move(store.folder(spec), otherFolder);                   // as if two specs had one hash
        assertTrue(store.load(other).isEmpty());
        assertTrue(warnings.get(0).contains("describes another run"), warnings.toString());
    }

    static void damage(Path f, String fault) throws IOException {
        byte[] b = Files.readAllBytes(f);
        switch (fault) {
            case "truncate" -> Files.write(f, Arrays.copyOf(b, b.length / 2));
            case "zero" -> Files.write(f, new byte[b.length]);
            case "flip" -> {
                b[b.length / 3] ^= 0x10;
                Files.write(f, b);
            }
            case "delete" -> Files.delete(f);
            default -> throw new IllegalArgumentException(fault);
        }
    }
}
