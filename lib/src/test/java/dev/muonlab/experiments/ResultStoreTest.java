package dev.muonlab.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.muonlab.experiments.mf.MatrixFactorizationStudy;
import dev.muonlab.experiments.mf.MfStudyConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class ResultStoreTest {

    @TempDir
    Path dir;

    @Test
    void roundTripKeepsValuesAndTypesAndReloadsOnlyOnAMatchingConfig() throws Exception {
        MfStudyConfig config = MfStudyConfig.smoke().withMethods(List.of(Method.MUON)).withKappas(List.of(10.0));
        AtomicInteger computed = new AtomicInteger();
        StudyResult<MfStudyConfig> first = MatrixFactorizationStudy.cached(dir, config, () -> {
            computed.incrementAndGet();
            return MatrixFactorizationStudy.run(config);
        });
        StudyResult<MfStudyConfig> second = MatrixFactorizationStudy.cached(dir, config, () -> {
            computed.incrementAndGet();
            return MatrixFactorizationStudy.run(config);
        });
        assertEquals(1, computed.get(), "the second call reloads");
        assertFalse(first.loaded());
        assertTrue(second.loaded());
        for (String name : List.of("curves", "summary", "modes")) {
            Table a = first.tables().get(name);
            Table b = second.tables().get(name);
            assertEquals(a.columnNames(), b.columnNames(), name);
            assertEquals(List.of(a.typeArray()), List.of(b.typeArray()), name);
            assertEquals(a.rowCount(), b.rowCount(), name);
            for (int c = 0; c < a.columnCount(); c++) {
                for (int r = 0; r < a.rowCount(); r++) {
                    Object x = a.column(c).get(r);
                    Object y = b.column(c).get(r);
                    if (x instanceof Double dx) {
                        assertEquals(dx, (Double) y, Math.abs(dx) * 1e-15, name + " " + a.column(c).name() + " row " + r);
                    } else {
                        assertEquals(x, y, name + " " + a.column(c).name() + " row " + r);
                    }
                }
            }
        }
        // A different config does not match the saved one.
        MfStudyConfig other = config.withKappas(List.of(100.0));
        assertTrue(ResultStore.load(dir, other, "curves").isEmpty());
        assertTrue(ResultStore.load(dir, config, "curves").isPresent());
        assertTrue(ResultStore.load(dir, config, "missing-table").isEmpty());
        Map<String, Table> empty = Map.of();
        assertTrue(ResultStore.save(dir, other, empty).toFile().isDirectory());
    }

    /**
     * The results committed under data/results (these three folders when this was written) carry
     * manifests that verify, so notebooks reload them instead of recomputing with a warning.
     */
    @Test
    void committedResultsVerify() throws Exception {
        int folders = 0;
        for (String committed : List.of("ns-rank/fbb499ed53d7", "ns-steps/21f43efc557a", "ns-steps/441b35d762fe")) {
            Path folder = dev.muonlab.MuonLabHome.results(committed.split("/")[0]).resolve(committed.split("/")[1]);
            if (java.nio.file.Files.isDirectory(folder)) {
                dev.muonlab.io.Manifest.verify(folder);
                folders++;
            }
        }
        assertTrue(folders >= 1, "committed results found: " + folders);
    }
}
