package dev.muonlab.experiments.ns;

import dev.muonlab.ns.ExactPolar;
import dev.muonlab.ns.Normalization;
import dev.muonlab.ns.NsConfig;
import dev.muonlab.ns.Precision;
import dev.muonlab.ns.Schedule;
import dev.muonlab.optim.MomentumForm;
import dev.muonlab.optim.MuonConfig;
import dev.muonlab.optim.OptimizerConfig;
import dev.muonlab.optim.SgdConfig;
import dev.muonlab.optim.UpdateScale;
import dev.muonlab.optim.WeightDecayMode;

/**
 * One optimizer of the Newton-Schulz step-count study (Kim &amp; Oh, arXiv 2601.19156, §5 and App. G):
 * SGD with momentum, Muon with the exact polar factor (Muon-SVD), or Muon with q steps of Newton-Schulz.
 *
 * @param label shown in tables and legends
 * @param kind  which optimizer
 * @param kappa degree parameter κ of the Taylor polynomial p_κ (Kim &amp; Oh Definition 2); unused otherwise
 * @param q     Newton-Schulz steps; unused for SGD-M and SVD
 */
public record MlpVariant(String label, Kind kind, int kappa, int q) {

    /** The optimizer families. */
    public enum Kind { SGD_MOMENTUM, MUON_SVD, MUON_TAYLOR, MUON_KELLER }

    /** @return SGD with heavy-ball momentum */
    public static MlpVariant sgdMomentum() {
        return new MlpVariant("SGD-M", Kind.SGD_MOMENTUM, 0, 0);
    }

    /** @return Muon with the exact polar factor (LAPACK sgesdd, fp32 like the Newton-Schulz variants) */
    public static MlpVariant muonSvd() {
        return new MlpVariant("Muon-SVD", Kind.MUON_SVD, 0, 0);
    }

    /** @return Muon with q steps of Kim &amp; Oh's p_κ */
    public static MlpVariant taylor(int kappa, int q) {
        return new MlpVariant("Muon NS κ=" + kappa + " q=" + q, Kind.MUON_TAYLOR, kappa, q);
    }

    /** @return Muon with q steps of Keller Jordan's quintic (3.4445, −4.7750, 2.0315) */
    public static MlpVariant keller(int q) {
        return new MlpVariant("Muon Keller q=" + q, Kind.MUON_KELLER, 0, q);
    }

    /**
     * The update of the weight matrices. Muon follows Kim &amp; Oh's Algorithm 1: sum-form momentum
     * M_t = βM_{t−1} + G_t without Nesterov, X₀ = M/‖M‖_F (their experiments), q NS steps, W ← W − ηO,
     * no shape factor. NS runs in fp32, and so does Muon-SVD's SVD (sgesdd; PyTorch's SVD of an fp32
     * gradient is fp32 too), so the wall-clock comparison is between like arithmetic.
     *
     * @param lr       η
     * @param momentum β
     */
    public OptimizerConfig matrixConfig(double lr, double momentum) {
        return switch (kind) {
            case SGD_MOMENTUM -> SgdConfig.momentum(lr, momentum, false);
            case MUON_SVD -> muon(lr, momentum, ExactPolar.orthogonalizer(Precision.FP32));
            case MUON_TAYLOR -> muon(lr, momentum, ns(Schedule.taylor(kappa, q)).orthogonalizer());
            case MUON_KELLER -> muon(lr, momentum, ns(Schedule.keller(q)).orthogonalizer());
        };
    }

    /** @return the update of biases (1-D): SGD with momentum for every variant, as Muon leaves vectors to a second optimizer */
    public OptimizerConfig vectorConfig(double lr, double momentum) {
        return SgdConfig.momentum(lr, momentum, false);
    }

    private static NsConfig ns(Schedule schedule) {
        return new NsConfig(schedule, new Normalization(Normalization.Kind.FROBENIUS, 0), Precision.FP32);
    }

    private static MuonConfig muon(double lr, double momentum, dev.muonlab.ns.Orthogonalizer orthogonalizer) {
        return new MuonConfig(lr, momentum, MomentumForm.SUM, false, orthogonalizer, UpdateScale.NONE, 0,
                WeightDecayMode.DECOUPLED, MuonConfig.VectorPolicy.REFUSE);
    }
}
