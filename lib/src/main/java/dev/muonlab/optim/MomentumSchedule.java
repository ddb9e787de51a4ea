package dev.muonlab.optim;

/**
 * A momentum β that changes with the step: linear warm-up from {@code low} to {@code high} over the
 * first {@code warmup} steps, {@code high} in between, and linear cool-down back to {@code low} over the
 * last {@code cooldown} steps of {@code total} (modded-nanogpt: β = (1 − f)·0.85 + f·0.95 with
 * f = min(step/300, 1) in {@code train_gpt.py}; the cool-down back to 0.85 at the end of the run is the
 * issue's "0.85 ↔ 0.95" of the track-3 optimizers, whose exact length was not confirmed).
 *
 * @param low      β at the first step and after the cool-down, in [0, 1)
 * @param high     β in the middle, in [0, 1)
 * @param warmup   steps of warm-up, &gt;= 0
 * @param cooldown steps of cool-down at the end, &gt;= 0
 * @param total    the run's length in steps (the cool-down ends there), &gt;= warmup + cooldown
 */
public record MomentumSchedule(double low, double high, long warmup, long cooldown, long total) {

    public MomentumSchedule {
        Checks.beta("momentum schedule", "low", low);
        Checks.beta("momentum schedule", "high", high);
        if (warmup < 0 || cooldown < 0 || total < warmup + cooldown) {
            throw new IllegalArgumentException("momentum schedule: need 0 <= warmup, cooldown and warmup + cooldown <= total, got "
                    + warmup + ", " + cooldown + ", " + total);
        }
    }

    /** modded-nanogpt's warm-up (0.85 → 0.95 over 300 steps) and a cool-down back to 0.85 over the last {@code cooldown} steps. */
    public static MomentumSchedule moddedNanogpt(long total, long cooldown) {
        return new MomentumSchedule(0.85, 0.95, Math.min(300, total - cooldown), cooldown, total);
    }

    /**
     * @param step 0-based step index
     * @return β at that step
     */
    public double at(long step) {
        if (step < warmup) {
            return low + (high - low) * step / warmup;
        }
        long fromEnd = total - step;                         // steps left including this one
        if (cooldown > 0 && fromEnd <= cooldown) {
            double f = Math.max(0, (double) fromEnd - 1) / cooldown;       // 1 → 0 over the last steps
            return low + (high - low) * f;
        }
        return high;
    }
}
