package dev.muonlab.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Writes that a crash cannot leave half-done where a reader would take them for whole.
 * {@link #write} puts bytes on disk ({@code fsync}) before returning; {@link #replace} writes a
 * sibling {@code NAME.tmp} and renames it over the target, so the target holds either its old or
 * its new bytes, never a mixture. Each write passes the fault point {@code write:NAME} half-way
 * ({@link FaultPoints}), which the fault-injection tests use to crash in the middle of a file.
 */
public final class DurableFiles {

    private DurableFiles() {
    }

    /**
     * Creates or truncates {@code path} and writes {@code bytes}, forced to disk.
     *
     * @param path  the file. Modified.
     * @param bytes its new content. Not modified.
     */
    public static void write(Path path, byte[] bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer first = ByteBuffer.wrap(bytes, 0, bytes.length / 2);
            while (first.hasRemaining()) {
                ch.write(first);
            }
            FaultPoints.reach("write:" + path.getFileName());
            ByteBuffer rest = ByteBuffer.wrap(bytes, bytes.length / 2, bytes.length - bytes.length / 2);
            while (rest.hasRemaining()) {
                ch.write(rest);
            }
            ch.force(true);
        }
    }

    /**
     * Replaces {@code target} by {@code bytes} atomically: writes {@code target.tmp}, then renames it.
     *
     * @param target the file. Modified; a stale {@code .tmp} sibling is overwritten.
     */
    public static void replace(Path target, byte[] bytes) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        write(tmp, bytes);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Deletes a file or folder tree if it exists. Modified: dir. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
