package dev.muonlab.gpt;

import dev.muonlab.MuonLabHome;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The Tiny Shakespeare corpus (karpathy/char-rnn's {@code input.txt}, used by nanoGPT's
 * {@code shakespeare_char}), read from the project's {@code data/} folder and checked against the
 * size and SHA-256 recorded in {@code data/README.md}, so that every split and loss figure refers to
 * the same bytes as nanoGPT's.
 *
 * @param text the whole corpus, pure ASCII, 1,115,394 characters
 */
public record Corpus(String text) {

    /** File name inside {@code data/}. */
    public static final String FILE_NAME = "tinyshakespeare.txt";
    /** Size in bytes, as published with char-rnn and recomputed here. */
    public static final long EXPECTED_BYTES = 1_115_394L;
    /** SHA-256 of the file, hex. */
    public static final String EXPECTED_SHA256 = "86c4e6aa9db7c042ec79f339dcb96d42b0075e16b8fc2e86bf0ca57e2dc565ed";

    /**
     * Loads the corpus from the checkout's {@code data/} folder ({@link MuonLabHome#data()}).
     *
     * @throws IllegalStateException when the file is missing or its size or checksum differ
     */
    public static Corpus tinyShakespeare() {
        return load(MuonLabHome.data().resolve(FILE_NAME));
    }

    /**
     * Loads and verifies a copy of the corpus.
     *
     * @param file the corpus file. Not modified.
     * @throws IllegalStateException when its size or SHA-256 differ from the recorded ones
     */
    public static Corpus load(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Tiny Shakespeare corpus at " + file, e);
        }
        if (bytes.length != EXPECTED_BYTES) {
            throw new IllegalStateException(file + " has " + bytes.length + " bytes, expected " + EXPECTED_BYTES
                    + " (see data/README.md)");
        }
        String sha = sha256(bytes);
        if (!sha.equals(EXPECTED_SHA256)) {
            throw new IllegalStateException(file + " has SHA-256 " + sha + ", expected " + EXPECTED_SHA256
                    + " (see data/README.md)");
        }
        return new Corpus(new String(bytes, StandardCharsets.US_ASCII));
    }

    /** @return the lower-case hex SHA-256 of {@code bytes} (not modified) */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
