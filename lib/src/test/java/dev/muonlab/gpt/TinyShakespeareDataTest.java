package dev.muonlab.gpt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The corpus, tokenizer and split against nanoGPT's published facts (references.md §9). */
class TinyShakespeareDataTest {

    private static final DataSplit SPLIT = DataSplit.tinyShakespeare();

    @Test
    void vocabularyIsNanoGptsSixtyFiveSortedSymbols() {
        CharTokenizer t = SPLIT.tokenizer();
        assertEquals(65, t.vocabSize());
        assertEquals("\n !$&',-.3:;?ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", t.vocabulary());
        assertArrayEquals(new int[]{0, 1, 64}, t.encode("\n z"));
        assertEquals("First Citizen:", t.decode(t.encode("First Citizen:")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.encode("ok~"));
        assertTrue(e.getMessage().contains("at 2"), e.getMessage());
    }

    @Test
    void splitIsNanoGptsNinetyTen() {
        assertEquals(1_003_854, SPLIT.train().length);
        assertEquals(111_540, SPLIT.validation().length);
        // the cut is at a character: validation starts with the text after "...But who comes here"
        assertEquals("?\n\nGREMIO:", SPLIT.tokenizer().decode(java.util.Arrays.copyOf(SPLIT.validation(), 10)));
    }

    @Test
    void corpusWithAnotherChecksumIsRefused(@TempDir Path dir) throws Exception {
        byte[] bytes = Files.readAllBytes(dev.muonlab.MuonLabHome.data().resolve(Corpus.FILE_NAME));
        assertEquals(Corpus.EXPECTED_SHA256, Corpus.sha256(bytes));
        bytes[100] = (byte) (bytes[100] ^ 1);
        Path tampered = dir.resolve("tampered.txt");
        Files.write(tampered, bytes);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Corpus.load(tampered));
        assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());

        Path truncated = dir.resolve("short.txt");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, 1000));
        assertTrue(assertThrows(IllegalStateException.class, () -> Corpus.load(truncated)).getMessage().contains("1000 bytes"));
    }

    @Test
    void batchesAreShiftedWindowsAsGetBatch() {
        int[] data = SPLIT.train();
        Batch b = Batch.sampleAt(data, 12, 64, 5, 7);
        assertEquals(12 * 64, b.x().length);
        for (int row = 0; row < 12; row++) {
            // find the window: x row equals data[i:i+T] and y row equals data[i+1:i+1+T]
            for (int t = 0; t + 1 < 64; t++) {
                assertEquals(b.x()[row * 64 + t + 1], b.y()[row * 64 + t], "y is x shifted by one");
            }
        }
        Batch again = Batch.sampleAt(data, 12, 64, 5, 7);
        assertArrayEquals(b.x(), again.x(), "batch k of a seed is reproducible");
        Batch other = Batch.sampleAt(data, 12, 64, 5, 8);
        assertTrue(!java.util.Arrays.equals(b.x(), other.x()), "batches k and k+1 differ");
        // every row is a real window of the stream
        int[] small = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        Batch s = Batch.sampleAt(small, 50, 4, 1, 0);
        for (int row = 0; row < 50; row++) {
            int start = s.x()[row * 4];
            assertTrue(start >= 0 && start < small.length - 4, "offset in [0, len - T)");
            for (int t = 0; t < 4; t++) {
                assertEquals(start + t, s.x()[row * 4 + t]);
                assertEquals(start + t + 1, s.y()[row * 4 + t]);
            }
        }
    }
}
