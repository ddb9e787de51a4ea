package dev.muonlab.gpt;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Data-parallel steps against the whole batch on one thread: the gradient of the mean loss is the
 * token-weighted mean of the shards' gradients (exact math), so in fp64 they agree to rounding.
 */
class DataParallelGptTest {

    /** fp64: the shards sum the same terms in another order. */
    private static final double FP64_REL = 1e-11;
    /** fp32 (fused kernels and combine): relative to each gradient's largest entry. */
    private static final double FP32_REL = 2e-5;

    private static GptConfig config(int B, double dropout) {
        return new GptConfig("dp", 13, 2, 2, 16, 8, B, dropout, true, true);
    }

    private static Batch batch(GptConfig c, long seed) {
        int[] data = new SplittableRandom(seed).ints(400, 0, c.vocabSize()).toArray();
        return Batch.sampleAt(data, c.batchSize(), c.blockSize(), seed, 0);
    }

    @Test
    void oneWorkerIsBitForBitTheModelsOwnStep() {
        GptConfig c = config(4, 0.1);
        Gpt plain = Gpt.create(c, DataType.FLOAT, 3);
        Gpt wrapped = Gpt.create(c, DataType.FLOAT, 3);
        Batch b = batch(c, 5);
        Nd4j.getRandom().setSeed(77);
        double expected = plain.lossAndGradients(b, true);
        try (DataParallelGpt dp = new DataParallelGpt(wrapped, 1)) {
            assertEquals(expected, dp.lossAndGradients(b, true, 77));
        }
        plain.gradients().forEach((name, g) ->
                assertArrayEquals(g.data().asFloat(), wrapped.gradients().get(name).data().asFloat(), name));
    }

    @Test
    void shardsGiveTheWholeBatchLossAndGradientInDoublePrecision() {
        for (int workers : new int[]{2, 3, 5}) {                  // B = 5: shards of 2+3, 1+2+2, 1×5
            assertShardsMatchTheWholeBatch(config(5, 0.0), DataType.DOUBLE, workers, FP64_REL);
        }
    }

    /** muP's output multiplier is part of each replica's forward and backward pass (base 4, width 16: ×1/4). */
    @Test
    void shardsMatchTheWholeBatchUnderMup() {
        assertShardsMatchTheWholeBatch(config(5, 0.0).withParameterization(Parameterization.mup(4)), DataType.DOUBLE, 2, FP64_REL);
    }

    @Test
    void fusedFp32CombineMatchesTheWholeBatch() {
        assertShardsMatchTheWholeBatch(config(6, 0.0), DataType.FLOAT, 2, FP32_REL);
    }

    /** Loss, evaluation loss and every gradient of a sharded step against one step on the whole batch. */
    private static void assertShardsMatchTheWholeBatch(GptConfig c, DataType type, int workers, double rel) {
        Gpt whole = Gpt.create(c, type, 11);
        Gpt sharded = Gpt.create(c, type, 11);
        Batch b = batch(c, 9);
        double expected = whole.lossAndGradients(b, false);
        String what = workers + " workers, " + type;
        try (DataParallelGpt dp = new DataParallelGpt(sharded, workers)) {
            assertEquals(expected, dp.lossAndGradients(b, false, 1), rel * expected, what + ": loss");
            assertEquals(expected, dp.loss(b), rel * expected, what + ": evaluation loss");
        }
        assertGradientsClose(whole.gradients(), sharded.gradients(), rel, what);
    }

    @Test
    void dropoutMasksAreSeededPerShardSoStepsRepeat() {
        GptConfig c = config(4, 0.2);
        Batch b = batch(c, 8);
        double[] losses = new double[3];
        INDArray[] grads = new INDArray[3];
        long[] seeds = {21, 21, 22};
        for (int run = 0; run < 3; run++) {
            Gpt model = Gpt.create(c, DataType.FLOAT, 6);
            try (DataParallelGpt dp = new DataParallelGpt(model, 2)) {
                losses[run] = dp.lossAndGradients(b, true, seeds[run]);
            }
            grads[run] = model.gradients().get("transformer.h.0.mlp.c_fc.weight").dup();
        }
        assertEquals(losses[0], losses[1], "same seed, same loss bit for bit");
        assertEquals(grads[0], grads[1]);
        assertNotEquals(losses[0], losses[2], "another seed drops other units");
    }

    @Test
    void anInterruptWaitsForTheWorkersFinishesTheStepAndStaysSet() {
        GptConfig c = config(4, 0.0);
        Gpt model = Gpt.create(c, DataType.FLOAT, 12);
        Batch b = batch(c, 2);
        try (DataParallelGpt dp = new DataParallelGpt(model, 2)) {
            double expected = dp.lossAndGradients(b, false, 1);
            INDArray expectedGrad = model.gradients().get("transformer.h.1.attn.c_attn.weight").dup();
            Thread.currentThread().interrupt();                   // a notebook's interrupt during the step
            double loss = dp.lossAndGradients(b, false, 1);
            assertTrue(Thread.interrupted(), "the interrupt is kept for the trainer's loop to see");
            assertEquals(expected, loss, "the step completes: the replica is idle before the next one");
            assertEquals(expectedGrad, model.gradients().get("transformer.h.1.attn.c_attn.weight"));
        }
    }

    @Test
    void shardsAreContiguousAndCoverTheBatch() {
        GptConfig c = config(7, 0.0);
        Batch b = batch(c, 3);
        int next = 0;
        for (int s = 0; s < 3; s++) {
            Batch part = DataParallelGpt.shard(b, s, 3);
            assertTrue(part.B() == 2 || part.B() == 3, "sizes differ by at most one");
            for (int i = 0; i < part.x().length; i++) {
                assertEquals(b.x()[next * c.blockSize() + i], part.x()[i]);
                assertEquals(b.y()[next * c.blockSize() + i], part.y()[i]);
            }
            next += part.B();
        }
        assertEquals(c.batchSize(), next);
    }

    private static void assertGradientsClose(Map<String, INDArray> expected, Map<String, INDArray> actual, double rel,
                                             String what) {
        expected.forEach((name, e) -> {
            double scale = e.amaxNumber().doubleValue();
            double diff = e.sub(actual.get(name)).amaxNumber().doubleValue();
            assertTrue(diff <= rel * scale, what + ": " + name + " differs by " + diff + " (largest entry " + scale + ")");
        });
    }
}
