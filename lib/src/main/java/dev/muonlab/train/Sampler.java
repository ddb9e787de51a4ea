package dev.muonlab.train;

import dev.muonlab.gpt.CharTokenizer;
import dev.muonlab.gpt.Gpt;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Autoregressive sampling as nanoGPT's {@code GPT.generate}: crop the context to the last
 * {@code blockSize} tokens, divide the last logits by the temperature, keep the {@code topK} largest
 * (the rest get probability 0), sample from the softmax, append, repeat.
 */
public final class Sampler {

    private Sampler() {
    }

    /**
     * @param model       the model (not modified; its activations are overwritten)
     * @param tokenizer   maps text to ids and back
     * @param prompt      non-empty start text from the vocabulary, e.g. {@code "\n"}
     * @param newTokens   how many characters to generate
     * @param temperature &gt; 0; 1 samples the model's distribution, lower is greedier
     * @param topK        keep the k most likely tokens (0 or ≥ V keeps all)
     * @param seed        sampling seed
     * @return the prompt followed by the generated text
     */
    public static String generate(Gpt model, CharTokenizer tokenizer, String prompt, int newTokens,
                                  double temperature, int topK, long seed) {
        if (prompt.isEmpty() || !(temperature > 0)) {
            throw new IllegalArgumentException("need a non-empty prompt and a positive temperature");
        }
        SplittableRandom random = new SplittableRandom(seed);
        int blockSize = model.config().blockSize();
        int[] ids = tokenizer.encode(prompt);
        int[] out = Arrays.copyOf(ids, ids.length + newTokens);
        int length = ids.length;
        for (int n = 0; n < newTokens; n++) {
            int start = Math.max(0, length - blockSize);
            int[] context = Arrays.copyOfRange(out, start, length);
            INDArray logits = model.lastLogits(context, 1, context.length);            // (1, V)
            out[length++] = sample(logits.toDoubleVector(), temperature, topK, random);
        }
        return tokenizer.decode(Arrays.copyOf(out, length));
    }

    /**
     * @param logits one row of logits. Not modified.
     * @param random modified (one draw)
     * @return a token id drawn from softmax(top-k(logits)/temperature)
     */
    static int sample(double[] logits, double temperature, int topK, SplittableRandom random) {
        int V = logits.length;
        double threshold = Double.NEGATIVE_INFINITY;
        if (topK > 0 && topK < V) {
            double[] sorted = logits.clone();
            Arrays.sort(sorted);
            threshold = sorted[V - topK];
        }
        double max = Arrays.stream(logits).max().orElseThrow();
        double[] p = new double[V];
        double sum = 0;
        for (int i = 0; i < V; i++) {
            p[i] = logits[i] < threshold ? 0 : Math.exp((logits[i] - max) / temperature);
            sum += p[i];
        }
        double u = random.nextDouble() * sum;
        for (int i = 0; i < V; i++) {
            u -= p[i];
            if (u < 0) {
                return i;
            }
        }
        return V - 1;
    }
}
