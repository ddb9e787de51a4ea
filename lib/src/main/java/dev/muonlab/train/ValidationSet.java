package dev.muonlab.train;

import dev.muonlab.gpt.Batch;
import dev.muonlab.gpt.Gpt;
import dev.muonlab.gpt.StepSeeds;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * The two validation losses of a run.
 *
 * <ul>
 *   <li>{@link #fixedBatches}: the trainer's cheap, deterministic estimate: {@code count} batches of
 *       (B, T) drawn once as nanoGPT's {@code get_batch} from the validation split with the seed
 *       {@link TrainConfig#EVAL_SEED}, the same for every run (nanoGPT's {@code estimate_loss} draws
 *       {@code eval_iters} new random batches at every evaluation instead). {@link #offsets} lists
 *       their row starts, so another implementation (the PyTorch reference in
 *       {@code lib/src/bench/gpt/torch_gpt.py}) can evaluate on exactly the same tokens.</li>
 *   <li>{@link #fullPassLoss}: the mean cross-entropy over the whole validation split cut into
 *       non-overlapping windows of T tokens (references §9: "a full pass over the 111,540 val tokens
 *       gives a deterministic number to compare implementations"): window w predicts tokens
 *       {@code val[wT+1 .. wT+T]} from {@code val[wT .. wT+T−1]}, for w &lt; ⌊(n − 1)/T⌋.</li>
 * </ul>
 */
public final class ValidationSet {

    private ValidationSet() {
    }

    /**
     * @param n     length of the validation stream
     * @param count number of batches
     * @return the row starts of the {@code count} fixed batches, (count, B), a new array
     */
    public static int[][] offsets(int n, int B, int T, int count) {
        int[][] starts = new int[count][];
        for (int i = 0; i < count; i++) {
            starts[i] = Batch.offsets(n, B, T, new SplittableRandom(StepSeeds.mix(TrainConfig.EVAL_SEED, i)));
        }
        return starts;
    }

    /**
     * @param validation the validation token stream. Not modified.
     * @return the trainer's {@code count} fixed validation batches of (B, T)
     */
    public static List<Batch> fixedBatches(int[] validation, int B, int T, int count) {
        List<Batch> batches = new ArrayList<>(count);
        for (int[] starts : offsets(validation.length, B, T, count)) {
            batches.add(Batch.at(validation, starts, T));
        }
        return batches;
    }

    /**
     * @param model   evaluated without dropout. Its activations are overwritten.
     * @param batches equal-sized batches. Not modified.
     * @return the mean of the batches' mean cross-entropies, nats
     */
    public static double meanLoss(Gpt model, List<Batch> batches) {
        return meanLoss(b -> model.loss(b, false), batches);
    }

    /**
     * @param loss    a batch's mean cross-entropy without dropout, e.g. {@code DataParallelGpt::loss}
     * @param batches equal-sized batches. Not modified.
     * @return the mean of the batches' mean cross-entropies, nats
     */
    public static double meanLoss(ToDoubleFunction<Batch> loss, List<Batch> batches) {
        double sum = 0;
        for (Batch b : batches) {
            sum += loss.applyAsDouble(b);
        }
        return sum / batches.size();
    }

    /**
     * The token-weighted mean cross-entropy over the whole validation split in non-overlapping windows
     * of T tokens, evaluated B windows at a time (the last group may be smaller).
     *
     * @param model      evaluated without dropout. Its activations are overwritten.
     * @param validation the validation token stream. Not modified.
     * @return mean loss per predicted token, nats
     */
    public static double fullPassLoss(Gpt model, int[] validation, int B, int T) {
        return fullPassLoss(b -> model.loss(b, false), validation, B, T);
    }

    /** {@link #fullPassLoss(Gpt, int[], int, int)} with another evaluator, e.g. {@code DataParallelGpt::loss}. */
    public static double fullPassLoss(ToDoubleFunction<Batch> loss, int[] validation, int B, int T) {
        int windows = (validation.length - 1) / T;
        double sum = 0;
        for (int w0 = 0; w0 < windows; w0 += B) {
            int rows = Math.min(B, windows - w0);
            int[] starts = new int[rows];
            for (int r = 0; r < rows; r++) {
                starts[r] = (w0 + r) * T;
            }
            sum += loss.applyAsDouble(Batch.at(validation, starts, T)) * rows * T;
        }
        return sum / ((double) windows * T);
    }

    /** @return the number of tokens {@link #fullPassLoss} predicts */
    public static long fullPassTokens(int n, int T) {
        return (long) ((n - 1) / T) * T;
    }
}
