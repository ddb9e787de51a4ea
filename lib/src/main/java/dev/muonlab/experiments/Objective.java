package dev.muonlab.experiments;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A differentiable loss over named matrix parameters: the common shape of every case-study problem
 * (matrix factorization, in-context regression), so that one training loop drives any optimizer of
 * {@code dev.muonlab.optim} on any of them.
 */
public interface Objective {

    /**
     * @param params the named parameters, e.g. {@code "U"} (d, k). Not modified.
     * @return the loss at {@code params}
     */
    double loss(Map<String, INDArray> params);

    /**
     * @param params the named parameters. Not modified.
     * @return a new map with, for every parameter name, the gradient of {@link #loss} (same shape)
     */
    Map<String, INDArray> gradient(Map<String, INDArray> params);
}
