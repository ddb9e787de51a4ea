package dev.muonlab.experiments;

import dev.muonlab.ns.Normalization;
import dev.muonlab.ns.NsConfig;
import dev.muonlab.ns.Precision;
import dev.muonlab.ns.Schedule;
import dev.muonlab.optim.AdamConfig;
import dev.muonlab.optim.MomentumForm;
import dev.muonlab.optim.MuonConfig;
import dev.muonlab.optim.Optimizer;
import dev.muonlab.optim.OptimizerConfig;
import dev.muonlab.optim.SgdConfig;
import dev.muonlab.optim.UpdateScale;
import dev.muonlab.optim.WeightDecayMode;
import dev.muonlab.schedule.LrSchedule;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The optimizers compared in the matrix-factorization and in-context-regression studies, built from
 * {@code dev.muonlab.optim} (no optimizer math lives here).
 */
public enum Method {
    /** Gradient descent with a constant step (the study picks its best stable value). */
    GD("GD"),
    /** Adam (β = 0.9, 0.999, ε = 1e−16 so that it can reach tiny losses), geometric lr decay. */
    ADAM("Adam"),
    /** Simplified Muon: exact polar factor of the gradient (LAPACK SVD), no momentum, geometric step. */
    MUON("Muon (exact polar)"),
    /** Practical Muon: EMA momentum, Kim &amp; Oh's κ = 2 Newton-Schulz polynomial in fp64, geometric step. */
    MUON_NS("Muon (NS, momentum)");

    private final String label;

    Method(String label) {
        this.label = label;
    }

    /** @return the name used in tables and legends */
    public String label() {
        return label;
    }

    /**
     * Step sizes of one run.
     *
     * @param gdLr        GD's constant step
     * @param adamLr      Adam's initial lr η₀ (then η₀ρᵗ)
     * @param adamDecay   Adam's ρ
     * @param muonLr      both Muons' initial step η₀ (spectral norm of the first update)
     * @param muonDecay   both Muons' ρ
     * @param nsMomentum  practical Muon's EMA momentum β
     * @param nsSteps     practical Muon's Newton-Schulz steps q
     */
    public record StepSizes(double gdLr, double adamLr, double adamDecay, double muonLr, double muonDecay,
                            double nsMomentum, int nsSteps) {
    }

    /** @return this method's optimizer configuration for {@code s} (new orthogonalizer each call) */
    public OptimizerConfig config(StepSizes s) {
        return switch (this) {
            case GD -> SgdConfig.gd(s.gdLr());
            case ADAM -> new AdamConfig(s.adamLr(), 0.9, 0.999, 1e-16, 0);
            case MUON -> MuonConfig.simplified(s.muonLr());
            case MUON_NS -> new MuonConfig(s.muonLr(), s.nsMomentum(), MomentumForm.EMA, false,
                    new NsConfig(Schedule.taylor(2, s.nsSteps()), new Normalization(Normalization.Kind.FROBENIUS, 0),
                            Precision.FP64).orthogonalizer(),
                    UpdateScale.NONE, 0, WeightDecayMode.DECOUPLED, MuonConfig.VectorPolicy.REFUSE);
        };
    }

    /** @return the lr schedule: constant for GD, η₀ρᵗ otherwise */
    public LrSchedule schedule(StepSizes s) {
        return switch (this) {
            case GD -> LrSchedule.constant();
            case ADAM -> LrSchedule.geometric(s.adamDecay());
            case MUON, MUON_NS -> LrSchedule.geometric(s.muonDecay());
        };
    }

    /**
     * @param params the parameters it will update in place. Modified by later steps.
     * @return a new optimizer over {@code params}
     */
    public Optimizer optimizer(StepSizes s, Map<String, INDArray> params) {
        return Optimizer.builder().group(name().toLowerCase(), config(s), schedule(s), params).build();
    }

    /** @return the method whose label or name is {@code text} */
    public static Method parse(String text) {
        for (Method m : values()) {
            if (m.name().equalsIgnoreCase(text) || m.label.equalsIgnoreCase(text)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown method '" + text + "': expected GD, ADAM, MUON or MUON_NS");
    }
}
