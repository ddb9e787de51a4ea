package dev.muonlab.gpt;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hand-written backward pass against central finite differences in fp64, for every parameter
 * kind: token and position embeddings, LayerNorm gains and biases, attention and MLP weights and
 * biases, the head tied and untied, with and without dropout, under muP's output multiplier, and under
 * muP with Tensor Programs V's attention scale.
 */
class GptGradientCheckTest {

    /** Central differences in fp64 with h = 1e-5 agree to about 1e-9 relative; 1e-6 leaves margin. */
    private static final double REL_TOL = 1e-6;
    private static final double H = 1e-5;
    private static final int ENTRIES_PER_PARAMETER = 4;

    private static int previousThreads;

    @org.junit.jupiter.api.BeforeAll
    static void oneThread() {
        previousThreads = NativeThreads.set(1);   // tiny fp64 ops: threads only add synchronization
    }

    @org.junit.jupiter.api.AfterAll
    static void restoreThreads() {
        NativeThreads.set(previousThreads);
    }

    private static GptConfig tiny(boolean bias, boolean tied, double dropout) {
        return new GptConfig("tiny", 11, 2, 2, 8, 5, 3, dropout, bias, tied);
    }

    @Test
    void untiedWithBiasesMatchesFiniteDifferences() {
        check(tiny(true, false, 0.0));
    }

    @Test
    void tiedWithoutBiasesMatchesFiniteDifferences() {
        check(tiny(false, true, 0.0));
    }

    @Test
    void dropoutBackwardMatchesFiniteDifferencesWithFixedMasks() {
        check(tiny(true, true, 0.2));
    }

    /** muP's output multiplier 1/m (base 2, width 8: m = 4, logits × 0.25) in forward and backward, tied head. */
    @Test
    void mupOutputMultiplierTiedMatchesFiniteDifferences() {
        GptConfig c = tiny(false, true, 0.0).withParameterization(Parameterization.mup(2));
        assertEquals(0.25, c.outputMultiplier(), 0.0);
        check(c);
    }

    /** The same with an untied head and biases. */
    @Test
    void mupOutputMultiplierUntiedMatchesFiniteDifferences() {
        check(tiny(true, false, 0.0).withParameterization(Parameterization.mup(2)));
    }

    /**
     * muP with Tensor Programs V's attention scale at 4× its base (base 2, width 8, 2 heads: d₀ = 1,
     * d = 4, scale √1/4 = 0.25 instead of 1/√4), in forward and backward, untied head with biases.
     */
    @Test
    void mupAttentionScaleMatchesFiniteDifferences() {
        GptConfig c = tiny(true, false, 0.0).withParameterization(Parameterization.mupAttention(2));
        assertEquals(0.25, c.parameterization().attentionScale(4, 2), 0.0);
        check(c);
    }

    private static void check(GptConfig config) {
        Gpt model = Gpt.create(config, DataType.DOUBLE, 7);
        SplittableRandom random = new SplittableRandom(3);
        int[] data = random.ints(200, 0, config.vocabSize()).toArray();
        Batch batch = Batch.sample(data, config.batchSize(), config.blockSize(), random);
        boolean training = config.dropout() > 0;

        Nd4j.getRandom().setSeed(99);
        model.forward(batch, training);
        model.backward();
        Map<String, INDArray> grads = model.gradients();

        int checked = 0;
        for (Map.Entry<String, INDArray> e : model.parameters().asMap().entrySet()) {
            INDArray w = e.getValue();
            INDArray g = grads.get(e.getKey());
            for (int n = 0; n < ENTRIES_PER_PARAMETER; n++) {
                long i = random.nextLong(w.length());
                double original = w.getDouble(i);
                w.putScalar(i, original + H);
                double plus = loss(model, batch, training);
                w.putScalar(i, original - H);
                double minus = loss(model, batch, training);
                w.putScalar(i, original);
                double numeric = (plus - minus) / (2 * H);
                double analytic = g.getDouble(i);
                double scale = Math.max(1e-7, Math.abs(numeric) + Math.abs(analytic));
                assertTrue(Math.abs(numeric - analytic) / scale < REL_TOL || Math.abs(numeric - analytic) < 1e-10,
                        e.getKey() + "[" + i + "]: analytic " + analytic + " vs numeric " + numeric);
                checked++;
            }
        }
        assertEquals(model.parameters().asMap().size() * ENTRIES_PER_PARAMETER, checked);
    }

    private static double loss(Gpt model, Batch batch, boolean training) {
        Nd4j.getRandom().setSeed(99);
        return model.forward(batch, training);
    }
}
