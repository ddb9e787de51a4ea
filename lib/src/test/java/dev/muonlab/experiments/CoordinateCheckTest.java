package dev.muonlab.experiments;

import dev.muonlab.gpt.GptConfig;
import dev.muonlab.gpt.Parameterization;
import dev.muonlab.train.OptimizerChoice;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The coordinate check at smoke size: 2 layers, 2 heads, context 16, batch 4, widths 32/64/128 with
 * muP's base 64, 3 steps at a constant lr, on a fixed random stream over 20 of the 65 symbols.
 *
 * <p>Measured (2026-12-05), logits RMS at the last step (step 2) at widths 32/64/128:
 * <ul>
 *   <li>AdamW lr 1e-2: SP 0.458/0.838/1.608 (×3.51 from 32 to 128), muP 0.804/0.838/0.856 (×1.06);</li>
 *   <li>Keller-Muon lr 0.02 (AdamW 1e-2 on embeddings/head): SP 0.367/0.772/1.488 (×4.05), muP
 *       0.728/0.772/0.746 (×1.02);</li>
 *   <li>Moonlight-Muon lr 1e-2 (not asserted here, for time): SP ×4.34, muP ×1.03.</li>
 * </ul>
 * The bounds (SP &gt; 2.5, muP within [0.8, 1.25], SP at least twice muP) leave wide margins.
 */
class CoordinateCheckTest {

    private static final GptConfig SMOKE = new GptConfig("coord-smoke", 65, 2, 2, 32, 16, 4, 0.0, false, true);
    private static final int[] WIDTHS = {32, 64, 128};
    private static final int STEPS = 3;

    private static int[] tokens() {
        return new SplittableRandom(5).ints(4000, 0, 20).toArray();
    }

    private static double logitsRms(Table t, String param, int width, int step) {
        return t.where(t.stringColumn("parameterization").isEqualTo(param)
                        .and(t.intColumn("width").isEqualTo(width))
                        .and(t.intColumn("step").isEqualTo(step))
                        .and(t.stringColumn("layer").isEqualTo("logits")))
                .doubleColumn("rms").get(0);
    }

    private static void check(OptimizerChoice optimizer) {
        CoordinateCheck.Settings s = new CoordinateCheck.Settings(SMOKE, WIDTHS, 64, optimizer, 1e-2, 0.02, STEPS, 1);
        Table t = CoordinateCheck.run(s, tokens());
        assertEquals(WIDTHS.length * 2 * STEPS * (SMOKE.nLayer() + 2), t.rowCount());
        int last = STEPS - 1;
        for (int step = 0; step < STEPS; step++) {
            assertEquals(logitsRms(t, "SP", 64, step), logitsRms(t, "muP", 64, step), 0.0, "muP = SP at the base width");
        }
        double sp = logitsRms(t, "SP", 128, last) / logitsRms(t, "SP", 32, last);
        double mup = logitsRms(t, "muP", 128, last) / logitsRms(t, "muP", 32, last);
        assertTrue(sp > 2.5, optimizer + ": SP's logits grow with width, measured ×" + sp);
        assertTrue(mup > 0.8 && mup < 1.25, optimizer + ": muP's logits stay flat, measured ×" + mup);
        assertTrue(sp > 2 * mup, optimizer + ": SP ×" + sp + " vs muP ×" + mup);
    }

    @Test
    void adamwLogitsGrowWithWidthUnderSpAndStayFlatUnderMup() {
        check(OptimizerChoice.ADAMW);
    }

    @Test
    void kellerMuonLogitsGrowWithWidthUnderSpAndStayFlatUnderMup() {
        check(OptimizerChoice.MUON);
    }

    /**
     * The muP side can be muP with Tensor Programs V's attention scale: labelled {@code muP} as before
     * (what {@link CoordinateCheckAnalysis} reads), SP's model at the base width, another one above it.
     */
    @Test
    void runsWithMupAttentionAsTheMupSide() {
        int[] widths = {64, 128};
        int steps = 2;
        CoordinateCheck.Settings s = new CoordinateCheck.Settings(SMOKE, widths, 64, OptimizerChoice.ADAMW, 1e-2, 0.02, steps, 1);
        Table attn = CoordinateCheck.run(s, Parameterization.mupAttention(64), tokens());
        Table mup = CoordinateCheck.run(s, tokens());
        assertEquals(widths.length * 2 * steps * (SMOKE.nLayer() + 2), attn.rowCount());
        for (int step = 0; step < steps; step++) {
            assertEquals(logitsRms(attn, "SP", 64, step), logitsRms(attn, "muP", 64, step), 0.0, "= SP at the base width");
        }
        assertNotEquals(logitsRms(mup, "muP", 128, steps - 1), logitsRms(attn, "muP", 128, steps - 1),
                "the attention scale differs at 2× base");
        assertThrows(IllegalArgumentException.class, () -> CoordinateCheck.run(s, Parameterization.sp(), tokens()));
    }
}
