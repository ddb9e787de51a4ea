package dev.muonlab.sweep;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The studies a sweep can run by name: the command line's {@code ./muonlab sweep NAME} and a cluster
 * executor's workers, which receive a study's name and specs as text, look studies up here.
 */
public final class Studies {

    private static final Map<String, Supplier<Study>> REGISTERED = new TreeMap<>();

    static {
        register("batch-size", BatchSizeStudy::new);
        register("critical-batch", CriticalBatchStudy::new);
        register("leaderboard", LeaderboardStudy::new);
        register("update-rms", UpdateRmsStudy::new);
        register("weight-decay", WeightDecayStudy::new);
        register("xmodel-switch", XmodelSwitchStudy::new);
        register("telescoping", TelescopingStudy::new);
        register("width-transfer", WidthTransferStudy::new);
        register("scaling-law", ScalingLawStudy::new);
    }

    private Studies() {
    }

    /**
     * Registers a study under its name (tests register their own).
     *
     * @param name    the study's name
     * @param factory makes the study. Modified: the registry.
     */
    public static synchronized void register(String name, Supplier<Study> factory) {
        REGISTERED.put(name, factory);
    }

    /** @return the study named {@code name}; a sentence listing the names otherwise */
    public static synchronized Study byName(String name) {
        Supplier<Study> f = REGISTERED.get(name);
        if (f == null) {
            throw new IllegalArgumentException("no study '" + name + "'; studies: " + String.join(", ", REGISTERED.keySet()));
        }
        return f.get();
    }

    /** @return the registered names, sorted */
    public static synchronized java.util.Set<String> names() {
        return new java.util.TreeSet<>(REGISTERED.keySet());
    }
}
