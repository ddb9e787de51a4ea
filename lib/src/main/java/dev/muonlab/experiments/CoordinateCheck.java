package dev.muonlab.experiments;

import dev.muonlab.gpt.Batch;
import dev.muonlab.gpt.Gpt;
import dev.muonlab.gpt.GptConfig;
import dev.muonlab.gpt.Parameterization;
import dev.muonlab.train.OptimizerChoice;
import dev.muonlab.train.Recipes;
import dev.muonlab.train.StepOptimizer;
import dev.muonlab.train.TrainConfig;
import org.nd4j.linalg.api.buffer.DataType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * muP's coordinate check (Yang et al. 2022, "Tensor Programs V", arXiv 2203.03466, and their
 * {@code mup} package): train a width family for a few steps at one fixed lr and record every layer's
 * activation RMS per step. Under muP the curves of different widths lie on top of each other; under
 * SP the later layers' (above all the logits') RMS grows with width once training moves the weights,
 * because an update of fixed per-entry size sums coherently over C inputs.
 *
 * <p>Both parameterizations start from the same seed, see the same batches (drawn by step index, not
 * by width) and use the same recipe ({@link Recipes}, with muP's lr factors under muP); no warm-up,
 * no decay, no weight decay, no gradient clipping, no dropout, so only the parameterization differs.
 */
public final class CoordinateCheck {

    private CoordinateCheck() {
    }

    /**
     * @param model     the shape apart from the width (layers, heads, context, batch); its own width
     *                  and parameterization are ignored
     * @param widths    the widths C to check, each a multiple of {@code model.nHead()}
     * @param baseWidth muP's base width C₀ (where muP equals SP)
     * @param optimizer the recipe, e.g. {@link OptimizerChoice#ADAMW}
     * @param lr        AdamW's (and Moonlight-Muon's) constant lr
     * @param muonLr    Keller-Muon's constant lr
     * @param steps     optimizer steps; RMS is recorded in the forward pass of each (step 0: at init)
     * @param seed      initialization and batch order
     */
    public record Settings(GptConfig model, int[] widths, int baseWidth, OptimizerChoice optimizer,
                           double lr, double muonLr, int steps, long seed) {

        /** Widths 64 to 512 with baby-cpu's base 128, AdamW at lr 1e-2, 10 steps. */
        public static Settings standard(GptConfig model) {
            return new Settings(model, new int[]{64, 128, 256, 512}, 128, OptimizerChoice.ADAMW, 1e-2, 0.02, 10, 1);
        }
    }

    /**
     * Runs the check under SP and under muP.
     *
     * @param tokens the token stream to draw batches from. Not modified.
     * @return a table (width, parameterization, step, layer, rms), layer one of {@code embedding},
     *         {@code block<l>}, {@code logits} ({@link Gpt#activationRms()})
     */
    public static Table run(Settings s, int[] tokens) {
        return run(s, Parameterization.mup(s.baseWidth()), tokens);
    }

    /**
     * Runs the check under SP and under the given muP variant, e.g.
     * {@link Parameterization#mupAttention} (Tensor Programs V's attention scale 1/d_head) in place of
     * {@link Parameterization#mup}. The table labels it {@code muP} all the same, so
     * {@link CoordinateCheckAnalysis} reads it unchanged; which variant ran is the caller's to record
     * (the command line puts it in the file name).
     *
     * @param mup    the muP side, {@link Parameterization#isMup()}; its base width replaces
     *               {@code s.baseWidth()}
     * @param tokens the token stream to draw batches from. Not modified.
     * @return a table as {@link #run(Settings, int[])}
     */
    public static Table run(Settings s, Parameterization mup, int[] tokens) {
        if (!mup.isMup()) {
            throw new IllegalArgumentException("the muP side must be a muP parameterization, got " + mup.describe());
        }
        IntColumn width = IntColumn.create("width");
        StringColumn param = StringColumn.create("parameterization");
        IntColumn step = IntColumn.create("step");
        StringColumn layer = StringColumn.create("layer");
        DoubleColumn rms = DoubleColumn.create("rms");
        for (int C : s.widths()) {
            for (Parameterization p : new Parameterization[]{Parameterization.sp(), mup}) {
                double[][] curve = rmsCurve(s, s.model().withWidth(C).withParameterization(p), tokens);
                for (int t = 0; t < curve.length; t++) {
                    for (int l = 0; l < curve[t].length; l++) {
                        width.append(C);
                        param.append(p.isMup() ? "muP" : "SP");
                        step.append(t);
                        layer.append(l == 0 ? "embedding" : l == curve[t].length - 1 ? "logits" : "block" + (l - 1));
                        rms.append(curve[t][l]);
                    }
                }
            }
        }
        return Table.create("coordinate check", width, param, step, layer, rms);
    }

    /**
     * The full-size check from the command line: {@code ./muonlab java dev.muonlab.experiments.CoordinateCheck
     * OUT_DIR [--smoke] [--lr X] [--mup-attention]}. Runs {@link Settings#standard} on Tiny Shakespeare's training split for
     * AdamW and for Keller's Muon, writes {@code coordinate-check-<optimizer>[-lr<X>].csv} into OUT_DIR and
     * prints each optimizer's growth table and verdicts ({@link CoordinateCheckAnalysis}).
     * {@code --smoke}: widths 32 and 64, base 64, 3 steps; {@code --lr X}: AdamW's lr (also Muon's AdamW
     * groups') instead of the standard 1e-2; {@code --mup-attention}: muP with Tensor Programs V's
     * attention scale ({@link Parameterization#mupAttention}) in place of muP, written to
     * {@code coordinate-check-<optimizer>[-lr<X>]-mupattn.csv}.
     *
     * @param args OUT_DIR, then the options
     * @throws java.io.IOException when OUT_DIR cannot be written
     */
    public static void main(String[] args) throws java.io.IOException {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: CoordinateCheck OUT_DIR [--smoke] [--lr X] [--mup-attention]");
        }
        boolean smoke = false;
        Double lr = null;
        boolean mupAttention = false;
        String usage = "usage: CoordinateCheck OUT_DIR [--smoke] [--lr X] [--mup-attention]";
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--smoke")) {
                smoke = true;
            } else if (args[i].equals("--mup-attention")) {
                mupAttention = true;
            } else if (args[i].equals("--lr") && i + 1 < args.length) {
                lr = Double.parseDouble(args[++i]);
            } else {
                throw new IllegalArgumentException("unknown option " + args[i] + "; " + usage);
            }
        }
        java.nio.file.Path out = java.nio.file.Files.createDirectories(java.nio.file.Path.of(args[0]));
        int[] tokens = dev.muonlab.gpt.DataSplit.tinyShakespeare().train();
        for (OptimizerChoice o : new OptimizerChoice[]{OptimizerChoice.ADAMW, OptimizerChoice.MUON}) {
            Settings st = Settings.standard(GptConfig.babyCpu());
            Settings s = new Settings(st.model(), smoke ? new int[]{32, 64} : st.widths(), smoke ? 64 : st.baseWidth(), o,
                    lr == null ? st.lr() : lr, st.muonLr(), smoke ? 3 : st.steps(), st.seed());
            long t0 = System.nanoTime();
            Parameterization mup = mupAttention ? Parameterization.mupAttention(s.baseWidth()) : Parameterization.mup(s.baseWidth());
            Table t = run(s, mup, tokens);
            java.nio.file.Path csv = out.resolve("coordinate-check-" + o.cliName() + (lr == null ? "" : "-lr" + lr)
                    + (mupAttention ? "-mupattn" : "") + ".csv");
            t.write().csv(csv.toFile());
            System.out.printf("%s (muP side %s): %d rows in %.1f s -> %s%n", o.cliName(), mup.describe(), t.rowCount(), (System.nanoTime() - t0) / 1e9, csv);
            System.out.println(CoordinateCheckAnalysis.growth(t).printAll());
            System.out.println(CoordinateCheckAnalysis.verdicts(t).printAll());
        }
    }

    /**
     * @param config one width under one parameterization
     * @return rms[step][slot], slots as {@link Gpt#activationRms()}
     */
    static double[][] rmsCurve(Settings s, GptConfig config, int[] tokens) {
        GptConfig model = config.withDropout(0.0);
        Gpt gpt = Gpt.create(model, DataType.FLOAT, s.seed());
        gpt.recordActivationRms(true);
        // lr = minLr, no warm-up: a constant schedule; no weight decay, no clipping
        TrainConfig train = new TrainConfig(model, s.optimizer(), s.steps(), s.seed(), s.lr(), s.lr(), 0, 0.99, 0.0,
                0.0, s.muonLr(), 1, 1, 1, 0, Double.MAX_VALUE);
        StepOptimizer optimizer = Recipes.optimizer(train, gpt.parameters().asMap());
        double[][] out = new double[s.steps()][];
        for (int t = 0; t < s.steps(); t++) {
            Batch batch = Batch.sampleAt(tokens, model.batchSize(), model.blockSize(), s.seed(), t);
            gpt.lossAndGradients(batch, false);
            out[t] = gpt.activationRms();
            optimizer.step(gpt.gradients());
        }
        return out;
    }
}
