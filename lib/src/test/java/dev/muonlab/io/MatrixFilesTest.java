package dev.muonlab.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.muonlab.ns.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** .npy and .csv round trips, agreement with ND4J's reader and the fixtures' CSV twins, clear errors. */
class MatrixFilesTest {

    @TempDir
    Path dir;

    @Test
    void npyReadsTheFixturesLikeNd4jDoes() throws IOException {
        for (String name : new String[] {"G_96x48", "NS5_fp64_32x64"}) {
            INDArray ours = Npy.read(Fixtures.file(name + ".npy").toPath());
            INDArray nd4j = Nd4j.createFromNpyFile(Fixtures.file(name + ".npy"));
            assertEquals(nd4j.dataType(), ours.dataType());
            assertEquals(nd4j, ours);
            INDArray csv = Csv.read(Fixtures.file(name + ".csv").toPath());
            assertEquals(0, ours.castTo(DataType.DOUBLE).sub(csv).amaxNumber().doubleValue(), 1e-7);
        }
    }

    @Test
    void roundTripsKeepTypeAndValues() throws IOException {
        INDArray f = Nd4j.createFromArray(new float[][] {{1.5f, -2f, 3.25f}, {0.1f, 1e-30f, -7f}});
        INDArray d = Nd4j.createFromArray(new double[][] {{Math.PI, -1e-300}, {2, 3}, {4, 5}});
        for (INDArray X : new INDArray[] {f, d}) {
            Path npy = dir.resolve("x-" + X.dataType() + ".npy");
            MatrixFiles.write(npy, X);
            INDArray back = MatrixFiles.read(npy);
            assertEquals(X.dataType(), back.dataType());
            assertEquals(X, back);
            assertEquals(X, Nd4j.createFromNpyFile(npy.toFile()));   // ND4J can read what we write
            Path csv = dir.resolve("x-" + X.dataType() + ".csv");
            MatrixFiles.write(csv, X);
            assertEquals(X.castTo(DataType.DOUBLE), MatrixFiles.read(csv).castTo(DataType.DOUBLE));
        }
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
    }

    @Test
    void fortranOrderIsHonoured() throws IOException {
        // numpy.save(np.asfortranarray([[1, 2, 3], [4, 5, 6]], dtype='<f8')): data in column order
        String header = "{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3), }";
        header = pad(header);
        var buf = java.nio.ByteBuffer.allocate(10 + header.length() + 6 * 8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        buf.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length());
        buf.put(header.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        for (double v : new double[] {1, 4, 2, 5, 3, 6}) {
            buf.putDouble(v);
        }
        Path p = dir.resolve("f.npy");
        Files.write(p, buf.array());
        assertEquals(Nd4j.createFromArray(new double[][] {{1, 2, 3}, {4, 5, 6}}), Npy.read(p));
    }

    @Test
    void badFilesGetClearMessages() throws IOException {
        Path missing = dir.resolve("missing.npy");
        assertThrows(java.nio.file.NoSuchFileException.class, () -> MatrixFiles.read(missing));
        Path junk = dir.resolve("junk.npy");
        Files.writeString(junk, "hello");
        assertTrue(assertThrows(IOException.class, () -> MatrixFiles.read(junk)).getMessage().contains("not a .npy"));
        Path ragged = dir.resolve("r.csv");
        Files.writeString(ragged, "1,2,3\n4,5\n");
        assertTrue(assertThrows(IOException.class, () -> MatrixFiles.read(ragged)).getMessage().contains("line 2"));
        Path word = dir.resolve("w.csv");
        Files.writeString(word, "1,two\n");
        assertTrue(assertThrows(IOException.class, () -> MatrixFiles.read(word)).getMessage().contains("'two'"));
        Path txt = dir.resolve("m.txt");
        Files.writeString(txt, "1");
        assertThrows(IOException.class, () -> MatrixFiles.read(txt));
        assertThrows(IOException.class, () -> MatrixFiles.write(dir.resolve("o.bin"), Nd4j.eye(2)));
        assertFalse(Files.exists(dir.resolve("o.bin")));
        Path ints = dir.resolve("i.npy");
        String h = "{'descr': '<i8', 'fortran_order': False, 'shape': (1,), }";
        h = pad(h);
        var b = java.nio.ByteBuffer.allocate(10 + h.length() + 8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) h.length());
        b.put(h.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)).putLong(7);
        Files.write(ints, b.array());
        assertTrue(assertThrows(IOException.class, () -> MatrixFiles.read(ints)).getMessage().contains("float32"));
        assertArrayEquals(new long[] {2, 2}, MatrixFiles.read(write(dir.resolve("ok.csv"), "1,2\n3,4\n")).shape());
    }

    /** Pads a .npy v1 header dict so that magic + length + header is a multiple of 64 bytes. */
    private static String pad(String dict) {
        return dict + " ".repeat((64 - (10 + dict.length() + 1) % 64) % 64) + "\n";
    }

    private static Path write(Path p, String s) throws IOException {
        Files.writeString(p, s);
        return p;
    }
}
