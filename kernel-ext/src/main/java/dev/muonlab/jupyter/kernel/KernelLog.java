package dev.muonlab.jupyter.kernel;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The kernel's log file: slf4j-simple writes there, and so does everything printed outside a cell.
 *
 * <p>The launcher passes {@code -Dorg.slf4j.simpleLogger.logFile=...}; when the kernel is started another way, the
 * log defaults to {@code ~/.muonlab/logs/kernel.log}. {@link #start()} must run before the first slf4j logger is
 * created, because slf4j-simple reads its settings once.
 *
 * <p>Why one stream: slf4j-simple would open the file itself without appending, truncating what another kernel
 * (or this kernel's own stdout routing) writes there. So the file is opened once, in append mode, and slf4j-simple
 * is told to log to "System.err" and to cache that stream while it is this file.
 */
final class KernelLog {

    static final String LOG_FILE_PROPERTY = "org.slf4j.simpleLogger.logFile";

    private KernelLog() {
    }

    /**
     * Chooses the log file and sets slf4j-simple's properties where they are unset. Modifies system properties and
     * creates the log's folder.
     *
     * @return the log file
     */
    static Path chooseFile() {
        String configured = System.getProperty(LOG_FILE_PROPERTY);
        Path file = configured == null || configured.isBlank() || configured.startsWith("System.")
                ? Path.of(System.getProperty("user.home"), ".muonlab", "logs", "kernel.log")
                : Path.of(configured);
        setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
        setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSS");
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "info");
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create the kernel log folder for " + file, e);
        }
        return file;
    }

    /**
     * Opens the log and initializes slf4j on it. Modifies System.err (temporarily) and system properties.
     *
     * @return the log stream, appending and auto-flushing
     */
    static PrintStream start() {
        Path file = chooseFile();
        PrintStream log = open(file);
        PrintStream err = System.err;
        System.setErr(log);
        try {
            System.setProperty(LOG_FILE_PROPERTY, "System.err");
            System.setProperty("org.slf4j.simpleLogger.cacheOutputStream", "true");
            org.slf4j.LoggerFactory.getLogger(KernelLog.class).info("Kernel log {}", file);
        } finally {
            System.setErr(err);
        }
        return log;
    }

    /**
     * @param file the log file
     * @return an appending, auto-flushing stream to it
     */
    static PrintStream open(Path file) {
        try {
            return new PrintStream(new FileOutputStream(file.toFile(), true), true, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot open the kernel log " + file, e);
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
