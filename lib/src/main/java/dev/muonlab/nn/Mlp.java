package dev.muonlab.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A fully connected ReLU network with a softmax cross-entropy head and a hand-written backward pass:
 * the MLP of Kim &amp; Oh, "Convergence of Muon with Newton-Schulz" (arXiv 2601.19156, App. G,
 * 784-512-256-10). Parameters are named {@code W1, b1, W2, b2, ...}; W_l is (out, in) as in
 * PyTorch's {@code nn.Linear}, so Muon sees the same matrices as there.
 *
 * @param sizes layer widths, input first, e.g. {784, 512, 256, 10}
 */
public record Mlp(int... sizes) {

    public Mlp {
        if (sizes.length < 2) {
            throw new IllegalArgumentException("need at least input and output sizes");
        }
        sizes = sizes.clone();
    }

    /** @return the 784-512-256-10 network of Kim &amp; Oh (App. G) */
    public static Mlp kimOh() {
        return new Mlp(784, 512, 256, 10);
    }

    /** @return the number of linear layers */
    public int layers() {
        return sizes.length - 1;
    }

    /**
     * PyTorch's default {@code nn.Linear} initialization: W and b ~ U(−1/√fan_in, 1/√fan_in).
     *
     * @return new parameters, in layer order
     */
    public Map<String, INDArray> init(long seed, DataType type) {
        Random random = new Random(seed);
        Map<String, INDArray> params = new LinkedHashMap<>();
        for (int l = 1; l <= layers(); l++) {
            int in = sizes[l - 1];
            int out = sizes[l];
            double bound = 1 / Math.sqrt(in);
            params.put("W" + l, uniform(out * in, bound, random).reshape(out, in).castTo(type));
            params.put("b" + l, uniform(out, bound, random).reshape(1, out).castTo(type));
        }
        return params;
    }

    /**
     * Mean cross-entropy of a batch and, when {@code grads} is not null, its gradient.
     *
     * @param params the parameters. Not modified.
     * @param X      inputs (B, sizes[0]). Not modified.
     * @param labels classes (B). Not modified.
     * @param grads  receives one new gradient per parameter name when not null. Modified.
     * @return the mean loss − (1/B) Σ_b log softmax(z_b)[y_b]
     */
    public double lossAndGradient(Map<String, INDArray> params, INDArray X, int[] labels, Map<String, INDArray> grads) {
        List<INDArray> acts = new ArrayList<>();                 // acts[l] = input of layer l+1, (B, sizes[l])
        acts.add(X);
        INDArray logits = null;
        for (int l = 1; l <= layers(); l++) {
            INDArray Z = acts.get(l - 1).mmul(params.get("W" + l).transpose()).addiRowVector(params.get("b" + l));
            if (l < layers()) {
                acts.add(Transforms.relu(Z, true));             // (B, sizes[l])
            } else {
                logits = Z;                                      // (B, classes)
            }
        }
        int batch = labels.length;
        INDArray shifted = logits.subColumnVector(logits.max(1).reshape(batch, 1));
        INDArray logSumExp = Transforms.log(Transforms.exp(shifted, true).sum(1), false); // (B)
        double loss = 0;
        for (int b = 0; b < batch; b++) {
            loss += logSumExp.getDouble(b) - shifted.getDouble(b, labels[b]);
        }
        loss /= batch;
        if (grads == null) {
            return loss;
        }
        INDArray dZ = Transforms.softmax(shifted, true);       // (B, classes): softmax − onehot, / B
        for (int b = 0; b < batch; b++) {
            dZ.putScalar(b, labels[b], dZ.getDouble(b, labels[b]) - 1);
        }
        dZ.divi(batch);
        for (int l = layers(); l >= 1; l--) {
            INDArray A = acts.get(l - 1);                         // (B, in)
            grads.put("W" + l, dZ.transpose().mmul(A));           // (out, in)
            grads.put("b" + l, dZ.sum(true, 0));                  // (1, out)
            if (l > 1) {
                INDArray dA = dZ.mmul(params.get("W" + l));       // (B, in)
                INDArray active = A.gt(0).castTo(dA.dataType());  // ReLU'(Z) = 1[A > 0]
                dZ = dA.muli(active);
            }
        }
        return loss;
    }

    /**
     * @param params the parameters. Not modified.
     * @param X      inputs (n, sizes[0]). Not modified.
     * @return the predicted classes (n)
     */
    public int[] predict(Map<String, INDArray> params, INDArray X) {
        INDArray A = X;
        for (int l = 1; l <= layers(); l++) {
            INDArray Z = A.mmul(params.get("W" + l).transpose()).addiRowVector(params.get("b" + l));
            A = l < layers() ? Transforms.relu(Z, false) : Z;
        }
        return A.argMax(1).toIntVector();
    }

    private static INDArray uniform(int n, double bound, Random random) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (2 * random.nextDouble() - 1) * bound;
        }
        return Nd4j.create(v, new long[]{n}, DataType.DOUBLE);
    }
}
