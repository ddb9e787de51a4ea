package dev.muonlab.bench;

import dev.muonlab.gpt.DataSplit;
import dev.muonlab.gpt.Gpt;
import dev.muonlab.gpt.GptConfig;
import dev.muonlab.train.Checkpoint;
import dev.muonlab.train.Recipes;
import dev.muonlab.train.TrainConfig;
import dev.muonlab.train.Trainer;
import dev.muonlab.train.ValidationSet;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Path;
import java.util.Map;

/**
 * The validation side of the PyTorch cross-check ({@code lib/src/bench/gpt/reference.sh}).
 *
 * <p>{@code GptEvaluate offsets [preset] [count]} prints the row starts of the trainer's fixed
 * validation batches ({@link ValidationSet#offsets}), one batch per line, for
 * {@code torch_gpt.py train --val-offsets}. {@code GptEvaluate RUN_DIR...} loads each run's final
 * checkpoint and prints {@code run=… step=… val_fixed=… val_full=…}: the loss on those fixed batches
 * and over the whole validation split ({@link ValidationSet#fullPassLoss}).
 * {@code GptEvaluate lockstep SEED STEPS DIR [TRAIN_STEPS]}: see {@link #lockstep}.
 */
public final class GptEvaluate {

    private GptEvaluate() {
    }

    /**
     * Writes what the PyTorch reference needs to train in lockstep with this trainer (baby-cpu,
     * AdamW, nanoGPT's 2000-step schedule): the initial parameters ({@code DIR/init/NAME.npy}) and
     * the row starts of the first {@code steps} training batches ({@code DIR/train_offsets.txt}),
     * then trains {@code trainSteps} steps and prints {@code step=… train_loss=…} per step.
     */
    static void lockstep(DataSplit split, long seed, int steps, Path dir, int trainSteps) {
        GptConfig config = GptConfig.babyCpu();
        TrainConfig tc = TrainConfig.nanoGpt(config, dev.muonlab.train.OptimizerChoice.ADAMW, 2000, seed);
        Trainer trainer = Trainer.create(tc, split, null);
        try {
            java.nio.file.Files.createDirectories(dir.resolve("init"));
            for (Map.Entry<String, INDArray> e : trainer.model().parameters().asMap().entrySet()) {
                org.nd4j.linalg.factory.Nd4j.writeAsNumpy(e.getValue(), dir.resolve("init").resolve(e.getKey() + ".npy").toFile());
            }
            StringBuilder offsets = new StringBuilder();
            for (int step = 0; step < steps; step++) {
                int[] starts = dev.muonlab.gpt.Batch.offsets(split.train().length, config.batchSize(), config.blockSize(),
                        new java.util.SplittableRandom(dev.muonlab.gpt.StepSeeds.mix(seed, step)));
                offsets.append(java.util.Arrays.stream(starts).mapToObj(Integer::toString)
                        .collect(java.util.stream.Collectors.joining(" "))).append('\n');
            }
            java.nio.file.Files.writeString(dir.resolve("train_offsets.txt"), offsets);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        trainer.run((done, total, message) -> { }, (t, step, evaluated) -> {
            if (step >= trainSteps) {
                t.requestStop();
            }
        });
        var m = trainer.log().metrics();
        for (int i = 0; i < m.rowCount(); i++) {
            System.out.printf("step=%d train_loss=%.6f%n", m.intColumn("step").getInt(i), m.doubleColumn("train_loss").getDouble(i));
        }
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: GptEvaluate offsets [preset] [count] | GptEvaluate RUN_DIR...");
            System.exit(2);
        }
        DataSplit split = DataSplit.tinyShakespeare();
        if (args[0].equals("offsets")) {
            GptConfig config = GptConfig.preset(args.length > 1 ? args[1] : "baby-cpu");
            int count = args.length > 2 ? Integer.parseInt(args[2]) : 20;
            System.out.printf("# fixed validation batches of Muon Lab's trainer: preset %s, B=%d, T=%d, seed %d, "
                            + "validation split of %d tokens; one batch per line, row start offsets%n", config.name(),
                    config.batchSize(), config.blockSize(), TrainConfig.EVAL_SEED, split.validation().length);
            for (int[] starts : ValidationSet.offsets(split.validation().length, config.batchSize(), config.blockSize(), count)) {
                StringBuilder line = new StringBuilder();
                for (int s : starts) {
                    line.append(line.length() == 0 ? "" : " ").append(s);
                }
                System.out.println(line);
            }
            return;
        }
        if (args[0].equals("lockstep")) {
            int steps = Integer.parseInt(args[2]);
            lockstep(split, Long.parseLong(args[1]), steps, Path.of(args[3]), args.length > 4 ? Integer.parseInt(args[4]) : steps);
            return;
        }
        for (String dir : args) {
            Path out = Path.of(dir);
            TrainConfig config = Trainer.readConfig(out);
            Gpt model = Gpt.create(config.model(), DataType.FLOAT, config.seed());
            Map<String, INDArray> live = model.parameters().asMap();
            Checkpoint cp = Checkpoint.load(out, live, config.seed(), Recipes.optimizer(config, live));
            cp.params().forEach((name, saved) -> live.get(name).assign(saved));
            int B = config.model().batchSize();
            int T = config.model().blockSize();
            double fixed = ValidationSet.meanLoss(model, ValidationSet.fixedBatches(split.validation(), B, T, config.evalBatches()));
            double full = ValidationSet.fullPassLoss(model, split.validation(), B, T);
            System.out.printf("run=%s optimizer=%s seed=%d step=%d val_fixed=%.4f val_full=%.4f%n", dir,
                    config.optimizer(), config.seed(), cp.step(), fixed, full);
        }
    }
}
