package dev.muonlab.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * {@code manifest.properties}: the size and CRC32C of every other file in a folder (checkpoints,
 * cached results), written last, just before the folder is moved into place, and itself sealed
 * ({@link SealedProperties}). A folder whose manifest {@link #verify verifies} holds exactly the
 * bytes its writer wrote: a crash before the manifest leaves no manifest, and truncation, zeroing, a
 * flipped bit or a deleted file change a size or a checksum. CRC32C (hardware-accelerated in the
 * JDK) detects every burst error up to 32 bits and all but 2⁻³² of the rest, which is what a
 * damaged file needs; it is not a defence against someone forging files.
 */
public final class Manifest {

    /** The manifest's file name inside the folder it describes. */
    public static final String FILE = "manifest.properties";

    private Manifest() {
    }

    /**
     * Lists every regular file under {@code dir} (except an old manifest) with its size and CRC32C.
     *
     * @param dir the folder. Modified: {@code manifest.properties} written.
     */
    public static void write(Path dir) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        List<Path> files = files(dir);
        m.put("files", Integer.toString(files.size()));
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            m.put("file." + i + ".path", relative(dir, f));
            m.put("file." + i + ".size", Long.toString(Files.size(f)));
            m.put("file." + i + ".crc32c", String.format("%08x", crc32c(f)));
        }
        FaultPoints.reach("manifest:" + dir.getFileName());
        DurableFiles.write(dir.resolve(FILE), SealedProperties.bytes(m, "Muon Lab manifest: size and CRC32C of every file"));
    }

    /**
     * Checks every file the manifest lists: present, of its size, of its checksum.
     *
     * @param dir the folder. Not modified.
     * @throws CorruptFileException naming the first file that is missing or differs (its path as
     *                              {@code dir/relative})
     */
    public static void verify(Path dir) throws IOException {
        Map<String, String> m = SealedProperties.read(dir.resolve(FILE));
        int n = parseCount(m, dir.resolve(FILE));
        for (int i = 0; i < n; i++) {
            String rel = m.get("file." + i + ".path");
            String size = m.get("file." + i + ".size");
            String crc = m.get("file." + i + ".crc32c");
            if (rel == null || size == null || crc == null || rel.contains("..")) {
                throw new CorruptFileException(dir.resolve(FILE), "lacks a valid entry " + i);
            }
            Path f = dir.resolve(rel);
            if (!Files.isRegularFile(f)) {
                throw new CorruptFileException(f, "is missing");
            }
            long actual = Files.size(f);
            if (!Long.toString(actual).equals(size)) {
                throw new CorruptFileException(f, "is " + actual + " bytes, its manifest says " + size
                        + (actual < Long.parseLong(size) ? " (truncated)" : " (damaged)"));
            }
            if (!String.format("%08x", crc32c(f)).equals(crc)) {
                throw new CorruptFileException(f, "does not match its checksum in the manifest (damaged)");
            }
        }
    }

    /** @return whether {@code dir} holds a manifest (verified or not) */
    public static boolean exists(Path dir) {
        return Files.isRegularFile(dir.resolve(FILE));
    }

    private static int parseCount(Map<String, String> m, Path file) throws CorruptFileException {
        try {
            int n = Integer.parseInt(m.getOrDefault("files", ""));
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new CorruptFileException(file, "lacks a valid file count");
        }
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> out = new ArrayList<>(walk.filter(Files::isRegularFile)
                    .filter(p -> !p.equals(dir.resolve(FILE))).toList());
            out.sort((a, b) -> relative(dir, a).compareTo(relative(dir, b)));
            return out;
        }
    }

    private static String relative(Path dir, Path f) {
        return dir.relativize(f).toString().replace('\\', '/');
    }

    private static long crc32c(Path f) throws IOException {
        CRC32C c = new CRC32C();
        c.update(Files.readAllBytes(f));
        return c.getValue();
    }
}
