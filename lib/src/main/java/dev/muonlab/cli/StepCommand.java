package dev.muonlab.cli;

import dev.muonlab.ns.BlockOrthogonalizer;
import dev.muonlab.ns.GramNewtonSchulz;
import dev.muonlab.ns.Normalization;
import dev.muonlab.ns.Orthogonalizer;
import dev.muonlab.ns.NsConfig;
import dev.muonlab.ns.Precision;
import dev.muonlab.ns.ScheduleSpec;
import dev.muonlab.optim.AdaMuonConfig;
import dev.muonlab.optim.AdamWConfig;
import dev.muonlab.optim.MomentumForm;
import dev.muonlab.optim.MuonConfig;
import dev.muonlab.optim.NorMuonConfig;
import dev.muonlab.optim.OptimizerConfig;
import dev.muonlab.optim.PolarGradConfig;
import dev.muonlab.optim.ScaleConfig;
import dev.muonlab.optim.SgdConfig;
import dev.muonlab.optim.UpdateScale;
import dev.muonlab.optim.WeightDecayMode;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./muonlab step}: one optimizer step on one parameter, .npy in and .npy out, so that any
 * other implementation can be checked against Muon Lab on the same inputs. Defaults follow Keller
 * Jordan's Muon ({@code muon.py}: lr 0.02, momentum 0.95, Nesterov, NS5 with his coefficients in
 * bfloat16, scale sqrt(max(1, rows/cols)), weight decay 0).
 *
 * <p>Writes into {@code --out}: {@code param.npy} (the new parameter), {@code update.npy} (the
 * update U, see {@link OptimizerConfig#step}), one {@code <buffer>.npy} per state buffer
 * ({@code momentum} for muon and sgd; {@code exp_avg}, {@code exp_avg_sq} for adamw) and
 * {@code state.properties} (steps taken, config). The out folder can be the next step's --state.
 * The 2026 variants ({@code normuon}, {@code adamuon}, {@code polargrad}, {@code muon-cautious-wd},
 * {@code spectral-descent}, {@code scale}) take the same NS options, plus {@code --gram} (Gram
 * Newton-Schulz) and {@code --blocks} (split-block orthogonalization); their defaults are each source's.
 */
@Command(name = "step", mixinStandardHelpOptions = true,
        description = {"Apply one optimizer step to one parameter (.npy files) and write the new parameter, "
                + "the new state and the applied update as .npy into --out.",
                "Defaults follow Keller Jordan's Muon (bf16 NS5); use --precision fp32 for exact comparisons."})
public final class StepCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--optimizer", defaultValue = "muon", description = "muon, muon-cautious-wd, normuon, adamuon, polargrad, "
            + "spectral-descent (muon without momentum), scale, adamw or sgd (default: ${DEFAULT-VALUE})")
    String optimizer;
    @Option(names = "--param", required = true, description = "the parameter, .npy, stored (out, in)")
    Path param;
    @Option(names = "--grad", required = true, description = "its gradient, .npy, same shape")
    Path grad;
    @Option(names = "--state", description = "folder with the state buffers (<buffer>.npy, state.properties); zeros if absent")
    Path state;
    @Option(names = "--out", required = true, description = "output folder (created)")
    Path out;
    @Option(names = "--lr", description = "learning rate (muon 0.02, adamw 3e-4; required for sgd)")
    Double lr;
    @Option(names = "--weight-decay", defaultValue = "0", description = "weight decay (default: ${DEFAULT-VALUE})")
    double weightDecay;
    @Option(names = "--momentum", description = "muon: β (0.95); sgd: μ (0); adamw: β1 (0.9)")
    Double momentum;
    @Option(names = "--nesterov", arity = "1", description = "true|false (muon true, sgd false)")
    Boolean nesterov;
    @Option(names = "--ns-steps", description = "Newton-Schulz steps (default: the schedule's, 5)")
    Integer nsSteps;
    @Option(names = "--schedule", defaultValue = "keller", description = "NS coefficients: keller, cubic, quintic, "
            + "taylor:K, you, dion, aol, polar-express, polar-express-8, custom:a,b,c;... (default: ${DEFAULT-VALUE})")
    String schedule;
    @Option(names = "--gram", description = "run the schedule as Gram Newton-Schulz (restart before step 2)")
    boolean gram;
    @Option(names = "--blocks", split = ",", description = "orthogonalize these row blocks separately, e.g. 64,64,64 "
            + "for a fused qkv (dion split_sizes)")
    int[] blocks;
    @Option(names = "--precision", defaultValue = "bf16", description = "NS precision: fp64, fp32, bf16 (default: ${DEFAULT-VALUE})")
    String precision;
    @Option(names = "--normalization", defaultValue = "frobenius", description = "NS input normalization: frobenius "
            + "(||X||+1e-7, Keller), torch (max(||X||, 1e-7)), safety:F, spectral, schatten4, aol, none, or svd for the exact polar factor")
    String normalization;
    @Option(names = "--adjust", defaultValue = "original", description = "update scale: original, match-rms-adamw, spectral, none")
    String adjust;
    @Option(names = "--momentum-form", defaultValue = "ema", description = "muon momentum: ema (Keller) or sum (Moonlight)")
    String momentumForm;
    @Option(names = "--weight-decay-mode", defaultValue = "decoupled", description = "muon: decoupled or coupled-to-scaled-step")
    String decayMode;
    @Option(names = "--beta2", defaultValue = "0.95", description = "adamw, normuon, adamuon β2 (default: ${DEFAULT-VALUE}, Keller's aux AdamW)")
    double beta2;
    @Option(names = "--eps", defaultValue = "1e-10", description = "adamw eps (default: ${DEFAULT-VALUE})")
    double eps;

    @Override
    public Integer call() {
        try {
            run();
            return 0;
        } catch (IllegalArgumentException | IllegalStateException | IOException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return 1;
        }
    }

    private void run() throws IOException {
        OptimizerConfig config = config();
        INDArray p = read(param, "--param");
        INDArray g = read(grad, "--grad").castTo(p.dataType());
        if (!Arrays.equals(p.shape(), g.shape())) {
            throw new IllegalArgumentException("--grad has shape " + Arrays.toString(g.shape())
                    + " but --param has shape " + Arrays.toString(p.shape()));
        }
        config.checkParameter(param.getFileName().toString(), p.shape());
        if (!Double.isFinite(g.sumNumber().doubleValue())) {
            throw new IllegalArgumentException("--grad " + grad + " contains NaN or infinite values");
        }
        Map<String, INDArray> buffers = new LinkedHashMap<>();
        long stepsTaken = readState(config, p, buffers);
        INDArray update = config.step(p, g, buffers, config.lr(), stepsTaken + 1);
        Files.createDirectories(out);
        Nd4j.writeAsNumpy(p, out.resolve("param.npy").toFile());
        Nd4j.writeAsNumpy(update, out.resolve("update.npy").toFile());
        for (Map.Entry<String, INDArray> b : buffers.entrySet()) {
            Nd4j.writeAsNumpy(b.getValue(), out.resolve(b.getKey() + ".npy").toFile());
        }
        Properties props = new Properties();
        props.setProperty("step", Long.toString(stepsTaken + 1));
        props.setProperty("optimizer", config.name());
        props.setProperty("config", config.toString());
        try (Writer w = Files.newBufferedWriter(out.resolve("state.properties"), StandardCharsets.UTF_8)) {
            props.store(w, "muonlab step");
        }
        spec.commandLine().getOut().println("wrote " + out.resolve("param.npy") + ", update.npy and "
                + (buffers.isEmpty() ? "no state" : String.join(".npy, ", buffers.keySet()) + ".npy")
                + " (" + config.name() + ", step " + (stepsTaken + 1) + ", lr " + config.lr() + ")");
    }

    OptimizerConfig config() {
        String name = optimizer.toLowerCase();
        switch (name) {
            case "muon", "muon-cautious-wd", "spectral-descent": {
                boolean none = name.equals("spectral-descent");
                return MuonConfig.keller()
                        .withOrthogonalizer(orthogonalizer())
                        .withLr(lr == null ? 0.02 : lr)
                        .withMomentum(none ? 0.0 : momentum == null ? 0.95 : momentum)
                        .withNesterov(!none && (nesterov == null || nesterov))
                        .withScale(UpdateScale.parse(adjust))
                        .withForm(parseEnum(MomentumForm.class, momentumForm, "--momentum-form"))
                        .withWeightDecay(weightDecay)
                        .withDecayMode(name.equals("muon-cautious-wd") ? WeightDecayMode.CAUTIOUS
                                : parseEnum(WeightDecayMode.class, decayMode, "--weight-decay-mode"));
            }
            case "normuon":
                return new NorMuonConfig(lr == null ? 0.02 : lr, momentum == null ? 0.95 : momentum, nesterov == null || nesterov,
                        beta2, orthogonalizer(), UpdateScale.parse(adjust), weightDecay,
                        parseEnum(WeightDecayMode.class, decayMode, "--weight-decay-mode"));
            case "adamuon":
                return new AdaMuonConfig(lr == null ? 1e-3 : lr, momentum == null ? 0.95 : momentum, nesterov != null && nesterov,
                        beta2, 1e-8, true, 0.2, orthogonalizer(), weightDecay);
            case "polargrad":
                return new PolarGradConfig(lr == null ? 3e-4 : lr, momentum == null ? 0.95 : momentum, nesterov != null && nesterov,
                        orthogonalizer(), 1.0, weightDecay);
            case "scale":
                return new ScaleConfig(lr == null ? 1e-3 : lr, momentum == null ? 0 : momentum, weightDecay, 1);
            case "adamw":
                return new AdamWConfig(lr == null ? 3e-4 : lr, momentum == null ? 0.9 : momentum, beta2, eps, weightDecay);
            case "sgd":
                if (lr == null) {
                    throw new IllegalArgumentException("sgd needs --lr (as torch.optim.SGD, it has no default)");
                }
                return new SgdConfig(lr, momentum == null ? 0 : momentum, nesterov != null && nesterov, weightDecay);
            default:
                throw new IllegalArgumentException("unknown --optimizer '" + optimizer + "': expected muon, muon-cautious-wd, "
                        + "normuon, adamuon, polargrad, spectral-descent, scale, adamw or sgd");
        }
    }

    /** The polar factor from --schedule, --ns-steps, --precision, --normalization, --gram and --blocks. */
    private Orthogonalizer orthogonalizer() {
        Orthogonalizer o;
        if (normalization.equalsIgnoreCase("svd")) {
            o = MuonConfig.exactPolar();
        } else {
            NsConfig ns = NsConfig.keller().withSchedule(ScheduleSpec.parse(schedule, nsSteps))
                    .withPrecision(Precision.parse(precision)).withNormalization(Normalization.parse(normalization));
            o = gram ? GramNewtonSchulz.of(ns) : ns.orthogonalizer();
        }
        return blocks == null ? o : new BlockOrthogonalizer(o, blocks);
    }

    private long readState(OptimizerConfig config, INDArray p, Map<String, INDArray> buffers) throws IOException {
        long stepsTaken = 0;
        if (state != null && Files.isRegularFile(state.resolve("state.properties"))) {
            Properties props = new Properties();
            try (Reader r = Files.newBufferedReader(state.resolve("state.properties"), StandardCharsets.UTF_8)) {
                props.load(r);
            }
            stepsTaken = Long.parseLong(props.getProperty("step", "0").trim());
        }
        for (String b : config.stateNames()) {
            Path file = state == null ? null : state.resolve(b + ".npy");
            if (file != null && Files.isRegularFile(file)) {
                INDArray a = Nd4j.createFromNpyFile(file.toFile()).castTo(p.dataType());
                if (!Arrays.equals(a.shape(), p.shape())) {
                    throw new IllegalArgumentException("state buffer " + file + " has shape " + Arrays.toString(a.shape())
                            + " but --param has shape " + Arrays.toString(p.shape()));
                }
                buffers.put(b, a);
            } else if (state != null && stepsTaken > 0) {
                throw new IllegalArgumentException("--state " + state + " records " + stepsTaken
                        + " steps but lacks " + b + ".npy");
            } else {
                buffers.put(b, Nd4j.zeros(p.dataType(), p.shape()));
            }
        }
        return stepsTaken;
    }

    private static INDArray read(Path file, String what) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(what + ": no such file " + file);
        }
        try {
            return Nd4j.createFromNpyFile(file.toFile());
        } catch (RuntimeException e) {
            throw new IOException(what + ": cannot read " + file + " as .npy (" + e.getMessage() + ")", e);
        }
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String text, String option) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(text.replace('-', '_'))) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown " + option + " '" + text + "': expected "
                + Arrays.toString(type.getEnumConstants()).toLowerCase().replace('_', '-'));
    }
}
