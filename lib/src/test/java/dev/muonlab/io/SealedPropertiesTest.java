package dev.muonlab.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SealedProperties}: values read back as written, and every damage a file can suffer
 * between a write and a read (each single flipped bit, each truncation, zeroing) is refused
 * naming the file, where plain {@code java.util.Properties} would read another value.
 */
class SealedPropertiesTest {

    static final Map<String, String> VALUES = new LinkedHashMap<>(Map.of("step", "40", "lr", "0.001",
            "name", "baby-cpu = ünïcödé \\ and \t tabs"));

    @Test
    void valuesReadBackExactly(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("a.properties");
        SealedProperties.write(f, VALUES, "a test");
        assertEquals(VALUES, SealedProperties.read(f));
        assertEquals(-1, Arrays.asList(dir.toFile().list()).indexOf("a.properties.tmp"), "no temporary file left");
    }

    @Test
    void everySingleBitFlipIsRefused(@TempDir Path dir) throws Exception {
        byte[] good = SealedProperties.bytes(VALUES, "a test");
        Path f = dir.resolve("a.properties");
        for (int i = 0; i < good.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] bad = good.clone();
                bad[i] ^= (byte) (1 << bit);
                Files.write(f, bad);
                CorruptFileException e = assertThrows(CorruptFileException.class, () -> SealedProperties.read(f),
                        "byte " + i + " bit " + bit);
                assertEquals(f, e.file());
            }
        }
    }

    @Test
    void everyTruncationAndZeroingIsRefused(@TempDir Path dir) throws Exception {
        byte[] good = SealedProperties.bytes(VALUES, "a test");
        Path f = dir.resolve("a.properties");
        for (int n = 0; n < good.length; n++) {
            Files.write(f, Arrays.copyOf(good, n));
            assertThrows(CorruptFileException.class, () -> SealedProperties.read(f), "first " + n + " bytes");
        }
        Files.write(f, new byte[good.length]);
        assertThrows(CorruptFileException.class, () -> SealedProperties.read(f));
        Files.delete(f);
        assertTrue(assertThrows(CorruptFileException.class, () -> SealedProperties.read(f)).getMessage()
                .endsWith("a.properties is missing"));
    }
}
