package dev.muonlab.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Fashion-MNIST (Xiao, Rasul, Vollgraf 2017, arXiv 1708.07747): 60,000 training and 10,000 test
 * 28×28 grey images in 10 classes, read from the IDX files that Debian's package
 * {@code dataset-fashion-mnist} installs under {@value #DEBIAN_FOLDER}.
 *
 * <p>The folder can be overridden with the environment variable {@code MUONLAB_FASHION_MNIST} or the
 * system property {@code muonlab.fashionMnist}.
 */
public final class FashionMnist {

    /** Where Debian's {@code dataset-fashion-mnist} installs the files. */
    public static final String DEBIAN_FOLDER = "/usr/share/datasets/fashion-mnist";
    /** Pixels per image. */
    public static final int PIXELS = 28 * 28;
    /** Number of classes. */
    public static final int CLASSES = 10;

    private FashionMnist() {
    }

    /**
     * One split as arrays.
     *
     * @param images (n, 784) float, pixel values scaled to [0, 1]
     * @param labels (n) class indices 0..9
     */
    public record Split(INDArray images, int[] labels) {

        /** @return the number of examples */
        public int size() {
            return labels.length;
        }
    }

    /** @return the folder to read: the override if set, else {@value #DEBIAN_FOLDER} */
    public static Path folder() {
        String env = System.getenv("MUONLAB_FASHION_MNIST");
        String prop = System.getProperty("muonlab.fashionMnist");
        return Path.of(prop != null ? prop : env != null ? env : DEBIAN_FOLDER);
    }

    /** @return the training split (60,000 examples) from {@link #folder()} */
    public static Split train() throws IOException {
        return load(folder(), "train");
    }

    /** @return the test split (10,000 examples) from {@link #folder()} */
    public static Split test() throws IOException {
        return load(folder(), "t10k");
    }

    /**
     * @param folder the folder with {@code <prefix>-images-idx3-ubyte.gz} and {@code <prefix>-labels-idx1-ubyte.gz}
     * @param prefix {@code train} or {@code t10k}
     * @return the split
     * @throws IOException with installation instructions when files are missing, or when they are malformed
     */
    public static Split load(Path folder, String prefix) throws IOException {
        Path images = find(folder, prefix + "-images-idx3-ubyte");
        Path labels = find(folder, prefix + "-labels-idx1-ubyte");
        List<Path> missing = new ArrayList<>();
        if (images == null) {
            missing.add(folder.resolve(prefix + "-images-idx3-ubyte.gz"));
        }
        if (labels == null) {
            missing.add(folder.resolve(prefix + "-labels-idx1-ubyte.gz"));
        }
        if (!missing.isEmpty()) {
            throw new IOException("Fashion-MNIST is missing: " + missing + ". Install it with "
                    + "'sudo apt-get install dataset-fashion-mnist' (it goes to " + DEBIAN_FOLDER + "), or set "
                    + "MUONLAB_FASHION_MNIST to a folder holding the four IDX files.");
        }
        IdxReader.IdxArray x = IdxReader.read(images);
        IdxReader.IdxArray y = IdxReader.read(labels);
        if (x.dims().length != 3 || x.dims()[1] != 28 || x.dims()[2] != 28 || y.dims().length != 1
                || x.count() != y.count()) {
            throw new IOException("Fashion-MNIST files in " + folder + " have unexpected shapes: images "
                    + java.util.Arrays.toString(x.dims()) + ", labels " + java.util.Arrays.toString(y.dims()));
        }
        float[] pixels = new float[x.data().length];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (x.data()[i] & 0xFF) / 255f;
        }
        int[] classes = new int[y.count()];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = y.data()[i] & 0xFF;
            if (classes[i] >= CLASSES) {
                throw new IOException(labels + ": label " + classes[i] + " at " + i + " is not in 0..9");
            }
        }
        return new Split(Nd4j.create(pixels, new long[]{x.count(), PIXELS}, 'c').castTo(DataType.FLOAT), classes);
    }

    private static Path find(Path folder, String stem) {
        for (String name : new String[]{stem + ".gz", stem}) {
            Path p = folder.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }
}
