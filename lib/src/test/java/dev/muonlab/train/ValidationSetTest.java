package dev.muonlab.train;

import dev.muonlab.gpt.Batch;
import dev.muonlab.gpt.DataSplit;
import dev.muonlab.gpt.Gpt;
import dev.muonlab.gpt.GptConfig;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The trainer's fixed validation batches, the offsets file the PyTorch reference reads, and the full pass. */
class ValidationSetTest {

    private static final GptConfig TINY = new GptConfig("tiny", 7, 1, 1, 4, 5, 3, 0, false, true);

    @Test
    void fixedBatchesAreTheBatchesAtTheirOffsets() {
        int[] stream = new int[500];
        for (int i = 0; i < stream.length; i++) {
            stream[i] = i % 7;
        }
        List<Batch> batches = ValidationSet.fixedBatches(stream, 3, 5, 4);
        int[][] starts = ValidationSet.offsets(stream.length, 3, 5, 4);
        for (int b = 0; b < 4; b++) {
            // the same draws as nanoGPT-style sampling with the eval seed's b-th generator
            assertArrayEquals(Batch.sampleAt(stream, 3, 5, TrainConfig.EVAL_SEED, b).x(), batches.get(b).x());
            for (int r = 0; r < 3; r++) {
                assertEquals(stream[starts[b][r] + 2], batches.get(b).x()[r * 5 + 2]);
                assertEquals(stream[starts[b][r] + 3], batches.get(b).y()[r * 5 + 2], "targets are shifted by one");
            }
        }
    }

    @Test
    void committedOffsetsFileIsTheTrainersValidationSet() throws IOException {
        // lib/src/bench/gpt/val_offsets_baby_cpu.txt is what torch_gpt.py evaluates on: it must stay in step
        Path file = Path.of("src/bench/gpt/val_offsets_baby_cpu.txt");
        List<int[]> rows = Files.readAllLines(file).stream().filter(l -> !l.startsWith("#") && !l.isBlank())
                .map(l -> Arrays.stream(l.trim().split(" ")).mapToInt(Integer::parseInt).toArray()).toList();
        int[][] expected = ValidationSet.offsets(DataSplit.tinyShakespeare().validation().length, 12, 64, 20);
        assertEquals(expected.length, rows.size());
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], rows.get(i), "batch " + i);
        }
    }

    @Test
    void fullPassIsTheTokenWeightedMeanOverEveryWindowWhateverTheGrouping() {
        int[] stream = new SplittableRandom(5).ints(63, 0, 7).toArray();    // (63 − 1)/5 = 12 windows of 5
        Gpt model = Gpt.create(TINY, DataType.DOUBLE, 3);
        double sum = 0;
        for (int w = 0; w < 12; w++) {
            sum += model.loss(Batch.at(stream, new int[]{w * 5}, 5), false);
        }
        double expected = sum / 12;
        assertEquals(expected, ValidationSet.fullPassLoss(model, stream, 1, 5), 1e-12);
        assertEquals(expected, ValidationSet.fullPassLoss(model, stream, 5, 5), 1e-12, "groups of 5, 5 and 2 windows");
        assertEquals(60, ValidationSet.fullPassTokens(63, 5));
        // Tiny Shakespeare's validation split: 1,742 windows of 64, i.e. 111,488 of its 111,540 tokens predicted
        assertEquals(111_488, ValidationSet.fullPassTokens(111_540, 64));
    }

    @Test
    void rowsThatRunPastTheStreamAreRefused() {
        int[] stream = new int[10];
        assertThrows(IllegalArgumentException.class, () -> Batch.at(stream, new int[]{5}, 5));
        assertEquals(5, Batch.at(stream, new int[]{4}, 5).x().length);
    }
}
