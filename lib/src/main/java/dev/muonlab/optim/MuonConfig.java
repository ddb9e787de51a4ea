package dev.muonlab.optim;

import dev.muonlab.ns.ExactPolar;
import dev.muonlab.ns.Normalization;
import dev.muonlab.ns.NsConfig;
import dev.muonlab.ns.Orthogonalizer;
import dev.muonlab.ns.Precision;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Muon: momentum, then the orthogonalized (polar-factor) direction, scaled per shape
 * (Keller Jordan, kellerjordan.github.io/posts/muon and {@code muon.py}; references §0).
 * Every published choice is a field: momentum form and β, Nesterov, the orthogonalizer (any
 * Newton-Schulz variant or the exact polar factor = "Muon-SVD"), the update scale, the weight-decay
 * mode, and what to do with 1-D parameters.
 *
 * <p>One step for a parameter P (stored (out, in)) with gradient G and buffer M:
 * D = momentum direction (see {@link MuonMath#momentumDirection}); O = orthogonalize(D as
 * (first dim, rest)); U = s·O with s = {@link UpdateScale#factor}; P ← P·(1 − lr·wd) − lr·U.
 * With momentum 0 and the exact polar factor this is the "simplified Muon" of the matrix
 * factorization paper (Ma, Huang, Chi, Chen; references §1).
 *
 * @param lr             learning rate, in units of (scaled) spectral norm per step; &gt;= 0
 * @param momentum       β in [0, 1); 0 turns momentum off
 * @param form           EMA (Keller, torch) or SUM (Moonlight, Essential AI)
 * @param nesterov       orthogonalize the Nesterov look-ahead instead of the buffer
 * @param orthogonalizer maps D to (an approximation of) its polar factor U Vᵀ
 * @param scale          the shape factor s
 * @param weightDecay    wd &gt;= 0
 * @param decayMode      where wd enters (see {@link WeightDecayMode})
 * @param vectors        1-D parameters: refused (Muon) or through diag (MuonAll)
 * @param rmsTarget      the update RMS r that {@link UpdateScale#MATCH_RMS_ADAMW} aims at (s = r·√max(A, B));
 *                       Moonlight's 0.2 ({@link UpdateScale#MOONLIGHT_RMS}, arXiv 2502.16982 Eq. 4) unless a
 *                       study sweeps it (Table 8); the other scales ignore it
 */
public record MuonConfig(double lr, double momentum, MomentumForm form, boolean nesterov,
                         Orthogonalizer orthogonalizer, UpdateScale scale, double weightDecay,
                         WeightDecayMode decayMode, VectorPolicy vectors, double rmsTarget) implements OptimizerConfig {

    /** What Muon does with a 1-D parameter. */
    public enum VectorPolicy {
        /** Refuse it, with a message that says to route it to AdamW: Muon is for hidden matrices. */
        REFUSE,
        /** MuonAll (arXiv 2511.06086): orthogonalize diag(v), keep the diagonal. */
        DIAGONAL
    }

    public MuonConfig {
        Checks.lr("muon", lr);
        Checks.beta("muon", "momentum", momentum);
        Checks.nonNegative("muon", "weight decay", weightDecay);
        if (form == null || orthogonalizer == null || scale == null || decayMode == null || vectors == null) {
            throw new IllegalArgumentException("muon: form, orthogonalizer, scale, decayMode and vectors are required");
        }
        if (!(rmsTarget > 0 && Double.isFinite(rmsTarget))) {
            throw new IllegalArgumentException("muon: the update RMS target must be positive, got " + rmsTarget);
        }
    }

    /** Moonlight's RMS target 0.2 ({@link UpdateScale#MOONLIGHT_RMS}): every config before the target was a field. */
    public MuonConfig(double lr, double momentum, MomentumForm form, boolean nesterov, Orthogonalizer orthogonalizer,
                      UpdateScale scale, double weightDecay, WeightDecayMode decayMode, VectorPolicy vectors) {
        this(lr, momentum, form, nesterov, orthogonalizer, scale, weightDecay, decayMode, vectors, UpdateScale.MOONLIGHT_RMS);
    }

    /**
     * Keller Jordan's defaults with his NS5 ({@link NsConfig#keller()}) in float32. His code runs NS
     * in bfloat16 on GPUs ({@link #kellerBf16()}); on a CPU bfloat16 is emulated and slower, and
     * float32 is the closer approximation of the polar factor.
     */
    public static MuonConfig keller() {
        return keller(NsConfig.keller().orthogonalizer());
    }

    /** Keller Jordan's defaults exactly as published: NS5 in (emulated) bfloat16. */
    public static MuonConfig kellerBf16() {
        return keller(NsConfig.keller().withPrecision(Precision.BF16).orthogonalizer());
    }

    /** {@code torch.optim.Muon}'s defaults with its NS5 (X / max(||X||_F, 1e-7)) in float32. */
    public static MuonConfig torch() {
        return torch(NsConfig.keller().withNormalization(Normalization.torch()).orthogonalizer());
    }

    /** Moonlight's defaults with Keller's NS5 in float32. */
    public static MuonConfig moonlight() {
        return moonlight(NsConfig.keller().orthogonalizer());
    }

    /** Muon-SVD: Keller's defaults with the exact polar factor U Vᵀ (LAPACK dgesdd) instead of NS. */
    public static MuonConfig muonSvd() {
        return keller(exactPolar());
    }

    /** The "simplified Muon" of the matrix-factorization paper: exact polar, no momentum, no scale. */
    public static MuonConfig simplified(double lr) {
        return simplified(lr, exactPolar());
    }

    /** MuonAll with Keller's NS5 in float32. */
    public static MuonConfig muonAll() {
        return muonAll(NsConfig.keller().orthogonalizer());
    }

    /** @return the exact polar factor ({@link ExactPolar#polar}) with a readable toString */
    public static Orthogonalizer exactPolar() {
        return new Orthogonalizer() {
            @Override
            public INDArray orthogonalize(INDArray G) {
                return ExactPolar.polar(G);
            }

            @Override
            public String toString() {
                return "ExactPolar[LAPACK dgesdd]";
            }
        };
    }

    /**
     * Keller Jordan's defaults ({@code muon.py}: lr 0.02, momentum 0.95 EMA, Nesterov, 5 NS steps,
     * scale sqrt(max(1, rows/cols)), weight decay 0) with the given orthogonalizer.
     */
    public static MuonConfig keller(Orthogonalizer orthogonalizer) {
        return new MuonConfig(0.02, 0.95, MomentumForm.EMA, true, orthogonalizer, UpdateScale.ORIGINAL,
                0.0, WeightDecayMode.DECOUPLED, VectorPolicy.REFUSE);
    }

    /** {@code torch.optim.Muon}'s defaults: lr 1e-3, wd 0.1, momentum 0.95 EMA, Nesterov, "original" scale. */
    public static MuonConfig torch(Orthogonalizer orthogonalizer) {
        return new MuonConfig(1e-3, 0.95, MomentumForm.EMA, true, orthogonalizer, UpdateScale.ORIGINAL,
                0.1, WeightDecayMode.DECOUPLED, VectorPolicy.REFUSE);
    }

    /** Moonlight's ({@code toy_train.py}): lr 1e-3, wd 0.1, momentum 0.95 SUM, Nesterov, 0.2·sqrt(max(A, B)). */
    public static MuonConfig moonlight(Orthogonalizer orthogonalizer) {
        return new MuonConfig(1e-3, 0.95, MomentumForm.SUM, true, orthogonalizer, UpdateScale.MATCH_RMS_ADAMW,
                0.1, WeightDecayMode.DECOUPLED, VectorPolicy.REFUSE);
    }

    /**
     * The "simplified Muon" of the theory papers: no momentum, no scale, no decay; pass the exact
     * polar factor (SVD) as the orthogonalizer.
     */
    public static MuonConfig simplified(double lr, Orthogonalizer exactPolar) {
        return new MuonConfig(lr, 0.0, MomentumForm.EMA, false, exactPolar, UpdateScale.NONE,
                0.0, WeightDecayMode.DECOUPLED, VectorPolicy.REFUSE);
    }

    /** MuonAll: Keller's defaults, 1-D parameters through diag. */
    public static MuonConfig muonAll(Orthogonalizer orthogonalizer) {
        return keller(orthogonalizer).withVectors(VectorPolicy.DIAGONAL);
    }

    public MuonConfig withLr(double v) { return new MuonConfig(v, momentum, form, nesterov, orthogonalizer, scale, weightDecay, decayMode, vectors, rmsTarget); }
    public MuonConfig withMomentum(double v) { return new MuonConfig(lr, v, form, nesterov, orthogonalizer, scale, weightDecay, decayMode, vectors, rmsTarget); }
    public MuonConfig withForm(MomentumForm v) { return new MuonConfig(lr, momentum, v, nesterov, orthogonalizer, scale, weightDecay, decayMode, vectors, rmsTarget); }
    public MuonConfig withNesterov(boolean v) { return new MuonConfig(lr, momentum, form, v, orthogonalizer, scale, weightDecay, decayMode, vectors, rmsTarget); }
    public MuonConfig withOrthogonalizer(Orthogonalizer v) { return new MuonConfig(lr, momentum, form, nesterov, v, scale, weightDecay, decayMode, vectors, rmsTarget); }
    public MuonConfig withScale(UpdateScale v) { return new MuonConfig(lr, momentum, form, nesterov, orthogonalizer, v, weightDecay, decayMode, vectors, rmsTarget); }
    public MuonConfig withWeightDecay(double v) { return new MuonConfig(lr, momentum, form, nesterov, orthogonalizer, scale, v, decayMode, vectors, rmsTarget); }
    public MuonConfig withDecayMode(WeightDecayMode v) { return new MuonConfig(lr, momentum, form, nesterov, orthogonalizer, scale, weightDecay, v, vectors, rmsTarget); }
    /** @return a copy aiming {@link UpdateScale#MATCH_RMS_ADAMW} at update RMS {@code v} (Moonlight Table 8's sweep) */
    public MuonConfig withRmsTarget(double v) { return new MuonConfig(lr, momentum, form, nesterov, orthogonalizer, scale, weightDecay, decayMode, vectors, v); }
    public MuonConfig withVectors(VectorPolicy v) { return new MuonConfig(lr, momentum, form, nesterov, orthogonalizer, scale, weightDecay, decayMode, v, rmsTarget); }

    @Override
    public String name() {
        return vectors == VectorPolicy.DIAGONAL ? "muonall" : "muon";
    }

    @Override
    public List<String> stateNames() {
        return List.of("momentum");
    }

    @Override
    public void checkParameter(String name, long[] shape) {
        if (shape.length < 1 || (shape.length == 1 && vectors == VectorPolicy.REFUSE)) {
            throw new IllegalArgumentException("muon: parameter '" + name + "' has shape " + Checks.shape(shape)
                    + "; Muon updates matrices (2-D or more) only: route 1-D parameters (gains, biases) to AdamW"
                    + " (ParameterRouter does), or use MuonConfig.muonAll(...) to send them through diag");
        }
    }

    @Override
    public INDArray step(INDArray param, INDArray grad, Map<String, INDArray> state, double lr, long t) {
        INDArray direction = MuonMath.momentumDirection(grad, state.get("momentum"), momentum, form, nesterov);
        INDArray update = MuonMath.scaledUpdate(direction, orthogonalizer, scale, rmsTarget);
        MuonMath.applyStep(param, update, lr, weightDecay, decayMode, MuonMath.scaleOf(param.shape(), scale, rmsTarget));
        return update;
    }

    /**
     * The record's text, without {@code rmsTarget} when it is Moonlight's 0.2: the text stored in
     * checkpoints' optimizer info stays what it was before the target became a field.
     */
    @Override
    public String toString() {
        return "MuonConfig[lr=" + lr + ", momentum=" + momentum + ", form=" + form + ", nesterov=" + nesterov
                + ", orthogonalizer=" + orthogonalizer + ", scale=" + scale + ", weightDecay=" + weightDecay
                + ", decayMode=" + decayMode + ", vectors=" + vectors
                + (rmsTarget == UpdateScale.MOONLIGHT_RMS ? "" : ", rmsTarget=" + rmsTarget) + "]";
    }
}
