package dev.muonlab.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * A test study whose results are exact functions of the spec (x², x + seed, a 3-point curve), that
 * counts its executions and can be told to fail on one x, so the runner's bookkeeping is checked
 * without training anything.
 */
public class ArithmeticStudy implements Study {

    final AtomicInteger executions = new AtomicInteger();
    final Set<Integer> failOn = ConcurrentHashMap.newKeySet();
    private final int runs;

    /** @param runs how many runs its presets list (x = 1 … runs) */
    public ArithmeticStudy(int runs) {
        this.runs = runs;
    }

    @Override
    public String name() {
        return "arithmetic";
    }

    @Override
    public List<RunSpec> specs(SweepPreset preset) {
        List<RunSpec> specs = new ArrayList<>();
        for (int x = 1; x <= runs; x++) {
            specs.add(RunSpec.of("arithmetic", Map.of("x", x, "seed", 7, "kind", x % 2 == 0 ? "even" : "odd")));
        }
        return specs;
    }

    @Override
    public long cost(RunSpec spec) {
        return 10;
    }

    @Override
    public RunResult run(RunSpec spec, RunContext context) {
        int x = spec.getInt("x");
        if (failOn.contains(x)) {
            throw new IllegalStateException("told to fail on x=" + x);
        }
        executions.incrementAndGet();
        for (int i = 0; i < 10; i++) {
            context.progress().accept(1);
        }
        Table curve = Table.create("curve", DoubleColumn.create("t", 0, 1, 2),
                DoubleColumn.create("y", x, 2.0 * x, 3.0 * x));
        return new RunResult(Map.of("square", (double) x * x, "shifted", x + spec.getDouble("seed")), curve);
    }
}
