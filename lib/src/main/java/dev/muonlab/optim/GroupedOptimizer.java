package dev.muonlab.optim;

import dev.muonlab.host.HostArrays;
import dev.muonlab.host.VectorMath;

import dev.muonlab.schedule.LrSchedule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * The one optimizer loop: parameter groups, lazily created state buffers, a step counter, input
 * checks, save/load. The math lives in each group's {@link OptimizerConfig#step}. Groups and
 * parameters are visited in the order given, so runs are reproducible. Not thread-safe: one
 * training loop drives one optimizer.
 */
public final class GroupedOptimizer implements Optimizer {

    private final List<ParamGroup> groups;
    private final Map<String, INDArray> params = new LinkedHashMap<>();
    private final Map<String, ParamGroup> groupOf = new LinkedHashMap<>();
    private final Map<String, Map<String, INDArray>> state = new LinkedHashMap<>();
    private final NonFinitePolicy nonFinitePolicy;
    private final boolean recordUpdateRms;
    private TaskRunner runner = TaskRunner.SEQUENTIAL;
    private final Map<String, Double> lastUpdateRms = new LinkedHashMap<>();
    private long stepCount;
    private long skippedSteps;

    private GroupedOptimizer(List<ParamGroup> groups, NonFinitePolicy nonFinitePolicy, boolean recordUpdateRms) {
        this.recordUpdateRms = recordUpdateRms;
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("optimizer: no parameter groups");
        }
        this.groups = List.copyOf(groups);
        this.nonFinitePolicy = nonFinitePolicy;
        for (ParamGroup g : groups) {
            if (this.groups.stream().filter(o -> o.name().equals(g.name())).count() > 1) {
                throw new IllegalArgumentException("optimizer: two groups named '" + g.name() + "'");
            }
            for (Map.Entry<String, INDArray> e : g.params().entrySet()) {
                if (params.put(e.getKey(), e.getValue()) != null) {
                    throw new IllegalArgumentException("optimizer: parameter '" + e.getKey() + "' is in two groups");
                }
                groupOf.put(e.getKey(), g);
                state.put(e.getKey(), new LinkedHashMap<>());
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public boolean step(Map<String, INDArray> grads) {
        for (Map.Entry<String, INDArray> e : grads.entrySet()) {
            INDArray param = params.get(e.getKey());
            if (param == null) {
                throw new IllegalArgumentException("gradient given for unknown parameter '" + e.getKey()
                        + "'; known: " + params.keySet());
            }
            if (!Arrays.equals(param.shape(), e.getValue().shape())) {
                throw new IllegalArgumentException("parameter '" + e.getKey() + "': gradient shape "
                        + Arrays.toString(e.getValue().shape()) + " differs from parameter shape "
                        + Arrays.toString(param.shape()));
            }
        }
        for (Map.Entry<String, INDArray> e : grads.entrySet()) {
            String bad = nonFinite(e.getValue());
            if (bad != null) {
                if (nonFinitePolicy == NonFinitePolicy.SKIP_STEP) {
                    skippedSteps++;
                    return false;
                }
                throw new NonFiniteGradientException(e.getKey(), bad);
            }
        }
        long t = stepCount + 1;
        List<String> names = new ArrayList<>();
        List<Runnable> updates = new ArrayList<>();
        double[] rms = new double[params.size()];
        for (ParamGroup g : groups) {
            double lr = g.lrAt(stepCount);
            for (Map.Entry<String, INDArray> e : g.params().entrySet()) {
                INDArray grad = grads.get(e.getKey());
                if (grad == null) {
                    continue;
                }
                INDArray given = grad;
                Map<String, INDArray> buffers = buffers(e.getKey(), g.config());      // created here, not in a task
                int slot = names.size();
                names.add(e.getKey());
                updates.add(() -> {
                    INDArray typed = given.dataType() != e.getValue().dataType()
                            ? given.castTo(e.getValue().dataType())   // a copy: the caller's gradient stays as it is
                            : given;
                    INDArray update = g.config().step(e.getValue(), typed, buffers, lr, t);
                    rms[slot] = recordUpdateRms ? update.norm2Number().doubleValue() / Math.sqrt(update.length()) : 0;
                });
            }
        }
        // the first step allocates what lives on (state the configs create lazily): on this thread
        (stepCount == 0 ? TaskRunner.SEQUENTIAL : runner).runAll(largestFirst(names, updates));
        if (recordUpdateRms) {
            for (int i = 0; i < names.size(); i++) {
                lastUpdateRms.put(names.get(i), rms[i]);
            }
        }
        stepCount++;
        return true;
    }

    /**
     * Sets how the per-parameter updates of a step run: one after the other (the default), or spread
     * over threads by {@code runner}. The parameters' updates touch disjoint arrays, so the result is
     * the same bit for bit; the first step always runs on the calling thread, since it creates the
     * state that outlives it.
     *
     * @param runner the runner for the next steps. Modifies: this optimizer's runner.
     */
    public void runUpdatesWith(TaskRunner runner) {
        this.runner = java.util.Objects.requireNonNull(runner, "runner");
    }

    /** @return the updates ordered by their parameter's size, largest first (a runner's load balance) */
    private List<Runnable> largestFirst(List<String> names, List<Runnable> updates) {
        Integer[] order = new Integer[names.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(params.get(names.get(b)).length(), params.get(names.get(a)).length()));
        List<Runnable> sorted = new ArrayList<>(order.length);
        for (int i : order) {
            sorted.add(updates.get(i));
        }
        return sorted;
    }

    /** @return null when finite, else "NaN" or "Infinity" */
    static String nonFinite(INDArray grad) {
        boolean finite = HostArrays.applies(grad)       // fp32 on the CPU: one fused pass (ND4J's sum: ~0.7 ms per GPT step)
                ? VectorMath.allFinite(HostArrays.read(grad, 0), (int) grad.length())
                : Double.isFinite(grad.sumNumber().doubleValue());
        if (finite) {
            return null;
        }
        if (BooleanIndexing.or(grad, Conditions.isNan())) {
            return "NaN";
        }
        if (BooleanIndexing.or(grad, Conditions.isInfinite())) {
            return "Infinity";
        }
        return null;   // finite values whose sum overflowed
    }

    private Map<String, INDArray> buffers(String name, OptimizerConfig config) {
        Map<String, INDArray> bufs = state.get(name);
        if (bufs.isEmpty()) {
            INDArray p = params.get(name);
            for (String b : config.stateNames()) {
                bufs.put(b, Nd4j.zeros(p.dataType(), p.shape()));
            }
        }
        return bufs;
    }

    @Override
    public Map<String, Double> lastUpdateRms() {
        return Collections.unmodifiableMap(lastUpdateRms);
    }

    @Override
    public long stepCount() {
        return stepCount;
    }

    @Override
    public long skippedSteps() {
        return skippedSteps;
    }

    @Override
    public List<ParamGroup> groups() {
        return groups;
    }

    @Override
    public Map<String, INDArray> params() {
        return Collections.unmodifiableMap(params);
    }

    @Override
    public double currentLr(String groupName) {
        return groups.stream().filter(g -> g.name().equals(groupName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no parameter group named '" + groupName + "'"))
                .lrAt(stepCount);
    }

    @Override
    public Map<String, INDArray> state(String paramName) {
        Map<String, INDArray> bufs = state.get(paramName);
        if (bufs == null) {
            throw new IllegalArgumentException("unknown parameter '" + paramName + "'");
        }
        return Collections.unmodifiableMap(bufs);
    }

    @Override
    public OptimizerState stateSnapshot() {
        Map<String, Map<String, INDArray>> copy = new LinkedHashMap<>();
        state.forEach((name, bufs) -> {
            Map<String, INDArray> c = new LinkedHashMap<>();
            bufs.forEach((b, a) -> c.put(b, a.dup()));
            copy.put(name, c);
        });
        Map<String, String> info = new LinkedHashMap<>();
        for (int i = 0; i < groups.size(); i++) {
            ParamGroup g = groups.get(i);
            info.put("group." + i + ".name", g.name());
            info.put("group." + i + ".config", g.config().toString());
            info.put("group." + i + ".schedule", g.schedule().toString());
            info.put("group." + i + ".params", String.join(",", g.params().keySet()));
        }
        return new OptimizerState(stepCount, skippedSteps, copy, info);
    }

    @Override
    public void loadState(OptimizerState s) {
        if (!s.buffers().keySet().equals(params.keySet())) {
            throw new IllegalArgumentException("optimizer state is for parameters " + s.buffers().keySet()
                    + ", this optimizer has " + params.keySet());
        }
        for (Map.Entry<String, Map<String, INDArray>> e : s.buffers().entrySet()) {
            INDArray p = params.get(e.getKey());
            List<String> expected = groupOf.get(e.getKey()).config().stateNames();
            if (!e.getValue().isEmpty() && !new ArrayList<>(e.getValue().keySet()).equals(expected)) {
                throw new IllegalArgumentException("parameter '" + e.getKey() + "': state has buffers "
                        + e.getValue().keySet() + ", its optimizer keeps " + expected);
            }
            for (Map.Entry<String, INDArray> b : e.getValue().entrySet()) {
                if (!Arrays.equals(b.getValue().shape(), p.shape()) || b.getValue().dataType() != p.dataType()) {
                    throw new IllegalArgumentException("parameter '" + e.getKey() + "': buffer '" + b.getKey()
                            + "' is " + b.getValue().dataType() + Arrays.toString(b.getValue().shape())
                            + ", parameter is " + p.dataType() + Arrays.toString(p.shape()));
                }
            }
        }
        s.buffers().forEach((name, bufs) -> {
            Map<String, INDArray> mine = state.get(name);
            mine.clear();
            bufs.forEach((b, a) -> mine.put(b, a.dup()));
        });
        stepCount = s.stepCount();
        skippedSteps = s.skippedSteps();
    }

    @Override
    public String toString() {
        return "GroupedOptimizer[step=" + stepCount + ", skipped=" + skippedSteps + ", policy=" + nonFinitePolicy
                + ", groups=" + groups + "]";
    }

    /** Collects groups; {@link #build()} makes the optimizer. */
    public static final class Builder {
        private final List<ParamGroup> groups = new ArrayList<>();
        private NonFinitePolicy nonFinitePolicy = NonFinitePolicy.THROW;
        private boolean recordUpdateRms;

        private Builder() {
        }

        /** Adds a group with the constant schedule. */
        public Builder group(String name, OptimizerConfig config, Map<String, INDArray> params) {
            return group(new ParamGroup(name, config, LrSchedule.constant(), params));
        }

        /** Adds a group with its own schedule. */
        public Builder group(String name, OptimizerConfig config, LrSchedule schedule, Map<String, INDArray> params) {
            return group(new ParamGroup(name, config, schedule, params));
        }

        public Builder group(ParamGroup group) {
            groups.add(group);
            return this;
        }

        /** What a NaN/Inf gradient does (default {@link NonFinitePolicy#THROW}). */
        public Builder nonFinitePolicy(NonFinitePolicy policy) {
            this.nonFinitePolicy = policy;
            return this;
        }

        /**
         * Records RMS(U) of every parameter's update at each step (one extra reduction per
         * parameter), for {@link Optimizer#lastUpdateRms()}: Moonlight logs it (Algorithm 1, line 7)
         * and tunes MATCH_RMS_ADAMW to make it 0.2. Default off.
         */
        public Builder recordUpdateRms(boolean on) {
            this.recordUpdateRms = on;
            return this;
        }

        public GroupedOptimizer build() {
            return new GroupedOptimizer(groups, nonFinitePolicy, recordUpdateRms);
        }
    }
}
