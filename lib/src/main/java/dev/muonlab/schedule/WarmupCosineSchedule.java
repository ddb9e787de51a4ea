package dev.muonlab.schedule;

/**
 * Linear warm-up, then cosine decay to a floor, then the floor: nanoGPT's {@code get_lr}
 * (karpathy/nanoGPT {@code train.py}; references §9): for t &lt; warmup the multiplier is
 * (t + 1)/(warmup + 1); for warmup ≤ t ≤ decaySteps it is floor + ½(1 + cos(π·r))(1 − floor) with
 * r = (t − warmup)/(decaySteps − warmup); after decaySteps it is the floor.
 * nanoGPT's shakespeare_char: warmup 100, decay 5000, floor min_lr/lr = 0.1.
 *
 * @param warmupSteps number of warm-up steps, &gt;= 0
 * @param decaySteps  the step at which the floor is reached (nanoGPT's lr_decay_iters), &gt; warmupSteps
 * @param floor       the final multiplier, in [0, 1] (nanoGPT: min_lr / learning_rate)
 */
public record WarmupCosineSchedule(long warmupSteps, long decaySteps, double floor) implements LrSchedule {

    public WarmupCosineSchedule {
        if (warmupSteps < 0 || decaySteps <= warmupSteps) {
            throw new IllegalArgumentException("cosine schedule: need 0 <= warmupSteps < decaySteps, got "
                    + warmupSteps + ", " + decaySteps);
        }
        if (!(floor >= 0 && floor <= 1)) {
            throw new IllegalArgumentException("cosine schedule: floor must be in [0, 1], got " + floor);
        }
    }

    /** nanoGPT shakespeare_char's schedule: warm-up 100, cosine to 0.1 at 5000 steps. */
    public static WarmupCosineSchedule nanoGptShakespeare() {
        return new WarmupCosineSchedule(100, 5000, 0.1);
    }

    @Override
    public double multiplier(long step) {
        if (step < warmupSteps) {
            return (double) (step + 1) / (warmupSteps + 1);
        }
        if (step > decaySteps) {
            return floor;
        }
        double ratio = (double) (step - warmupSteps) / (decaySteps - warmupSteps);
        double coeff = 0.5 * (1.0 + Math.cos(Math.PI * ratio));
        return floor + coeff * (1.0 - floor);
    }
}
