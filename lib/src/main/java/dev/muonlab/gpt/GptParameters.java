package dev.muonlab.gpt;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A GPT's parameters by nanoGPT's names ({@code transformer.h.0.attn.c_attn.weight}, ...), weights
 * stored (out, in) as {@code nn.Linear}, gains and biases rank 1. Insertion order is nanoGPT's
 * {@code named_parameters()} order.
 *
 * <p>Initialization as nanoGPT's {@code GPT._init_weights}: Linear and Embedding weights N(0, 0.02²),
 * biases 0, LayerNorm gains 1, and every {@code c_proj.weight} N(0, (0.02/√(2·n_layer))²) ("apply
 * special scaled init to the residual projections, per GPT-2 paper"). Draws come from a seeded
 * {@link SplittableRandom} on the host, so they do not depend on the ND4J backend.
 *
 * <p>Under muP ({@link GptConfig#parameterization()}) the hidden matrices (attention and MLP weights)
 * draw with {@link Parameterization#hiddenInitStd} (std ∝ 1/√fan_in, SP's at the base width);
 * embeddings and an untied head keep 0.02 (Tensor Programs V Table 3: input weights' init does not
 * depend on width; the output's 1/fan_in scaling is the forward pass's multiplier instead).
 */
public final class GptParameters {

    private final GptConfig config;
    private final Map<String, INDArray> params;

    private GptParameters(GptConfig config, Map<String, INDArray> params) {
        this.config = config;
        this.params = params;
    }

    /**
     * @param dtype FLOAT for training, DOUBLE for gradient checks
     * @return freshly initialized parameters
     */
    public static GptParameters initialize(GptConfig config, DataType dtype, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int C = config.nEmbd();
        int V = config.vocabSize();
        double std = 0.02;                                                         // embeddings, head
        Parameterization mu = config.parameterization();
        double hiddenStd = mu.hiddenInitStd(std, C);                               // SP: 0.02
        double projStd = mu.hiddenInitStd(0.02 / Math.sqrt(2.0 * config.nLayer()), C);
        Map<String, INDArray> p = new LinkedHashMap<>();
        p.put("transformer.wte.weight", normal(random, dtype, std, V, C));           // (V, C)
        p.put("transformer.wpe.weight", normal(random, dtype, std, config.blockSize(), C)); // (T, C)
        for (int l = 0; l < config.nLayer(); l++) {
            String h = "transformer.h." + l + ".";
            layerNorm(p, h + "ln_1", C, dtype, config.bias());
            linear(p, h + "attn.c_attn", 3 * C, C, hiddenStd, random, dtype, config.bias());   // (3C, C)
            linear(p, h + "attn.c_proj", C, C, projStd, random, dtype, config.bias());   // (C, C)
            layerNorm(p, h + "ln_2", C, dtype, config.bias());
            linear(p, h + "mlp.c_fc", 4 * C, C, hiddenStd, random, dtype, config.bias());      // (4C, C)
            linear(p, h + "mlp.c_proj", C, 4 * C, projStd, random, dtype, config.bias()); // (C, 4C)
        }
        layerNorm(p, "transformer.ln_f", C, dtype, config.bias());
        if (!config.tiedHead()) {
            p.put("lm_head.weight", normal(random, dtype, std, V, C));               // (V, C)
        }
        return new GptParameters(config, p);
    }

    /**
     * Wraps existing arrays (e.g. from a checkpoint).
     *
     * @param params arrays by name; kept, not copied
     */
    public static GptParameters of(GptConfig config, Map<String, INDArray> params) {
        GptParameters expected = initialize(config, DataType.FLOAT, 0);
        for (Map.Entry<String, INDArray> e : expected.params.entrySet()) {
            INDArray given = params.get(e.getKey());
            if (given == null || !java.util.Arrays.equals(given.shape(), e.getValue().shape())) {
                throw new IllegalArgumentException("parameter " + e.getKey() + " missing or of the wrong shape");
            }
        }
        Map<String, INDArray> ordered = new LinkedHashMap<>();
        expected.params.keySet().forEach(k -> ordered.put(k, params.get(k)));
        return new GptParameters(config, ordered);
    }

    private static void linear(Map<String, INDArray> p, String name, int out, int in, double std,
                               SplittableRandom random, DataType dtype, boolean bias) {
        p.put(name + ".weight", normal(random, dtype, std, out, in));
        if (bias) {
            p.put(name + ".bias", Nd4j.zeros(dtype, out));
        }
    }

    private static void layerNorm(Map<String, INDArray> p, String name, int C, DataType dtype, boolean bias) {
        p.put(name + ".weight", Nd4j.ones(dtype, C));
        if (bias) {
            p.put(name + ".bias", Nd4j.zeros(dtype, C));
        }
    }

    private static INDArray normal(SplittableRandom random, DataType dtype, double std, int rows, int cols) {
        double[] values = new double[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = std * random.nextGaussian();
        }
        return Nd4j.create(values, new long[]{rows, cols}, DataType.DOUBLE).castTo(dtype);
    }

    /** @return the configuration */
    public GptConfig config() {
        return config;
    }

    /** @return the arrays by name, in nanoGPT's order; the map is read-only, the arrays are live */
    public Map<String, INDArray> asMap() {
        return Collections.unmodifiableMap(params);
    }

    /** @return the named array (live) */
    public INDArray get(String name) {
        INDArray a = params.get(name);
        if (a == null) {
            throw new IllegalArgumentException("no parameter named " + name);
        }
        return a;
    }

    /** @return the named array, or null when absent (biases when {@code bias} is false) */
    public INDArray getOrNull(String name) {
        return params.get(name);
    }

    /** @return the output head (V, C): the token embedding when tied */
    public INDArray head() {
        return config.tiedHead() ? get("transformer.wte.weight") : get("lm_head.weight");
    }

    /** @return total number of scalars in all unique parameters */
    public long count() {
        return params.values().stream().mapToLong(INDArray::length).sum();
    }

    /** @return zero arrays of the same names, shapes and data types (gradient buffers) */
    public Map<String, INDArray> zerosLike() {
        Map<String, INDArray> z = new LinkedHashMap<>();
        params.forEach((k, v) -> z.put(k, Nd4j.zeros(v.dataType(), v.shape())));
        return z;
    }
}
