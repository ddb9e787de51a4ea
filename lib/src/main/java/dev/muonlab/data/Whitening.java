package dev.muonlab.data;

import dev.muonlab.ns.ExactPolar;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * ZCA whitening of inputs, x ↦ (C + εI)^{-1/2} (x − μ), with μ and C the mean and covariance of a
 * fitting set (Bell &amp; Sejnowski 1997; Krizhevsky 2009, "Learning Multiple Layers of Features from
 * Tiny Images", App. A). With ε = 0 the whitened fitting set has covariance I on its span; ε &gt; 0
 * damps the directions of variance below ε (eigenvalue λ becomes λ/(λ + ε)). Kim &amp; Oh's CifarNet
 * (arXiv 2601.19156, App. F; Keller Jordan's airbench) starts with such a frozen whitening layer, so
 * the layer whose rank their App. H.2 varies sees whitened inputs; Muon Lab's rank experiment whitens
 * the MLP's pixels for the same reason.
 *
 * @param mean (1, d) DOUBLE, μ
 * @param map  (d, d) DOUBLE, (C + εI)^{-1/2}, symmetric
 * @param eps  ε
 */
public record Whitening(INDArray mean, INDArray map, double eps) {

    /**
     * @param X   (n, d) rows are examples, any floating type; not modified
     * @param eps ε ≥ 0 (0 needs a full-rank covariance)
     * @return the whitening fitted on X: C = (X − μ)ᵀ(X − μ)/n, its eigen-decomposition by SVD (C is
     *         symmetric positive semi-definite, so C = U Σ Uᵀ)
     * @throws IllegalArgumentException for ε &lt; 0, or ε = 0 with a singular covariance
     */
    public static Whitening fit(INDArray X, double eps) {
        if (!(eps >= 0)) {
            throw new IllegalArgumentException("whitening ε must be ≥ 0, got " + eps);
        }
        INDArray Xd = X.castTo(DataType.DOUBLE);
        INDArray mean = Xd.mean(0).reshape(1, X.columns());
        INDArray centred = Xd.subRowVector(mean);
        INDArray C = centred.transpose().mmul(centred).divi(X.rows());                    // (d, d)
        ExactPolar.Svd svd = ExactPolar.svd(C);
        INDArray shifted = svd.s().add(eps);                                              // λ + ε
        double tiny = X.columns() * 0x1p-52 * svd.s().maxNumber().doubleValue();
        if (shifted.minNumber().doubleValue() <= tiny) {
            throw new IllegalArgumentException("the covariance is singular: use ε > 0");
        }
        INDArray scale = Transforms.pow(shifted, -0.5, false).reshape(1, X.columns());    // (λ + ε)^{-1/2}
        INDArray map = svd.U().mulRowVector(scale).mmul(svd.U().transpose());             // U diag(scale) Uᵀ
        return new Whitening(mean, map, eps);
    }

    /**
     * @param X (n, d); not modified
     * @return a new (n, d) array of X's data type: (X − μ)(C + εI)^{-1/2}
     */
    public INDArray apply(INDArray X) {
        return X.castTo(DataType.DOUBLE).subRowVector(mean).mmul(map).castTo(X.dataType());
    }

    /**
     * @param split examples to whiten; not modified
     * @param n     how many of its first examples to keep
     * @return a new split of n whitened examples with their labels
     */
    public FashionMnist.Split apply(FashionMnist.Split split, int n) {
        INDArray X = split.images().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, n),
                org.nd4j.linalg.indexing.NDArrayIndex.all());
        return new FashionMnist.Split(apply(X), java.util.Arrays.copyOf(split.labels(), n));
    }
}
