package dev.muonlab.schedule;

/**
 * Another schedule read {@code offset} steps later: {@code multiplier(t) = inner.multiplier(t + offset)}.
 * An optimizer created part-way through a run counts its own steps from 0; shifting the run's schedule
 * by the steps already taken keeps its learning rate on the run's clock. Xmodel-2.5 switches AdamW to
 * Muon at the decay start with fresh optimizer state ({@code --no-load-optim}) but the run's WSD
 * schedule continuing (studies-notes.md, "Xmodel-2.5").
 *
 * @param inner  the run's schedule
 * @param offset the run's steps before the optimizer's first step, &gt;= 0
 */
public record ShiftedSchedule(LrSchedule inner, long offset) implements LrSchedule {

    public ShiftedSchedule {
        if (inner == null || offset < 0) {
            throw new IllegalArgumentException("shifted schedule: need a schedule and offset >= 0, got " + inner + ", " + offset);
        }
    }

    @Override
    public double multiplier(long step) {
        return inner.multiplier(step + offset);
    }
}
