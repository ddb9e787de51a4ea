package dev.muonlab.schedule;

/**
 * A learning-rate schedule as a multiplier of a parameter group's base learning rate:
 * the lr of step t (0-based) is {@code baseLr · multiplier(t)}. Schedules are pure functions of
 * the step index, so an optimizer's state needs no schedule state to resume bit-identically.
 */
public sealed interface LrSchedule permits ConstantSchedule, GeometricSchedule, ShiftedSchedule, WarmupCosineSchedule,
        WarmupStableDecaySchedule {

    /**
     * @param step the 0-based index of the step about to be taken, &gt;= 0
     * @return the multiplier, in [0, 1] for the schedules here
     */
    double multiplier(long step);

    /** @return the constant schedule (multiplier 1) */
    static LrSchedule constant() {
        return new ConstantSchedule();
    }

    /** @see GeometricSchedule */
    static LrSchedule geometric(double rho) {
        return new GeometricSchedule(rho);
    }

    /** @see WarmupCosineSchedule */
    static LrSchedule warmupCosine(long warmupSteps, long decaySteps, double floor) {
        return new WarmupCosineSchedule(warmupSteps, decaySteps, floor);
    }

    /** @see WarmupStableDecaySchedule */
    static LrSchedule warmupStableDecay(long warmupSteps, long totalSteps, double cooldownFraction, double floor) {
        return new WarmupStableDecaySchedule(warmupSteps, totalSteps, cooldownFraction, floor);
    }

    /**
     * @param text "constant", "cosine:WARMUP:DECAY_STEPS:FLOOR" or "wsd:WARMUP:TOTAL:COOLDOWN_FRACTION:FLOOR"
     * @return the schedule
     */
    static LrSchedule parse(String text) {
        String[] p = text.trim().split(":");
        try {
            switch (p[0].toLowerCase()) {
                case "constant":
                    if (p.length == 1) {
                        return constant();
                    }
                    break;
                case "geometric":
                    if (p.length == 2) {
                        return geometric(Double.parseDouble(p[1]));
                    }
                    break;
                case "cosine":
                    if (p.length == 4) {
                        return warmupCosine(Long.parseLong(p[1]), Long.parseLong(p[2]), Double.parseDouble(p[3]));
                    }
                    break;
                case "wsd":
                    if (p.length == 5) {
                        return warmupStableDecay(Long.parseLong(p[1]), Long.parseLong(p[2]),
                                Double.parseDouble(p[3]), Double.parseDouble(p[4]));
                    }
                    break;
                default:
                    break;
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad number in lr schedule '" + text + "': " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("unknown lr schedule '" + text + "': expected constant, geometric:RHO, "
                + "cosine:WARMUP:DECAY_STEPS:FLOOR or wsd:WARMUP:TOTAL:COOLDOWN_FRACTION:FLOOR");
    }
}
