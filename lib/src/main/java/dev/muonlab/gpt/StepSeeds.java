package dev.muonlab.gpt;

/**
 * Counter-based seeds: the generator of step k is keyed by (seed, k) through the SplitMix64
 * finalizer (Steele, Lea, Flood 2014), so any step can be replayed without the steps before it.
 */
public final class StepSeeds {

    private StepSeeds() {
    }

    /** @return a well-mixed 64-bit seed for (seed, index) */
    public static long mix(long seed, long index) {
        long z = seed * 0x9E3779B97F4A7C15L + index + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
