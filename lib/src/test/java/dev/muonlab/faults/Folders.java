package dev.muonlab.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Snapshots of a folder's bytes, and the four ways the tests damage a file. */
final class Folders {

    /** How a file is damaged. */
    enum Damage {
        /** Keeps the first half of the bytes (at most 100), as a crash or a full disk would. */
        TRUNCATE,
        /** Overwrites every byte with zero, keeping the length, as a lost page would. */
        ZERO,
        /** Flips one seeded bit, as bad storage would. */
        BIT_FLIP,
        /** Removes the file. */
        DELETE
    }

    private Folders() {
    }

    /** @return relative path → bytes of every file under {@code dir}, sorted */
    static Map<String, byte[]> snapshot(Path dir) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return out;
    }

    /** @return the first difference between two snapshots, or null when they are byte-for-byte equal */
    static String difference(Map<String, byte[]> before, Map<String, byte[]> after) {
        if (!before.keySet().equals(after.keySet())) {
            return "files " + before.keySet() + " became " + after.keySet();
        }
        for (String k : before.keySet()) {
            if (!Arrays.equals(before.get(k), after.get(k))) {
                return k + " changed";
            }
        }
        return null;
    }

    /** Damages {@code file}. Modified: file. */
    static void damage(Path file, Damage how, Random random) throws IOException {
        byte[] b = Files.readAllBytes(file);
        switch (how) {
            case TRUNCATE -> Files.write(file, Arrays.copyOf(b, Math.min(100, b.length / 2)));
            case ZERO -> Files.write(file, new byte[b.length]);
            case BIT_FLIP -> {
                int i = random.nextInt(b.length);
                b[i] ^= (byte) (1 << random.nextInt(8));
                Files.write(file, b);
            }
            case DELETE -> Files.delete(file);
        }
    }

    /** Copies a folder tree. Modified: to (created). */
    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(q);
                } else {
                    Files.copy(p, q);
                }
            }
        }
    }
}
