package dev.muonlab.sweep;

import dev.muonlab.gpt.GptConfig;
import dev.muonlab.train.OptimizerChoice;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tech.tablesaw.api.Table;

/**
 * Moonlight's scaling-law comparison at small scale (issue 17 §2; Liu et al. 2025, "Muon is Scalable
 * for LLM Training", arXiv 2502.16982 §3.3 and Table 3: AdamW 2.608·C^−0.052, Muon 2.506·C^−0.054, Muon
 * reaching AdamW's loss with ≈ 52 % of its compute): a width family trained by AdamW, Keller's Muon and
 * Moonlight's RMS-matched Muon, each run's validation curve a series of (C, L) points, C = training FLOPs
 * so far ({@link WidthRun#flopsPerToken} × tokens: model FLOPs, 6N per token plus attention and head,
 * the same for every optimizer, as Moonlight count). The read-out ({@link ScalingLawAnalysis}) takes
 * each optimizer's compute frontier over every width and evaluation (Hoffmann et al. 2022's approach 1,
 * the envelope of the training curves), fits L = a·C^b to it and bootstraps the equal-loss compute
 * ratio C_Muon / C_AdamW.
 *
 * <p>Setting, stated: standard parameterization, nanoGPT's recipe at every width (AdamW and Moonlight's
 * Muon at lr 1e-3, Keller's Muon at 0.02; warm-up, cosine to lr/10 at each run's last step), no per-width
 * tuning: Moonlight tuned per size, so an lr that suits one width less than another biases the
 * frontier. An evaluation inside a run is not compute-optimal for its own budget (its lr has not
 * decayed), the known weakness of the envelope method; the frontier's last points, at each run's end,
 * are.
 *
 * <p>Epochs: Tiny Shakespeare has 1.0M training characters. FULL trains 393,216 tokens a run, 0.39 of an
 * epoch, so no sequence repeats within a run and the frontier is not bent by memorization; the price is
 * a compute range of only ≈ 2.5 decades (widths 32-256), against Moonlight's ≈ 3, at losses far above
 * theirs: the exponents are not comparable, only the ratio's direction and size.
 *
 * <p>Sizes (baby-cpu's 4 layers, 4 heads, context T = 64, B = 12, no dropout, tied head):
 * <ul>
 *   <li>SMOKE: 2 layers, 2 heads, T = 16, B = 4, widths {16, 32}, one seed, 24 steps: seconds.</li>
 *   <li>DEFAULT: widths {32, 64, 128}, one seed, 128 steps (98,304 tokens): 9 runs, ≈ 3 minutes on 2 idle
 *       cores.</li>
 *   <li>FULL: widths {32, 64, 128, 256}, 2 seeds, 512 steps (393,216 tokens), evaluated every 32 steps on
 *       4 × 16 sequences: 24 runs. By {@link WidthRun#threadSeconds} (7,000 tokens/s per thread at width
 *       128, scaled by FLOPs per token and Muon's Newton-Schulz excess 1 + C/128): AdamW 328 thread-seconds
 *       per seed over the four widths, each Muon 835; 2 × (328 + 2 × 835) = 3,995 thread-seconds, + ≈ 8 %
 *       evaluation: <b>≈ 36 minutes on 2 idle cores</b>, width 256's Muon runs the largest share.</li>
 * </ul>
 */
public final class ScalingLawStudy implements WidthFamilyStudy {

    /** AdamW and the two Muon recipes compared against it. */
    static final List<OptimizerChoice> OPTIMIZERS =
            List.of(OptimizerChoice.ADAMW, OptimizerChoice.MUON, OptimizerChoice.MUON_MOONLIGHT);

    /** A preset's size: the shape (its width unused), the widths, seeds, steps and evaluation. */
    record Size(GptConfig shape, List<Integer> widths, int seeds, int steps, int evalEvery, int evalBatches) {
    }

    @Override
    public String name() {
        return "scaling-law";
    }

    /** @return the preset's size (see the class comment); modifies nothing */
    static Size size(SweepPreset preset) {
        return switch (preset) {
            case SMOKE -> new Size(new GptConfig("smoke", 65, 2, 2, 32, 16, 4, 0.0, false, true), List.of(16, 32), 1, 24, 6, 1);
            case DEFAULT -> new Size(GptConfig.babyCpu(), List.of(32, 64, 128), 1, 128, 16, 4);
            case FULL -> new Size(GptConfig.babyCpu(), List.of(32, 64, 128, 256), 2, 512, 32, 4);
        };
    }

    @Override
    public List<RunSpec> specs(SweepPreset preset) {
        Size s = size(preset);
        List<RunSpec> specs = new ArrayList<>();
        for (int seed = 1; seed <= s.seeds(); seed++) {
            for (OptimizerChoice o : OPTIMIZERS) {
                for (int w : s.widths()) {
                    specs.add(RunSpec.of(name(), WidthRun.params(s.shape(), w, "sp", o, 1.0, seed, s.steps(),
                            s.evalEvery(), s.evalBatches())));
                }
            }
        }
        return specs;
    }

    /** The laws, the compute ratios and the verdicts ({@link ScalingLawAnalysis#verdicts}). */
    @Override
    public Optional<Table> summary(SweepPreset preset, Table results, Table curves) {
        return Optional.of(Verdicts.table(ScalingLawAnalysis.verdicts(results, curves)));
    }

    @Override
    public String label(RunSpec spec) {
        return spec.get("optimizer") + " C=" + spec.get("width") + " seed " + spec.get("seed");
    }
}
