package dev.muonlab.spark;

import dev.muonlab.MuonLabHome;
import dev.muonlab.gpt.Corpus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.spark.SparkFiles;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The Muon Lab folder on a Spark executor. The studies' runs read the Tiny Shakespeare corpus from
 * {@code <Muon Lab home>/data/} ({@link Corpus#tinyShakespeare()}); a cluster's executors have no
 * checkout. So the driver ships the corpus with {@code SparkContext.addFile} ({@link #shipCorpus}),
 * and a task whose JVM finds no home with the corpus ({@link #ensure}) builds one from the shipped
 * copy and points the {@code muonlab.home} property at it. In local mode the driver's checkout is
 * found first and nothing is built.
 */
final class ExecutorHome {

    private static boolean checked;

    private ExecutorHome() {
    }

    /**
     * On the driver: ships the checkout's corpus to every executor, when the driver has one.
     *
     * @param spark the context. Modified: the corpus is added to its files.
     * @return whether a corpus was found and shipped
     */
    static boolean shipCorpus(JavaSparkContext spark) {
        try {
            Path corpus = MuonLabHome.data().resolve(Corpus.FILE_NAME);
            if (Files.isRegularFile(corpus)) {
                spark.addFile(corpus.toString());
                return true;
            }
        } catch (IllegalStateException e) {
            // no checkout on the driver: the executors must have MUONLAB_HOME set themselves
        }
        return false;
    }

    /**
     * On an executor, before a run: makes sure {@link MuonLabHome#data()} holds the corpus. Modifies,
     * once per JVM and only when no home with the corpus is found: a folder beside Spark's files and
     * the system property {@code muonlab.home}.
     */
    static synchronized void ensure() {
        if (checked) {
            return;
        }
        if (!hasCorpus()) {
            Path shipped = Path.of(SparkFiles.get(Corpus.FILE_NAME));
            if (!Files.isRegularFile(shipped)) {
                throw new IllegalStateException("this Spark executor has no Muon Lab home with data/" + Corpus.FILE_NAME
                        + " and the driver shipped none: set MUONLAB_HOME on the executors or run the driver in a checkout");
            }
            try {
                Path home = Path.of(SparkFiles.getRootDirectory()).resolve("muonlab-home");
                Files.createDirectories(home.resolve("data"));
                Files.copy(shipped, home.resolve("data").resolve(Corpus.FILE_NAME), StandardCopyOption.REPLACE_EXISTING);
                System.setProperty("muonlab.home", home.toString());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot lay out the Muon Lab home on this executor", e);
            }
        }
        checked = true;
    }

    private static boolean hasCorpus() {
        try {
            return Files.isRegularFile(MuonLabHome.data().resolve(Corpus.FILE_NAME));
        } catch (IllegalStateException e) {
            return false;
        }
    }
}
