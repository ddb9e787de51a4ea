package dev.muonlab.optim;

import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Any momentum optimizer with β taken from a {@link MomentumSchedule} at each step: step t (1-based)
 * runs {@code withMomentum.apply(schedule.at(t − 1))}. The wrapped config keeps its own state names,
 * so checkpoints are the same as the base optimizer's.
 *
 * @param base         the optimizer at β = schedule.high (name, lr, decay and state come from it)
 * @param schedule     β per step
 * @param withMomentum the base config with another β (e.g. {@code base::withMomentum})
 */
public record ScheduledMomentumConfig(OptimizerConfig base, MomentumSchedule schedule,
                                      DoubleFunction<OptimizerConfig> withMomentum) implements OptimizerConfig {

    public ScheduledMomentumConfig {
        if (base == null || schedule == null || withMomentum == null) {
            throw new IllegalArgumentException("scheduled momentum: base, schedule and withMomentum are required");
        }
    }

    /** @return Muon with the schedule */
    public static ScheduledMomentumConfig muon(MuonConfig base, MomentumSchedule schedule) {
        return new ScheduledMomentumConfig(base, schedule, base::withMomentum);
    }

    @Override
    public String name() {
        return base.name();
    }

    @Override
    public double lr() {
        return base.lr();
    }

    @Override
    public double weightDecay() {
        return base.weightDecay();
    }

    @Override
    public List<String> stateNames() {
        return base.stateNames();
    }

    @Override
    public void checkParameter(String name, long[] shape) {
        base.checkParameter(name, shape);
    }

    @Override
    public INDArray step(INDArray param, INDArray grad, Map<String, INDArray> state, double lr, long t) {
        return withMomentum.apply(schedule.at(t - 1)).step(param, grad, state, lr, t);
    }

    @Override
    public String toString() {
        return "ScheduledMomentum[" + base + ", " + schedule + "]";
    }
}
