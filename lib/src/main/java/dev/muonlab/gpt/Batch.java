package dev.muonlab.gpt;

import java.util.SplittableRandom;

/**
 * One batch of B sequences of T tokens, row-major (B, T): inputs {@code x} and next-token targets
 * {@code y}, sampled as nanoGPT's {@code get_batch}: each row starts at a uniform random offset
 * {@code i} in [0, len(data) − T), {@code x = data[i:i+T]}, {@code y = data[i+1:i+1+T]}.
 *
 * @param x inputs, (B·T), row-major (B, T)
 * @param y targets, (B·T), row-major (B, T)
 * @param B sequences
 * @param T tokens per sequence
 */
public record Batch(int[] x, int[] y, int B, int T) {

    /**
     * @param data   token stream. Not modified.
     * @param B      sequences
     * @param T      context length
     * @param random offset source. Modified (advanced by B draws).
     * @return a batch as nanoGPT's {@code get_batch}
     */
    public static Batch sample(int[] data, int B, int T, SplittableRandom random) {
        return at(data, offsets(data.length, B, T, random), T);
    }

    /**
     * The start offsets {@link #sample} draws: B uniform ints in [0, n − T).
     *
     * @param n      length of the token stream
     * @param random offset source. Modified (advanced by B draws).
     * @return B offsets, a new array
     */
    public static int[] offsets(int n, int B, int T, SplittableRandom random) {
        if (n <= T) {
            throw new IllegalArgumentException("stream of " + n + " tokens is too short for T = " + T);
        }
        int[] starts = new int[B];
        for (int b = 0; b < B; b++) {
            starts[b] = random.nextInt(n - T);
        }
        return starts;
    }

    /**
     * @param data   token stream. Not modified.
     * @param starts one start offset per row, each in [0, len(data) − T − 1]. Not modified.
     * @return rows {@code x = data[i:i+T]}, {@code y = data[i+1:i+1+T]} for each start i
     */
    public static Batch at(int[] data, int[] starts, int T) {
        int B = starts.length;
        int[] x = new int[B * T];
        int[] y = new int[B * T];
        for (int b = 0; b < B; b++) {
            if (starts[b] < 0 || starts[b] + T + 1 > data.length) {
                throw new IllegalArgumentException("row start " + starts[b] + " leaves no room for T + 1 = " + (T + 1)
                        + " tokens in a stream of " + data.length);
            }
            System.arraycopy(data, starts[b], x, b * T, T);
            System.arraycopy(data, starts[b] + 1, y, b * T, T);
        }
        return new Batch(x, y, B, T);
    }

    /**
     * A stream of batches fixed by (seed, index): batch k is the same whatever was drawn before,
     * which makes training resumable bit-identically from the step number alone.
     *
     * @return the {@code index}-th batch of the stream named by {@code seed}
     */
    public static Batch sampleAt(int[] data, int B, int T, long seed, long index) {
        return sample(data, B, T, new SplittableRandom(StepSeeds.mix(seed, index)));
    }
}
