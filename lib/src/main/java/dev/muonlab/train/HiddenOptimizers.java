package dev.muonlab.train;

import dev.muonlab.ns.BlockOrthogonalizer;
import dev.muonlab.ns.GramNewtonSchulz;
import dev.muonlab.ns.NsConfig;
import dev.muonlab.optim.AdaMuonConfig;
import dev.muonlab.optim.MomentumSchedule;
import dev.muonlab.optim.MuonConfig;
import dev.muonlab.optim.NorMuonConfig;
import dev.muonlab.optim.OptimizerConfig;
import dev.muonlab.optim.PolarGradConfig;
import dev.muonlab.optim.ScaleConfig;
import dev.muonlab.optim.ScheduledMomentumConfig;
import dev.muonlab.optim.WeightDecayMode;

/**
 * What each {@link OptimizerChoice} puts on the GPT's hidden matrices (and, where a recipe treats them
 * apart, on the fused attention projection and the output head). Each entry's constants come from its
 * source, named in {@link OptimizerChoice}.
 */
final class HiddenOptimizers {

    private HiddenOptimizers() {
    }

    /** Keller's recipe: {@link MuonConfig#keller} at the config's muonLr. */
    private static MuonConfig keller(TrainConfig c) {
        return MuonConfig.keller(NsConfig.keller().orthogonalizer()).withLr(c.muonLr());
    }

    /**
     * @return the hidden matrices' optimizer, or null for AdamW everywhere; the config's momentum and
     *         hidden weight decay overrides applied ({@link #withOverrides})
     */
    static OptimizerConfig hidden(TrainConfig c) {
        return withUpdateRms(withOverrides(recipe(c), c), c);
    }

    /**
     * Applies {@link TrainConfig#updateRms()} (when not NaN) to Moonlight's Muon. Only an RMS-matched
     * scale has a target, so the override on any other recipe is refused rather than ignored.
     *
     * @param hidden the hidden config after {@link #withOverrides}. Not modified.
     * @return the config aiming at the override's update RMS
     */
    static OptimizerConfig withUpdateRms(OptimizerConfig hidden, TrainConfig c) {
        if (Double.isNaN(c.updateRms())) {
            return hidden;
        }
        if (!(hidden instanceof MuonConfig m) || m.scale() != dev.muonlab.optim.UpdateScale.MATCH_RMS_ADAMW) {
            throw new IllegalArgumentException("an update RMS target applies to muon-moonlight, not " + c.optimizer().cliName());
        }
        return m.withRmsTarget(c.updateRms());
    }

    /**
     * Applies {@link TrainConfig#momentum()} and {@link TrainConfig#hiddenWeightDecay()} (when not NaN)
     * to a Muon-family config. Other hidden optimizers have no single β or λ to set, so an override on
     * them is refused rather than silently ignored.
     *
     * @param hidden the recipe's hidden config (null: AdamW everywhere, returned as is)
     * @return the config with the overrides
     */
    static OptimizerConfig withOverrides(OptimizerConfig hidden, TrainConfig c) {
        boolean any = !Double.isNaN(c.momentum()) || !Double.isNaN(c.hiddenWeightDecay());
        if (hidden == null || !any) {
            return hidden;
        }
        if (!(hidden instanceof MuonConfig m)) {
            throw new IllegalArgumentException("momentum and hidden weight decay overrides apply to Muon recipes, not "
                    + c.optimizer().cliName());
        }
        MuonConfig out = Double.isNaN(c.momentum()) ? m : m.withMomentum(c.momentum());
        return Double.isNaN(c.hiddenWeightDecay()) ? out : out.withWeightDecay(c.hiddenWeightDecay());
    }

    /** @return the recipe's own hidden config, before overrides */
    private static OptimizerConfig recipe(TrainConfig c) {
        return switch (c.optimizer()) {
            case ADAMW -> null;
            case MUON, MUON_SPLIT_HEADS, MUON_CLIP -> keller(c);
            case MUON_MOONLIGHT -> MuonConfig.moonlight(NsConfig.keller().orthogonalizer())
                    .withLr(c.lr()).withWeightDecay(c.weightDecay());
            case NORMUON -> NorMuonConfig.defaults().withLr(c.muonLr());
            case MUON_CAUTIOUS_WD -> keller(c).withWeightDecay(c.weightDecay()).withDecayMode(WeightDecayMode.CAUTIOUS);
            case ADAMUON -> AdaMuonConfig.defaults().withLr(c.lr()).withWeightDecay(c.weightDecay());
            case POLARGRAD -> PolarGradConfig.defaults().withWeightDecay(c.weightDecay());
            case MUON_POLAR_EXPRESS -> keller(c).withOrthogonalizer(NsConfig.polarExpress().orthogonalizer());
            case MUON_GRAM_NS -> keller(c).withOrthogonalizer(GramNewtonSchulz.of(NsConfig.keller()));
            case SPECTRAL_DESCENT -> keller(c).withMomentum(0.0).withNesterov(false);
            case MUON_MOMENTUM_SCHEDULE -> ScheduledMomentumConfig.muon(keller(c),
                    MomentumSchedule.moddedNanogpt(c.steps(), c.steps() / 10));
            case SCALE -> ScaleConfig.hidden(c.lr());
        };
    }

    /** @return the fused c_attn's optimizer when the recipe treats it apart, else null (same as hidden) */
    static OptimizerConfig attention(TrainConfig c) {
        if (c.optimizer() != OptimizerChoice.MUON_SPLIT_HEADS) {
            return null;
        }
        return withOverrides(keller(c).withOrthogonalizer(BlockOrthogonalizer.perHead(NsConfig.keller().orthogonalizer(),
                c.model().nEmbd(), c.model().nHead())), c);
    }

    /** @return the output head's optimizer when the recipe does not leave it on AdamW, else null */
    static OptimizerConfig head(TrainConfig c) {
        return c.optimizer() == OptimizerChoice.SCALE ? ScaleConfig.lastLayer(c.lr()) : null;
    }
}
