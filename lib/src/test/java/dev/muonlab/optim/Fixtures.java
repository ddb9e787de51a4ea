package dev.muonlab.optim;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Reads the PyTorch reference fixtures in {@code src/test/resources/fixtures/ns} and {@code fixtures/toolbox} (see their READMEs). */
final class Fixtures {

    private Fixtures() {
    }

    static INDArray npy(String name) {
        return npy("ns", name);
    }

    /** @return {@code src/test/resources/fixtures/<folder>/<name>}, e.g. folder {@code toolbox} */
    static INDArray npy(String folder, String name) {
        URL url = Fixtures.class.getResource("/fixtures/" + folder + "/" + name);
        if (url == null) {
            throw new IllegalStateException("missing fixture " + name);
        }
        try {
            return Nd4j.createFromNpyFile(new File(url.toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** ||a − b||_F / ||b||_F */
    static double relativeError(INDArray actual, INDArray expected) {
        return actual.castTo(expected.dataType()).sub(expected).norm2Number().doubleValue()
                / expected.norm2Number().doubleValue();
    }
}
