package dev.muonlab.optim;

import dev.muonlab.schedule.LrSchedule;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Named parameters that share one optimizer config and one learning-rate schedule (PyTorch's
 * {@code param_groups}; e.g. hidden matrices on Muon, embeddings and gains on AdamW).
 *
 * @param name     the group's name, unique within an optimizer (e.g. "muon", "adamw")
 * @param config   the hyper-parameters and update rule
 * @param schedule multiplies {@code config.lr()} per step
 * @param params   parameter name → parameter (updated in place by the optimizer), in a fixed order
 */
public record ParamGroup(String name, OptimizerConfig config, LrSchedule schedule, Map<String, INDArray> params) {

    public ParamGroup {
        if (name == null || config == null || schedule == null || params == null) {
            throw new IllegalArgumentException("param group: name, config, schedule and params are required");
        }
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        for (Map.Entry<String, INDArray> e : params.entrySet()) {
            config.checkParameter(e.getKey(), e.getValue().shape());
        }
    }

    /** A group with the constant schedule. */
    public static ParamGroup of(String name, OptimizerConfig config, Map<String, INDArray> params) {
        return new ParamGroup(name, config, LrSchedule.constant(), params);
    }

    /** @return the learning rate of the 0-based step {@code step}: base lr × schedule */
    public double lrAt(long step) {
        return config.lr() * schedule.multiplier(step);
    }

    @Override
    public String toString() {
        return "ParamGroup[name=" + name + ", config=" + config + ", schedule=" + schedule
                + ", params=" + params.keySet() + "]";
    }
}
