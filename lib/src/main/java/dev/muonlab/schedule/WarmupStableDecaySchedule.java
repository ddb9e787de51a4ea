package dev.muonlab.schedule;

/**
 * Warm-up, stable, decay (WSD): linear warm-up, constant, then a linear cooldown over the last
 * {@code cooldownFraction} of the run to the floor, as modded-nanogpt's {@code get_lr}
 * (KellerJordan/modded-nanogpt {@code train_gpt_simple.py}: constant then linear cooldown over the
 * last 70 %, {@code cooldown_frac = 0.7}; references §7.2).
 * With x = t/totalSteps: for t &lt; warmup, (t + 1)/(warmup + 1);
 * for x &lt; 1 − cooldownFraction, 1; else w = (1 − x)/cooldownFraction and w + (1 − w)·floor.
 *
 * @param warmupSteps      warm-up steps, &gt;= 0 (modded-nanogpt: 0)
 * @param totalSteps       the run length, &gt; 0
 * @param cooldownFraction the fraction of the run spent cooling down, in (0, 1]
 * @param floor            the multiplier at the end, in [0, 1]
 */
public record WarmupStableDecaySchedule(long warmupSteps, long totalSteps, double cooldownFraction, double floor)
        implements LrSchedule {

    public WarmupStableDecaySchedule {
        if (warmupSteps < 0 || totalSteps <= 0) {
            throw new IllegalArgumentException("wsd schedule: need warmupSteps >= 0 and totalSteps > 0, got "
                    + warmupSteps + ", " + totalSteps);
        }
        if (!(cooldownFraction > 0 && cooldownFraction <= 1)) {
            throw new IllegalArgumentException("wsd schedule: cooldownFraction must be in (0, 1], got " + cooldownFraction);
        }
        if (!(floor >= 0 && floor <= 1)) {
            throw new IllegalArgumentException("wsd schedule: floor must be in [0, 1], got " + floor);
        }
    }

    /** modded-nanogpt's track-3 baseline: no warm-up, linear cooldown over the last 70 % to 0. */
    public static WarmupStableDecaySchedule moddedNanoGpt(long totalSteps) {
        return new WarmupStableDecaySchedule(0, totalSteps, 0.7, 0.0);
    }

    @Override
    public double multiplier(long step) {
        double stable = 1.0;
        if (step < warmupSteps) {
            stable = (double) (step + 1) / (warmupSteps + 1);
        }
        double x = Math.min(1.0, (double) step / totalSteps);
        if (x < 1 - cooldownFraction) {
            return stable;
        }
        double w = (1 - x) / cooldownFraction;
        return Math.min(stable, w + (1 - w) * floor);
    }
}
