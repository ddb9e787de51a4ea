package dev.muonlab.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads and writes NumPy {@code .npy} files (format versions 1.0–3.0, numpy.org/neps/nep-0001) holding
 * float32 or float64 arrays, little- or big-endian, C or Fortran order. Written files are version
 * 1.0, little-endian, C order, header padded to 64 bytes, readable by {@code numpy.load} and
 * ND4J's {@code Nd4j.createFromNpyFile}. Own code rather than ND4J's reader so that a bad file gets
 * a message naming the problem and Fortran order is honoured.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([a-z])(\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /**
     * @return the array in the file, FLOAT for {@code f4}, DOUBLE for {@code f8}, C order
     * @throws IOException with a message naming the problem for unreadable or malformed files
     */
    public static INDArray read(Path path) throws IOException {
        byte[] bytes = Files.readAllBytes(path);
        if (bytes.length < 10 || !java.util.Arrays.equals(java.util.Arrays.copyOf(bytes, 6), MAGIC)) {
            throw new IOException(path + " is not a .npy file (no \\x93NUMPY magic)");
        }
        int major = bytes[6] & 0xff;
        ByteBuffer bb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLen;
        int start;
        if (major == 1) {
            headerLen = bb.getShort(8) & 0xffff;
            start = 10;
        } else if (major == 2 || major == 3) {
            headerLen = bb.getInt(8);
            start = 12;
        } else {
            throw new IOException(path + ": unsupported .npy version " + major);
        }
        if (start + headerLen > bytes.length) {
            throw new IOException(path + ": truncated .npy header");
        }
        String header = new String(bytes, start, headerLen, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header);
        Matcher f = FORTRAN.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !f.find() || !s.find()) {
            throw new IOException(path + ": malformed .npy header: " + header.trim());
        }
        if (!d.group(2).equals("f") || !(d.group(3).equals("4") || d.group(3).equals("8"))) {
            throw new IOException(path + ": unsupported dtype '" + d.group(1) + d.group(2) + d.group(3)
                    + "': expected float32 (<f4) or float64 (<f8)");
        }
        boolean doubles = d.group(3).equals("8");
        ByteOrder order = d.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        boolean fortran = f.group(1).equals("True");
        long[] shape = parseShape(s.group(1), path);
        long count = 1;
        for (long v : shape) {
            count *= v;
        }
        int width = doubles ? 8 : 4;
        long dataStart = start + headerLen;
        if (dataStart + count * width > bytes.length) {
            throw new IOException(path + ": truncated .npy data: header says " + count + " values of "
                    + width + " bytes, file has " + (bytes.length - dataStart) + " bytes");
        }
        if (dataStart + count * width < bytes.length) {
            throw new IOException(path + ": " + (bytes.length - dataStart - count * width)
                    + " bytes after the .npy data (header says " + count + " values of " + width + " bytes)");
        }
        ByteBuffer data = ByteBuffer.wrap(bytes, (int) dataStart, (int) (count * width)).slice().order(order);
        INDArray out;
        char ord = fortran ? 'f' : 'c';
        if (doubles) {
            double[] v = new double[(int) count];
            data.asDoubleBuffer().get(v);
            out = Nd4j.create(v, shape, ord);
        } else {
            float[] v = new float[(int) count];
            data.asFloatBuffer().get(v);
            out = Nd4j.create(v, shape, ord);
        }
        return fortran ? out.dup('c') : out;
    }

    /**
     * Writes X (FLOAT → {@code <f4}, DOUBLE → {@code <f8}; other types are written as {@code <f8}).
     * X: not modified.
     */
    public static void write(Path path, INDArray X) throws IOException {
        try (OutputStream out = Files.newOutputStream(path)) {
            write(out, X);
        }
    }

    /** @return X in .npy format, as {@link #write(Path, INDArray)} stores it. X: not modified. */
    public static byte[] toBytes(INDArray X) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        write(out, X);
        return out.toByteArray();
    }

    /** Writes X in .npy format to the stream (not closed). X: not modified. */
    public static void write(OutputStream out, INDArray X) throws IOException {
        boolean floats = X.dataType() == DataType.FLOAT;
        INDArray c = (floats ? X : X.castTo(DataType.DOUBLE)).dup('c');
        StringBuilder shape = new StringBuilder();
        for (long v : c.shape()) {
            shape.append(v).append(", ");
        }
        if (c.rank() > 1) {
            shape.setLength(shape.length() - 2);
        } else if (c.rank() == 0) {
            shape.setLength(0);
        } else {
            shape.setLength(shape.length() - 1);
        }
        String dict = "{'descr': '" + (floats ? "<f4" : "<f8") + "', 'fortran_order': False, 'shape': (" + shape + "), }";
        int total = 10 + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteBuffer head = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
        head.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        out.write(head.array());
        out.write(header.getBytes(StandardCharsets.ISO_8859_1));
        int n = (int) c.length();
        ByteBuffer body = ByteBuffer.allocate(n * (floats ? 4 : 8)).order(ByteOrder.LITTLE_ENDIAN);
        if (floats) {
            body.asFloatBuffer().put(c.data().asFloat(), 0, n);
        } else {
            body.asDoubleBuffer().put(c.data().asDouble(), 0, n);
        }
        out.write(body.array());
    }

    /** @return whether the stream starts with the .npy magic (the stream is read). */
    static boolean hasMagic(InputStream in) throws IOException {
        return java.util.Arrays.equals(in.readNBytes(6), MAGIC);
    }

    private static long[] parseShape(String text, Path path) throws IOException {
        String[] parts = text.split(",");
        java.util.List<Long> dims = new java.util.ArrayList<>();
        for (String p : parts) {
            if (!p.isBlank()) {
                try {
                    dims.add(Long.parseLong(p.trim().replace("L", "")));
                } catch (NumberFormatException e) {
                    throw new IOException(path + ": bad shape (" + text + ")");
                }
            }
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }
}
