package dev.muonlab.ns;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Loads the PyTorch reference fixtures in test resources fixtures/ns (provenance: their README.md). */
public final class Fixtures {

    private Fixtures() {
    }

    /** @return the fixture file fixtures/ns/NAME */
    public static File file(String name) {
        URL url = Fixtures.class.getResource("/fixtures/ns/" + name);
        if (url == null) {
            throw new IllegalStateException("missing fixture " + name);
        }
        try {
            return new File(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the .npy fixture NAME (without extension) in its stored dtype */
    public static INDArray npy(String name) {
        return Nd4j.createFromNpyFile(file(name + ".npy"));
    }

    /** @return ‖X − Y‖_F / ‖Y‖_F computed in double */
    public static double relFro(INDArray X, INDArray Y) {
        INDArray x = X.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
        INDArray y = Y.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
        return x.sub(y).norm2Number().doubleValue() / y.norm2Number().doubleValue();
    }
}
