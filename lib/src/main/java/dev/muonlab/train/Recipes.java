package dev.muonlab.train;

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
 * </ul>
 */
public final class Recipes {

    private Recipes() {
    }

    /**
     * @param params the model's live parameters (updated in place by the optimizer). Not modified here.
     * @return the optimizer of {@code config.optimizer()}, adapted to the trainer
     */
    public static StepOptimizer optimizer(TrainConfig config, Map<String, INDArray> params) {
        LrSchedule schedule = LrSchedule.warmupCosine(config.warmupSteps(), Math.max(config.steps(), config.warmupSteps() + 1),
                config.minLr() / config.lr());
        double beta1 = config.optimizer() == OptimizerChoice.ADAMW && !Double.isNaN(config.momentum()) ? config.momentum() : 0.9;
        AdamWConfig adamw = new AdamWConfig(config.lr(), beta1, config.beta2(), 1e-8, config.weightDecay());
        OptimizerConfig hiddenConfig = HiddenOptimizers.hidden(config);
        OptimizerConfig attnConfig = HiddenOptimizers.attention(config);
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
        if (!noDecay.isEmpty()) {
            b.group("adamw_no_decay", adamw.withWeightDecay(0.0), schedule, noDecay);
        }
        GroupedOptimizer optimizer = b.build();
        String main = hidden.isEmpty() ? "adamw" : hiddenGroup;
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
}
