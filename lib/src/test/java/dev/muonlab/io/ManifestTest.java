package dev.muonlab.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Manifest}: a folder verifies as written; a truncated, zeroed, bit-flipped (at every
 * seeded position tried) or deleted file is named; a file added later is ignored (a checkpoint
 * never gains files, and a stray one cannot change what is read).
 */
class ManifestTest {

    static Path folder(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("params"));
        Random random = new Random(3);
        for (String name : new String[]{"state.properties", "params/a.npy", "params/b.npy"}) {
            byte[] b = new byte[100 + random.nextInt(5000)];
            random.nextBytes(b);
            Files.write(dir.resolve(name), b);
        }
        Manifest.write(dir);
        return dir;
    }

    @Test
    void aWrittenFolderVerifiesAndAnAddedFileIsIgnored(@TempDir Path dir) throws Exception {
        Manifest.verify(folder(dir));
        Files.writeString(dir.resolve("params/stray.txt"), "later");
        Manifest.verify(dir);
    }

    @Test
    void everyDamagedFileIsNamed(@TempDir Path tmp) throws Exception {
        Random random = new Random(5);
        int n = 0;
        for (String name : new String[]{"state.properties", "params/a.npy", "params/b.npy"}) {
            for (int trial = 0; trial < 20; trial++) {
                Path dir = folder(tmp.resolve("f" + n++));
                Path f = dir.resolve(name);
                byte[] b = Files.readAllBytes(f);
                switch (trial % 4) {
                    case 0 -> Files.write(f, Arrays.copyOf(b, random.nextInt(b.length)));
                    case 1 -> Files.write(f, new byte[b.length]);
                    case 2 -> {
                        b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                        Files.write(f, b);
                    }
                    default -> Files.delete(f);
                }
                CorruptFileException e = assertThrows(CorruptFileException.class, () -> Manifest.verify(dir));
                assertEquals(f, e.file(), e.getMessage());
            }
        }
    }

    @Test
    void aDamagedOrMissingManifestIsNamed(@TempDir Path dir) throws Exception {
        folder(dir);
        Path m = dir.resolve(Manifest.FILE);
        byte[] b = Files.readAllBytes(m);
        b[b.length / 2] ^= 4;
        Files.write(m, b);
        assertEquals(m, assertThrows(CorruptFileException.class, () -> Manifest.verify(dir)).file());
        Files.delete(m);
        assertTrue(assertThrows(CorruptFileException.class, () -> Manifest.verify(dir)).problem().equals("is missing"));
    }
}
