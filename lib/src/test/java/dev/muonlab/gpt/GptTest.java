package dev.muonlab.gpt;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Model facts against nanoGPT: parameter counts, initialization, loss at initialization. */
class GptTest {

    @Test
    void parameterCountsMatchNanoGpt() {
        // references.md §9: nanoGPT's model.py, all unique parameters (position embeddings included)
        assertEquals(804_096, GptParameters.initialize(GptConfig.babyCpu(), DataType.FLOAT, 0).count());
        assertEquals(10_745_088, GptParameters.initialize(GptConfig.shakespeareChar(), DataType.FLOAT, 0).count());
        // untied: one more (V, C) matrix
        assertEquals(804_096 + 65 * 128,
                GptParameters.initialize(GptConfig.babyCpu().withTiedHead(false), DataType.FLOAT, 0).count());
    }

    @Test
    void initializationFollowsNanoGpt() {
        GptParameters p = GptParameters.initialize(GptConfig.babyCpu(), DataType.DOUBLE, 3);
        // c_attn 384 x 128 = 49,152 draws of N(0, 0.02²): the sample std is within 2 % of 0.02
        assertEquals(0.02, p.get("transformer.h.0.attn.c_attn.weight").stdNumber().doubleValue(), 0.02 * 0.02);
        double projStd = 0.02 / Math.sqrt(2 * 4);
        assertEquals(projStd, p.get("transformer.h.0.mlp.c_proj.weight").stdNumber().doubleValue(), projStd * 0.02);
        assertEquals(1.0, p.get("transformer.ln_f.weight").meanNumber().doubleValue(), 0.0);
        assertEquals(128 * 3, p.get("transformer.h.0.attn.c_attn.weight").size(0), "stored (out, in)");
    }

    @Test
    void lossAtInitializationIsAboutLnSixtyFive() {
        DataSplit split = DataSplit.tinyShakespeare();
        Gpt model = Gpt.create(GptConfig.babyCpu(), DataType.FLOAT, 1337);
        double loss = model.loss(Batch.sampleAt(split.train(), 12, 64, 1, 0), false);
        // small random logits: close to the uniform guess, ln 65 = 4.174
        assertEquals(Math.log(65), loss, 0.1);
    }

    @Test
    void contextLongerThanBlockSizeIsRefused() {
        Gpt model = Gpt.create(new GptConfig("t", 11, 1, 1, 4, 4, 1, 0, false, true), DataType.FLOAT, 1);
        assertThrows(IllegalArgumentException.class, () -> model.lastLogits(new int[5], 1, 5));
    }
}
