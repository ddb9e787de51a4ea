package dev.muonlab.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Matrix files by extension ({@code .npy} via {@link Npy}, {@code .csv} via {@link Csv}), with
 * writes that never leave a partial file behind: data goes to a temporary file beside the target,
 * which is moved into place only once complete.
 */
public final class MatrixFiles {

    private MatrixFiles() {
    }

    /**
     * @return the array in a .npy or .csv file
     * @throws IOException for a missing, unreadable or malformed file, with a message naming it
     */
    public static INDArray read(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null, "no such file");
        }
        if (!Files.isReadable(path) || Files.isDirectory(path)) {
            throw new IOException(path + " is not a readable file");
        }
        return switch (extension(path)) {
            case "npy" -> Npy.read(path);
            case "csv" -> Csv.read(path);
            default -> throw new IOException(path + ": unknown extension; expected .npy or .csv");
        };
    }

    /** Writes X to a .npy or .csv file atomically (temp file, then move). X: not modified. */
    public static void write(Path path, INDArray X) throws IOException {
        String ext = extension(path);
        if (!ext.equals("npy") && !ext.equals("csv")) {
            throw new IOException(path + ": unknown extension; expected .npy or .csv");
        }
        Path dir = path.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + path.getFileName() + ".", ".tmp");
        try {
            if (ext.equals("npy")) {
                Npy.write(tmp, X);
            } else {
                Csv.write(tmp, X);
            }
            try {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String extension(Path path) {
        String name = path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
