package dev.muonlab.gpt;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * muP with Tensor Programs V's attention scale ({@code mupattn}, {@link Parameterization#attentionScale}):
 * it parses and prints like the other kinds, its scale is 1/√d_head at the base width and √d₀/d_head
 * above it, SP and MUP keep 1/√d_head, and at the base width the model is MUP's bit for bit. Its
 * backward pass is checked against finite differences in {@link GptGradientCheckTest}.
 */
class MupAttentionScaleTest {

    @Test
    void parsesAndDescribesRoundTrip() {
        Parameterization p = Parameterization.parse("mupattn:64");
        assertEquals(Parameterization.mupAttention(64), p);
        assertEquals(Parameterization.Kind.MUP_ATTENTION, p.kind());
        assertEquals("mupattn:64", p.describe());
        assertEquals(p, Parameterization.parse(p.describe()));
        assertEquals(Parameterization.mupAttention(128), Parameterization.parse("mupattn"));
        assertTrue(p.isMup());
        // the older kinds are unchanged: run folders store "mup:<base>" and "sp"
        assertEquals(Parameterization.mup(128), Parameterization.parse("mup:128"));
        assertEquals("mup:128", Parameterization.parse("mup:128").describe());
        assertEquals(Parameterization.sp(), Parameterization.parse("sp"));
    }

    @Test
    void otherRulesAreMups() {
        Parameterization mup = Parameterization.mup(128);
        Parameterization attn = Parameterization.mupAttention(128);
        for (int C : new int[]{64, 128, 256, 512}) {
            assertEquals(mup.widthMultiplier(C), attn.widthMultiplier(C), 0.0);
            assertEquals(mup.hiddenInitStd(0.02, C), attn.hiddenInitStd(0.02, C), 0.0);
            assertEquals(mup.outputMultiplier(C), attn.outputMultiplier(C), 0.0);
            assertEquals(mup.adamHiddenLrMultiplier(C), attn.adamHiddenLrMultiplier(C), 0.0);
        }
    }

    /** Base 128 with 4 heads: d₀ = 32. At the base 1/√32 exactly; at 4× base (d = 128) √32/128 = 1/(2√128). */
    @Test
    void scaleIsOneOverSqrtDAtTheBaseAndFallsAsOneOverDAbove() {
        Parameterization attn = Parameterization.mupAttention(128);
        assertEquals(1.0 / Math.sqrt(32), attn.attentionScale(32, 4), 0.0);
        assertEquals(1.0 / Math.sqrt(128) / 2, attn.attentionScale(128, 4), 0.0);
        assertEquals(Math.sqrt(32) / 128, attn.attentionScale(128, 4), 1e-17);
        assertEquals(Math.sqrt(32) / 16, attn.attentionScale(16, 4), 1e-16);      // half the base: √2 × SP's
        for (int hs : new int[]{16, 32, 128}) {
            assertEquals(1.0 / Math.sqrt(hs), Parameterization.sp().attentionScale(hs, 4), 0.0);
            assertEquals(1.0 / Math.sqrt(hs), Parameterization.mup(128).attentionScale(hs, 4), 0.0);
        }
    }

    /** At the base width mupattn is muP (and SP) bit for bit: same init, same scale, same loss; above it not. */
    @Test
    void forwardLossEqualsMupsBitForBitAtTheBaseWidth() {
        GptConfig base = new GptConfig("tiny", 11, 2, 2, 16, 6, 3, 0.0, false, true);
        SplittableRandom random = new SplittableRandom(5);
        int[] data = random.ints(300, 0, base.vocabSize()).toArray();
        Batch batch = Batch.sample(data, base.batchSize(), base.blockSize(), random);
        for (DataType type : new DataType[]{DataType.FLOAT, DataType.DOUBLE}) {
            double mup = Gpt.create(base.withParameterization(Parameterization.mup(16)), type, 7).forward(batch, false);
            double attn = Gpt.create(base.withParameterization(Parameterization.mupAttention(16)), type, 7).forward(batch, false);
            assertEquals(mup, attn, 0.0, type.toString());
            double mupWide = Gpt.create(base.withParameterization(Parameterization.mup(4)), type, 7).forward(batch, false);
            double attnWide = Gpt.create(base.withParameterization(Parameterization.mupAttention(4)), type, 7).forward(batch, false);
            assertNotEquals(mupWide, attnWide, type + ": at 4× base the attention scale halves");
        }
    }
}
