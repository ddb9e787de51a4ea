package dev.muonlab.train;

import dev.muonlab.ns.NsConfig;
import dev.muonlab.optim.AdamWConfig;
import dev.muonlab.optim.GroupedOptimizer;
import dev.muonlab.optim.TaskRunner;
import dev.muonlab.optim.MuonConfig;
import dev.muonlab.optim.Optimizer;
import dev.muonlab.optim.ParameterRouter;
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
 * <p>Groups (nanoGPT's {@code configure_optimizers}: weight decay on tensors of rank ≥ 2 only):
 * <ul>
 *   <li>{@code adamw}: AdamW (β₁ 0.9, β₂ from the config, ε 1e-8, decoupled wd) on every 2-D tensor
 *       the router does not send to Muon (all of them for {@link OptimizerChoice#ADAMW});</li>
 *   <li>{@code adamw_no_decay}: the same without weight decay, on gains and biases;</li>
 *   <li>{@code muon}: the hidden matrices ({@link ParameterRouter}: not embeddings, not the head):
 *       Keller's {@code MuonConfig.keller} at {@code muonLr}, no weight decay (his default); or
 *       Moonlight's {@code MuonConfig.moonlight} at AdamW's lr and weight decay.</li>
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
        AdamWConfig adamw = new AdamWConfig(config.lr(), 0.9, config.beta2(), 1e-8, config.weightDecay());
        MuonConfig muon = switch (config.optimizer()) {
            case ADAMW -> null;
            case MUON -> MuonConfig.keller(NsConfig.keller().orthogonalizer()).withLr(config.muonLr());
            case MUON_MOONLIGHT -> MuonConfig.moonlight(NsConfig.keller().orthogonalizer())
                    .withLr(config.lr()).withWeightDecay(config.weightDecay());
        };
        Map<String, String> groupOf = new HashMap<>();
        Map<String, INDArray> decay = new LinkedHashMap<>();
        Map<String, INDArray> noDecay = new LinkedHashMap<>();
        Map<String, INDArray> hidden = new LinkedHashMap<>();
        ParameterRouter router = muon == null ? null : new ParameterRouter(muon, adamw);
        for (Map.Entry<String, INDArray> e : params.entrySet()) {
            INDArray p = e.getValue();
            if (p.rank() < 2) {
                noDecay.put(e.getKey(), p);
                groupOf.put(e.getKey(), "adamw_no_decay");
            } else if (router != null && router.decide(e.getKey(), p.shape()).route() == ParameterRouter.Route.MUON) {
                hidden.put(e.getKey(), p);
                groupOf.put(e.getKey(), "muon");
            } else {
                decay.put(e.getKey(), p);
                groupOf.put(e.getKey(), "adamw");
            }
        }
        GroupedOptimizer.Builder b = Optimizer.builder();
        if (!hidden.isEmpty()) {
            b.group("muon", muon, schedule, hidden);
        }
        if (!decay.isEmpty()) {
            b.group("adamw", adamw, schedule, decay);
        }
        if (!noDecay.isEmpty()) {
            b.group("adamw_no_decay", adamw.withWeightDecay(0.0), schedule, noDecay);
        }
        GroupedOptimizer optimizer = b.build();
        String main = hidden.isEmpty() ? "adamw" : "muon";
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
