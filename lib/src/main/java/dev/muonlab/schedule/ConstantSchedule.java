package dev.muonlab.schedule;

/** The constant schedule: every step uses the base learning rate. */
public record ConstantSchedule() implements LrSchedule {

    @Override
    public double multiplier(long step) {
        return 1.0;
    }
}
