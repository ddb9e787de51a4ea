package dev.muonlab.bench;

import dev.muonlab.gpt.Batch;
import dev.muonlab.gpt.DataSplit;
import dev.muonlab.gpt.Gpt;
import dev.muonlab.gpt.GptConfig;
import org.nd4j.linalg.api.buffer.DataType;

/** Scratch timing of forward+backward on a preset (no optimizer): prints ms per step. */
public final class GptStepTiming {
    public static void main(String[] args) {
        GptConfig config = GptConfig.preset(args.length > 0 ? args[0] : "baby-cpu");
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        DataSplit split = DataSplit.tinyShakespeare();
        Gpt model = Gpt.create(config, DataType.FLOAT, 1);
        for (int s = 0; s < steps + 5; s++) {
            if (s == 5) {
                t0 = System.nanoTime();
            }
            Batch b = Batch.sampleAt(split.train(), config.batchSize(), config.blockSize(), 1, s);
            double loss = model.lossAndGradients(b, true);
            if (s == 0) System.out.println("loss0 " + loss);
        }
        double ms = (System.nanoTime() - t0) / 1e6 / steps;
        System.out.printf("%s: %.2f ms/step, %.0f tokens/s%n", config.name(), ms, config.tokensPerStep() / ms * 1000);
    }
    static long t0;
}
