package dev.muonlab.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The strict {@link Npy} reader: exact bits back, and a file of the wrong length is refused by name. */
class NpyTest {

    @Test
    void bytesReadBackExactlyAndAWrongLengthIsRefused(@TempDir Path dir) throws Exception {
        INDArray X = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 3, 5);
        byte[] good = Npy.toBytes(X);
        Path f = dir.resolve("x.npy");
        Files.write(f, good);
        assertArrayEquals(X.data().asFloat(), Npy.read(f).data().asFloat());
        Files.write(f, Arrays.copyOf(good, good.length - 1));
        assertTrue(assertThrows(IOException.class, () -> Npy.read(f)).getMessage().contains("truncated .npy data"));
        Files.write(f, Arrays.copyOf(good, good.length + 4));
        assertTrue(assertThrows(IOException.class, () -> Npy.read(f)).getMessage().contains("4 bytes after the .npy data"));
        Files.write(f, Arrays.copyOf(good, 100));
        assertTrue(assertThrows(IOException.class, () -> Npy.read(f)).getMessage().startsWith(f.toString()));
    }
}
