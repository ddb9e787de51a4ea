package dev.muonlab.train;

import dev.muonlab.gpt.GptConfig;
import dev.muonlab.gpt.GptParameters;
import dev.muonlab.gpt.Parameterization;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The spectral condition (Yang, Simon, Bernstein, arXiv 2310.17813, its spectral scaling condition) on the GPT's real
 * hidden layers at widths 64..512: under muP, ‖W‖_* at init and ‖ΔW‖_* after one optimizer step are
 * Θ(√(fan_out/fan_in)), i.e. ‖·‖_* /√(fan_out/fan_in) is flat across widths; under SP they drift.
 * Spectral norms by power iteration in fp64 (fixed seeds, 60 iterations: the top singular values of
 * these matrices are close together, so the estimate is within ~1% either way).
 *
 * <p>Measured (2026-12-05): init ‖c_fc‖_* /√4 at 512 over 64 is 1.00 (muP) vs 2.83 (SP); after one
 * AdamW step on a rank-one gradient exactly 1 vs 8; after one Moonlight-Muon step ≈ 1 vs ≈ 2.8.
 */
class SpectralRulesTest {

    private static final int BASE = 128;
    private static final int[] WIDTHS = {64, 128, 256, 512};
    private static final String FC = "transformer.h.0.mlp.c_fc.weight";      // (4C, C)
    private static final String PROJ = "transformer.h.0.mlp.c_proj.weight";  // (C, 4C)

    private static GptConfig model(int width, Parameterization p) {
        return new GptConfig("spectral", 65, 1, 1, width, 8, 2, 0.0, false, true, p);
    }

    /** ‖W‖_* /√(fan_out/fan_in) of the initialized matrix {@code name} at each width. */
    private static double[] initNorms(Parameterization p, String name) {
        double[] out = new double[WIDTHS.length];
        for (int i = 0; i < WIDTHS.length; i++) {
            INDArray W = GptParameters.initialize(model(WIDTHS[i], p), DataType.DOUBLE, 11).get(name);
            out[i] = spectralNorm(W) / Math.sqrt((double) W.size(0) / W.size(1));
        }
        return out;
    }

    @Test
    void mupInitHasSpectralNormOfOrderSqrtFanOutOverFanIn() {
        for (String name : new String[]{FC, PROJ}) {
            double[] mup = initNorms(Parameterization.mup(BASE), name);
            double[] sp = initNorms(Parameterization.sp(), name);
            for (int i = 1; i < WIDTHS.length; i++) {
                assertEquals(1.0, mup[i] / mup[0], 0.05, name + " muP drifts at width " + WIDTHS[i]);
            }
            // SP: σ fixed, so ‖W‖_* ≈ σ(√fan_out + √fan_in) grows as √C: √8 from 64 to 512
            assertEquals(Math.sqrt(8), sp[3] / sp[0], 0.15, name + " SP");
            assertEquals(mup[1], sp[1], 1e-12, "muP equals SP at the base width");
        }
    }

    @Test
    void mupInitHasRmsToRmsGainOfOrderOne() {
        double[] gain = new double[WIDTHS.length];
        for (int i = 0; i < WIDTHS.length; i++) {
            INDArray W = GptParameters.initialize(model(WIDTHS[i], Parameterization.mup(BASE)), DataType.DOUBLE, 5).get(FC);
            INDArray x = gaussian(new SplittableRandom(9), W.size(1), 16);      // (fan_in, 16) random inputs
            gain[i] = rms(W.mmul(x)) / rms(x);
        }
        for (int i = 1; i < WIDTHS.length; i++) {
            assertEquals(1.0, gain[i] / gain[0], 0.05, "RMS→RMS gain at width " + WIDTHS[i]);
        }
    }

    /**
     * ‖ΔW‖_* /√(fan_out/fan_in) of c_fc after one step of the recipe on a fixed gradient (zero elsewhere):
     * the recipe's real groups and lr factors ({@link Recipes}), no warm-up, no weight decay.
     */
    private static double[] stepNorms(OptimizerChoice opt, Parameterization p, boolean rankOne) {
        double[] out = new double[WIDTHS.length];
        for (int i = 0; i < WIDTHS.length; i++) {
            GptConfig m = model(WIDTHS[i], p);
            TrainConfig c = new TrainConfig(m, opt, 10, 1, 1e-3, 1e-4, 0, 0.99, 0.0, 1.0, 0.02, 5, 1, 5, 0, 10.0);
            GptParameters params = GptParameters.initialize(m, DataType.DOUBLE, 3);
            Map<String, INDArray> grads = params.zerosLike();
            INDArray W = params.get(FC);
            SplittableRandom r = new SplittableRandom(17);
            INDArray G = rankOne ? gaussian(r, W.size(0), 1).mmul(gaussian(r, 1, W.size(1))) : gaussian(r, W.size(0), W.size(1));
            grads.get(FC).assign(G);
            INDArray before = W.dup();
            Recipes.optimizer(c, params.asMap()).step(grads);
            out[i] = spectralNorm(W.sub(before)) / Math.sqrt((double) W.size(0) / W.size(1));
        }
        return out;
    }

    @Test
    void adamwStepUnderMupHasSpectralNormOfOrderSqrtFanOutOverFanIn() {
        // Adam's first step on a rank-one g = u·vᵀ is lr·sign(u)·sign(v)ᵀ: ‖ΔW‖_* = lr·√(fan_out·fan_in) exactly
        double[] mup = stepNorms(OptimizerChoice.ADAMW, Parameterization.mup(BASE), true);
        double[] sp = stepNorms(OptimizerChoice.ADAMW, Parameterization.sp(), true);
        for (int i = 1; i < WIDTHS.length; i++) {
            assertEquals(1.0, mup[i] / mup[0], 1e-3, "muP AdamW at width " + WIDTHS[i]);
        }
        assertEquals(8.0, sp[3] / sp[0], 8e-3, "SP AdamW grows as C");
        assertEquals(1e-3 * BASE, mup[0], 1e-3 * BASE * 1e-3, "lr·(C₀/C)·√(4C·C) / √4 = lr·C₀");
    }

    @Test
    void kellerMuonStepNeedsNoWidthCorrection() {
        double[] mup = stepNorms(OptimizerChoice.MUON, Parameterization.mup(BASE), false);
        double[] sp = stepNorms(OptimizerChoice.MUON, Parameterization.sp(), false);
        for (int i = 0; i < WIDTHS.length; i++) {
            assertEquals(sp[i], mup[i], 1e-9 * sp[i], "Keller's scale: muP's Muon lr factor is 1");
            assertEquals(1.0, mup[i] / mup[0], 0.05, "‖ΔW‖_* = 0.02·√4·σ_max(NS(G)), σ_max in Keller's band");
        }
    }

    @Test
    void moonlightMuonStepUnderMupHasSpectralNormOfOrderSqrtFanOutOverFanIn() {
        double[] mup = stepNorms(OptimizerChoice.MUON_MOONLIGHT, Parameterization.mup(BASE), false);
        double[] sp = stepNorms(OptimizerChoice.MUON_MOONLIGHT, Parameterization.sp(), false);
        for (int i = 1; i < WIDTHS.length; i++) {
            assertEquals(1.0, mup[i] / mup[0], 0.05, "muP Moonlight at width " + WIDTHS[i]);
        }
        double spDrift = sp[3] / sp[0];
        double mupDrift = mup[3] / mup[0];
        assertEquals(Math.sqrt(8), spDrift / mupDrift, 1e-6, "SP/muP = √m exactly (same gradients, same NS)");
        assertTrue(spDrift > 2.5, "SP Moonlight grows as √C: " + spDrift);
    }

    /** @return the largest singular value of W, by 60 power iterations on WᵀW in fp64 on the host. W not modified. */
    static double spectralNorm(INDArray W) {
        int m = (int) W.size(0);
        int n = (int) W.size(1);
        double[] a = W.castTo(DataType.DOUBLE).dup('c').data().asDouble();       // (m, n) row-major
        double[] v = gaussian(new SplittableRandom(1), n, 1).data().asDouble();   // (n)
        double[] u = new double[m];
        double norm = 0;
        for (int k = 0; k < 60; k++) {
            for (int i = 0; i < m; i++) {                                           // u = W v
                double s = 0;
                for (int j = 0; j < n; j++) {
                    s += a[i * n + j] * v[j];
                }
                u[i] = s;
            }
            java.util.Arrays.fill(v, 0.0);
            for (int i = 0; i < m; i++) {                                           // v = Wᵀ u
                for (int j = 0; j < n; j++) {
                    v[j] += a[i * n + j] * u[i];
                }
            }
            double vn = 0;
            double un = 0;
            for (double x : v) {
                vn += x * x;
            }
            for (double x : u) {
                un += x * x;
            }
            vn = Math.sqrt(vn);
            norm = vn / Math.sqrt(un);                                              // ‖WᵀWv‖/‖Wv‖ → σ_max
            for (int j = 0; j < n; j++) {
                v[j] /= vn;
            }
        }
        return norm;
    }

    private static double rms(INDArray a) {
        return a.norm2Number().doubleValue() / Math.sqrt(a.length());
    }

    private static INDArray gaussian(SplittableRandom r, long rows, long cols) {
        double[] d = new double[(int) (rows * cols)];
        for (int i = 0; i < d.length; i++) {
            d[i] = r.nextGaussian();
        }
        return Nd4j.create(d, new long[]{rows, cols}, DataType.DOUBLE);
    }
}
