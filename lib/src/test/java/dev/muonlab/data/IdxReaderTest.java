package dev.muonlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    @TempDir
    Path dir;

    /** Writes an IDX unsigned-byte file by the format's definition (big-endian header). */
    private static byte[] idx(int[] dims, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x0800 | dims.length);
        for (int d : dims) {
            out.writeInt(d);
        }
        out.write(data);
        return bytes.toByteArray();
    }

    private Path write(String name, byte[] content, boolean gzip) throws IOException {
        Path p = dir.resolve(name);
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(p)) : Files.newOutputStream(p)) {
            out.write(content);
        }
        return p;
    }

    @Test
    void readsPlainAndGzipFiles() throws IOException {
        byte[] data = {0, 1, 2, (byte) 200, (byte) 255, 7};
        for (boolean gzip : new boolean[]{false, true}) {
            IdxReader.IdxArray a = IdxReader.read(write("a" + gzip, idx(new int[]{2, 3}, data), gzip));
            assertArrayEquals(new int[]{2, 3}, a.dims());
            assertArrayEquals(data, a.data());
            assertEquals(2, a.count());
            assertEquals(3, a.itemSize());
            assertEquals(255, a.data()[4] & 0xFF);
        }
    }

    @Test
    void rejectsMissingBadAndTruncatedFiles() throws IOException {
        NoSuchFileException missing = assertThrows(NoSuchFileException.class, () -> IdxReader.read(dir.resolve("nope.gz")));
        assertTrue(missing.getMessage().contains("nope.gz"));
        byte[] wrongType = idx(new int[]{2}, new byte[]{1, 2});
        wrongType[2] = 0x0D; // float data
        assertThrows(IOException.class, () -> IdxReader.read(write("float", wrongType, false)));
        byte[] good = idx(new int[]{4, 2}, new byte[8]);
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 3);
        IOException e = assertThrows(IOException.class, () -> IdxReader.read(write("short", truncated, true)));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void fashionMnistMissingFolderExplainsHowToInstall() {
        IOException e = assertThrows(IOException.class, () -> FashionMnist.load(dir.resolve("empty"), "train"));
        assertTrue(e.getMessage().contains("dataset-fashion-mnist"), e.getMessage());
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte.gz"), e.getMessage());
    }

    /** The real files from Debian's dataset-fashion-mnist: sizes and the balanced classes of the paper (Xiao et al. 2017). */
    @Test
    void readsTheInstalledFashionMnist() throws IOException {
        FashionMnist.Split test = FashionMnist.test();
        assertEquals(10_000, test.size());
        assertArrayEquals(new long[]{10_000, 784}, test.images().shape());
        int[] counts = new int[10];
        for (int y : test.labels()) {
            counts[y]++;
        }
        for (int c : counts) {
            assertEquals(1000, c, "1,000 test images per class");
        }
        double max = test.images().maxNumber().doubleValue();
        assertEquals(1.0, max, 1e-6, "pixels scaled to [0, 1]");
        assertEquals(0.0, test.images().minNumber().doubleValue(), 1e-6);
    }
}
