package dev.muonlab.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads the IDX format of LeCun's MNIST and Zalando's Fashion-MNIST (yann.lecun.com/exdb/mnist,
 * "FILE FORMATS"): a big-endian header {@code 0, 0, type, rank}, then {@code rank} 32-bit dimensions,
 * then the data in row-major order. Only unsigned bytes (type 0x08) are supported, which is what both
 * data sets use. Files may be gzip-compressed (detected from the gzip magic bytes, not the name).
 */
public final class IdxReader {

    /** Type code of unsigned 8-bit data. */
    static final int UNSIGNED_BYTE = 0x08;

    private IdxReader() {
    }

    /**
     * An IDX array of unsigned bytes.
     *
     * @param dims the dimensions, outermost first, e.g. {60000, 28, 28}
     * @param data the values in row-major order (read as {@code data[i] & 0xFF})
     */
    public record IdxArray(int[] dims, byte[] data) {

        /** @return the number of items (the first dimension) */
        public int count() {
            return dims[0];
        }

        /** @return values per item (the product of the other dimensions) */
        public int itemSize() {
            return Arrays.stream(dims).skip(1).reduce(1, (a, b) -> a * b);
        }
    }

    /**
     * @param file an IDX file, plain or gzip. Not modified.
     * @return its contents
     * @throws NoSuchFileException when the file does not exist (message names the path)
     * @throws IOException         when the header is not IDX unsigned-byte data or the data is truncated
     */
    public static IdxArray read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "IDX file not found");
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
             DataInputStream in = new DataInputStream(maybeGunzip(raw))) {
            int magic = in.readInt();
            int type = (magic >>> 8) & 0xFF;
            int rank = magic & 0xFF;
            if ((magic >>> 16) != 0 || type != UNSIGNED_BYTE || rank < 1 || rank > 4) {
                throw new IOException(file + ": not an IDX unsigned-byte file (magic 0x"
                        + Integer.toHexString(magic) + ", expected 0x0000080" + "R with R = 1..4)");
            }
            int[] dims = new int[rank];
            long size = 1;
            for (int i = 0; i < rank; i++) {
                dims[i] = in.readInt();
                if (dims[i] < 0) {
                    throw new IOException(file + ": negative dimension " + dims[i]);
                }
                size *= dims[i];
            }
            if (size > Integer.MAX_VALUE - 8) {
                throw new IOException(file + ": too large (" + size + " values)");
            }
            byte[] data = new byte[(int) size];
            try {
                in.readFully(data);
            } catch (EOFException e) {
                throw new IOException(file + ": truncated, expected " + size + " values after the header", e);
            }
            return new IdxArray(dims, data);
        }
    }

    private static InputStream maybeGunzip(InputStream raw) throws IOException {
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        return (b0 == 0x1f && b1 == 0x8b) ? new GZIPInputStream(raw, 1 << 16) : raw;
    }
}
