package dev.muonlab.io;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * A {@code .properties} file that carries its own checksum: the usual {@link Properties#store}
 * text, keys sorted, then a last line {@code #crc32c=xxxxxxxx} over every byte before it. A
 * comment to {@code java.util.Properties} and to people, the line lets {@link #read} tell a
 * truncated, zeroed or bit-flipped file from a good one, which parsing alone cannot (a flipped bit
 * turns {@code lr=0.001} into {@code lr=0.003}). Written atomically ({@link DurableFiles#replace}).
 */
public final class SealedProperties {

    private static final String SEAL = "#crc32c=";

    private SealedProperties() {
    }

    /**
     * @param path    the file. Modified: replaced atomically.
     * @param values  key → value. Not modified.
     * @param comment the first comment line
     */
    public static void write(Path path, Map<String, String> values, String comment) throws IOException {
        DurableFiles.replace(path, bytes(values, comment));
    }

    /** @return the sealed text of {@code values}, as {@link #write} stores it */
    public static byte[] bytes(Map<String, String> values, String comment) throws IOException {
        StringWriter w = new StringWriter();
        StringBuilder body = new StringBuilder("#").append(comment).append('\n');
        Properties one = new Properties();
        for (Map.Entry<String, String> e : new TreeMap<>(values).entrySet()) {   // sorted: stable bytes
            one.clear();
            one.setProperty(e.getKey(), e.getValue());
            w.getBuffer().setLength(0);
            one.store(w, null);
            String text = w.toString();
            body.append(text.substring(text.indexOf('\n') + 1));                  // drop store's date line
        }
        byte[] content = body.toString().getBytes(StandardCharsets.UTF_8);
        String seal = SEAL + String.format("%08x", crc(content, content.length)) + "\n";
        byte[] out = Arrays.copyOf(content, content.length + seal.length());
        System.arraycopy(seal.getBytes(StandardCharsets.US_ASCII), 0, out, content.length, seal.length());
        return out;
    }

    /**
     * @param path the file. Not modified.
     * @return its key → value pairs, keys sorted
     * @throws CorruptFileException when it is missing, lacks its checksum line, or does not match it
     */
    public static Map<String, String> read(Path path) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new CorruptFileException(path, "is missing");
        }
        int end = bytes.length - 1;
        if (bytes.length == 0) {
            throw new CorruptFileException(path, "is empty");
        }
        if (bytes[end] != '\n') {
            throw new CorruptFileException(path, "has no checksum line at its end (truncated?)");
        }
        if (!new String(bytes, StandardCharsets.ISO_8859_1).contains(SEAL)) {
            throw new CorruptFileException(path, "has no checksum line (damaged, or written by a Muon Lab "
                    + "from before run folders were verified)");
        }
        int start = end;
        while (start > 0 && bytes[start - 1] != '\n') {
            start--;
        }
        String last = new String(bytes, start, end - start, StandardCharsets.ISO_8859_1);
        if (!last.startsWith(SEAL) || last.length() != SEAL.length() + 8) {
            throw new CorruptFileException(path, "has no checksum line at its end (truncated or damaged)");
        }
        if (!last.equals(SEAL + String.format("%08x", crc(bytes, start)))) {   // the exact text: 'A' for 'a' too
            throw new CorruptFileException(path, "does not match its checksum (damaged or edited)");
        }
        Properties p = new Properties();
        p.load(new StringReader(new String(bytes, 0, start, StandardCharsets.UTF_8)));
        Map<String, String> out = new LinkedHashMap<>();
        new java.util.TreeSet<>(p.stringPropertyNames()).forEach(k -> out.put(k, p.getProperty(k)));
        return out;
    }

    private static long crc(byte[] bytes, int length) {
        CRC32C c = new CRC32C();
        c.update(bytes, 0, length);
        return c.getValue();
    }
}
