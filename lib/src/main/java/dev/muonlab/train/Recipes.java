package dev.muonlab.train;

import dev.muonlab.gpt.Parameterization;
import dev.muonlab.ns.NsConfig;
import dev.muonlab.optim.AdamWConfig;
import dev.muonlab.optim.GroupedOptimizer;
import dev.muonlab.optim.TaskRunner;
import dev.muonlab.optim.MuonConfig;
import dev.muonlab.optim.Optimizer;
import dev.muonlab.optim.OptimizerConfig;
import dev.muonlab.optim.ParameterRouter;
import dev.muonlab.optim.Routing;
import dev.muonlab.schedule.LrSchedule;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The optimizer recipes of {@link OptimizerChoice}, built from {@code dev.muonlab.optim} with one
 * learning-rate schedule for every group: nanoGPT's linear warm-up and cosine decay to
 * {@code minLr/lr} at the last step.
 *
 * <p>{@link TrainConfig#momentum()}, when set, replaces AdamW's β₁ under {@code adamw} and the hidden
 * group's momentum under Muon recipes; {@link TrainConfig#hiddenWeightDecay()} the hidden group's λ
 * ({@link HiddenOptimizers#withOverrides}).
 *
 * <p>Groups (nanoGPT's {@code configure_optimizers}: weight decay on tensors of rank ≥ 2 only):
 * <ul>
 *   <li>{@code adamw}: AdamW (β₁ 0.9, β₂ from the config, ε 1e-8, decoupled wd) on every 2-D tensor
 *       the router does not send to Muon (all of them for {@link OptimizerChoice#ADAMW});</li>
 *   <li>{@code adamw_no_decay}: the same without weight decay, on gains and biases;</li>
 *   <li>{@code muon}: the hidden matrices ({@link ParameterRouter}: not embeddings, not the head):
 *       Keller's {@code MuonConfig.keller} at {@code muonLr}, no weight decay (his default); or
 *       Moonlight's {@code MuonConfig.moonlight} at AdamW's lr and weight decay. The toolbox recipes
 *       name this group after their optimizer ({@code normuon}, {@code adamuon}, {@code scale}, ...;
 *       {@link HiddenOptimizers});</li>
 *   <li>{@code <name>_attn}: the fused {@code c_attn} weights when the recipe orthogonalizes them per
 *       head ({@code muon-split-heads});</li>
 *   <li>{@code scale_head}: the output head under SCALE (momentum 0.9; it stays on AdamW otherwise).</li>
 *   <li>{@code adamw_hidden}: under muP only, the hidden matrices that AdamW trains (all of them under
 *       {@code adamw}), at lr × {@link Parameterization#adamHiddenLrMultiplier}.</li>
 * </ul>
 *
 * <p>muP ({@code config.model().parameterization()}): the Muon groups' lr is multiplied by
 * {@link Parameterization#muonLrMultiplier} (1 under Keller's scale, 1/√m under Moonlight's); the
 * embeddings, head, gains and biases keep AdamW's lr. Recipes whose hidden optimizer is not a
 * {@link MuonConfig} have no muP rule here and are refused under muP.
 */
public final class Recipes {

    private Recipes() {
    }

    /**
     * @param params the model's live parameters (updated in place by the optimizer). Not modified here.
     * @return the optimizer of {@code config.optimizer()}, adapted to the trainer
     */
    public static StepOptimizer optimizer(TrainConfig config, Map<String, INDArray> params) {
        return optimizer(config, params, schedule(config));
    }

    /** @return nanoGPT's schedule of {@code config}: linear warm-up, cosine to minLr/lr at the last step */
    public static LrSchedule schedule(TrainConfig config) {
        return LrSchedule.warmupCosine(config.warmupSteps(), Math.max(config.steps(), config.warmupSteps() + 1),
                config.minLr() / config.lr());
    }

    /**
     * The recipe with another schedule for every group (a study's WSD schedule, {@code XmodelSwitchStudy}).
     *
     * @param params   the model's live parameters (updated in place by the optimizer). Not modified here.
     * @param schedule every group's lr multiplier by the optimizer's own step count
     * @return the optimizer of {@code config.optimizer()}, adapted to the trainer
     */
    public static StepOptimizer optimizer(TrainConfig config, Map<String, INDArray> params, LrSchedule schedule) {
        double beta1 = config.optimizer() == OptimizerChoice.ADAMW && !Double.isNaN(config.momentum()) ? config.momentum() : 0.9;
        AdamWConfig adamw = new AdamWConfig(config.lr(), beta1, config.beta2(), 1e-8, config.weightDecay());
        Parameterization mu = config.model().parameterization();
        int C = config.model().nEmbd();
        OptimizerConfig hiddenConfig = mupLr(HiddenOptimizers.hidden(config), config);
        OptimizerConfig attnConfig = mupLr(HiddenOptimizers.attention(config), config);
        AdamWConfig adamwHidden = adamw.withLr(config.lr() * mu.adamHiddenLrMultiplier(C));
        Map<String, INDArray> decayHidden = new LinkedHashMap<>();
        OptimizerConfig headConfig = HiddenOptimizers.head(config);
        String hiddenGroup = hiddenConfig == null ? "muon" : hiddenConfig.name();
        Map<String, String> groupOf = new HashMap<>();
        Map<String, INDArray> decay = new LinkedHashMap<>();
        Map<String, INDArray> noDecay = new LinkedHashMap<>();
        Map<String, INDArray> hidden = new LinkedHashMap<>();
        Map<String, INDArray> attn = new LinkedHashMap<>();
        Map<String, INDArray> head = new LinkedHashMap<>();
        // the router only decides by name and shape; its configs are not used here
        ParameterRouter router = hiddenConfig == null ? null : new ParameterRouter(MuonConfig.keller(), adamw);
        for (Map.Entry<String, INDArray> e : params.entrySet()) {
            INDArray p = e.getValue();
            Routing.Entry route = router == null || p.rank() < 2 ? null : router.decide(e.getKey(), p.shape());
            if (p.rank() < 2) {
                noDecay.put(e.getKey(), p);
                groupOf.put(e.getKey(), "adamw_no_decay");
            } else if (route != null && route.route() == ParameterRouter.Route.MUON) {
                boolean isAttn = attnConfig != null && e.getKey().endsWith("attn.c_attn.weight");
                (isAttn ? attn : hidden).put(e.getKey(), p);
                groupOf.put(e.getKey(), isAttn ? hiddenGroup + "_attn" : hiddenGroup);
            } else if (headConfig != null && route != null && route.reason().equals("output head")) {
                head.put(e.getKey(), p);
                groupOf.put(e.getKey(), headConfig.name() + "_head");
            } else if (mu.isMup() && isHiddenMatrix(e.getKey())) {
                decayHidden.put(e.getKey(), p);
                groupOf.put(e.getKey(), "adamw_hidden");
            } else {
                decay.put(e.getKey(), p);
                groupOf.put(e.getKey(), "adamw");
            }
        }
        GroupedOptimizer.Builder b = Optimizer.builder();
        if (!hidden.isEmpty()) {
            b.group(hiddenGroup, hiddenConfig, schedule, hidden);
        }
        if (!attn.isEmpty()) {
            b.group(hiddenGroup + "_attn", attnConfig, schedule, attn);
        }
        if (!head.isEmpty()) {
            b.group(headConfig.name() + "_head", headConfig, schedule, head);
        }
        if (!decay.isEmpty()) {
            b.group("adamw", adamw, schedule, decay);
        }
        if (!decayHidden.isEmpty()) {
            b.group("adamw_hidden", adamwHidden, schedule, decayHidden);
        }
        if (!noDecay.isEmpty()) {
            b.group("adamw_no_decay", adamw.withWeightDecay(0.0), schedule, noDecay);
        }
        GroupedOptimizer optimizer = b.build();
        String main = !hidden.isEmpty() ? hiddenGroup : decayHidden.isEmpty() ? "adamw" : "adamw_hidden";
        return new StepOptimizer() {
            @Override
            public void step(Map<String, INDArray> grads) {
                optimizer.step(grads);
            }

            @Override
            public double currentLr() {
                return optimizer.currentLr(main);
            }

            @Override
            public String groupOf(String param) {
                return groupOf.getOrDefault(param, "?");
            }

            @Override
            public void save(Path dir) throws IOException {
                optimizer.save(dir);
            }

            @Override
            public void load(Path dir) throws IOException {
                optimizer.load(dir);
            }

            @Override
            public void runUpdatesWith(TaskRunner runner) {
                optimizer.runUpdatesWith(runner);
            }

            @Override
            public String toString() {
                return optimizer.toString();
            }
        };
    }

    /** @return whether the named 2-D tensor is a hidden matrix (attention or MLP weight of a block) */
    static boolean isHiddenMatrix(String name) {
        return name.startsWith("transformer.h.") && name.endsWith(".weight")
                && (name.contains(".attn.") || name.contains(".mlp."));
    }

    /**
     * @param hidden a recipe's hidden (or attention) config, or null. Not modified.
     * @return it with the muP lr factor of its update scale applied (itself under SP or when null)
     */
    static OptimizerConfig mupLr(OptimizerConfig hidden, TrainConfig config) {
        Parameterization mu = config.model().parameterization();
        if (hidden == null || !mu.isMup()) {
            return hidden;
        }
        if (!(hidden instanceof MuonConfig m)) {
            throw new IllegalArgumentException("muP has lr rules for AdamW and Muon recipes, not "
                    + config.optimizer().cliName());
        }
        return m.withLr(m.lr() * mu.muonLrMultiplier(m.scale(), config.model().nEmbd()));
    }
}
