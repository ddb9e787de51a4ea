package dev.muonlab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.muonlab.gpt.AttentionOps;
import dev.muonlab.gpt.DataSplit;
import dev.muonlab.gpt.GptConfig;
import dev.muonlab.gpt.NativeThreads;
import dev.muonlab.io.CorruptFileException;
import dev.muonlab.optim.QkClip;
import dev.muonlab.progress.ProgressListener;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import tech.tablesaw.api.Table;

/**
 * The attention logits the trainer watches (issue 19: QK-clip's S_h, logged per layer in
 * {@code metrics.csv}) and MuonClip's rescaling in a real run, against {@link QkClip}'s
 * straightforward q·kᵀ and against a run without the clip.
 */
class AttentionLogitTrainingTest {

    private static final DataSplit DATA = DataSplit.tinyShakespeare();
    private static final GptConfig SMALL = new GptConfig("small-test", 65, 2, 2, 32, 16, 8, 0.0, false, true);
    /** float32 scores against QkClip's fp64 recomputation from the same float32 qkv. */
    private static final double FLOAT_TOL = 1e-5;

    private static int previousThreads;

    @TempDir
    Path dir;

    @BeforeAll
    static void oneThread() {
        previousThreads = NativeThreads.set(1);
    }

    @AfterAll
    static void restoreThreads() {
        NativeThreads.set(previousThreads);
    }

    @Test
    void theForwardPassRecordsEachHeadsLargestCausalLogitAsQkClipComputesIt() {
        int B = 3, T = 5, nh = 2, C = 8;
        Nd4j.getRandom().setSeed(7);
        INDArray qkv = Nd4j.randn(DataType.FLOAT, B * T, 3 * C).muli(2);
        double[] tracked = new double[nh];
        AttentionOps.forward(qkv, B, T, nh, 0.0, new AttentionOps.Cache[1], tracked);
        double[] direct = QkClip.maxLogits(qkv.castTo(DataType.DOUBLE), B, nh);
        assertArrayEquals(direct, tracked, FLOAT_TOL * Math.max(1, Math.abs(direct[0])));
    }

    @Test
    void metricsCsvLogsEachLayersMaxLogitAndMuonClipScalesQueryAndKeyRowsBySqrtTauOverS() {
        TrainConfig c = TrainConfig.nanoGpt(SMALL, OptimizerChoice.MUON_CLIP, 1, 3).withEval(1, 1);
        Trainer plain = Trainer.create(c, DATA, null).clipAttentionLogits(Double.NaN);
        plain.run(ProgressListener.NONE, TrainObserver.NONE);
        Trainer clipped = Trainer.create(c, DATA, dir.resolve("clip"));
        double tau = 0.5 * java.util.Arrays.stream(plain.lastAttentionMaxLogits()).flatMapToDouble(java.util.Arrays::stream)
                .min().orElseThrow();                       // half the smallest S_h: every head is clipped
        clipped.clipAttentionLogits(tau).run(ProgressListener.NONE, TrainObserver.NONE);

        double[][] s = clipped.lastAttentionMaxLogits();
        assertArrayEquals(s[0], plain.lastAttentionMaxLogits()[0], 0, "same init and batch: same logits");
        Table m = TrainLog.load(dir.resolve("clip")).metrics();
        for (int l = 0; l < SMALL.nLayer(); l++) {
            assertEquals(Math.max(s[l][0], s[l][1]), m.doubleColumn(TrainLog.maxLogitColumn(l)).getDouble(0), 0);
            INDArray w = clipped.model().parameters().asMap().get("transformer.h." + l + ".attn.c_attn.weight");
            INDArray ref = plain.model().parameters().asMap().get("transformer.h." + l + ".attn.c_attn.weight");
            int C = SMALL.nEmbd(), hs = C / SMALL.nHead();
            for (int h = 0; h < SMALL.nHead(); h++) {
                assertTrue(s[l][h] > tau, "the test needs every head over τ");
                double r = Math.sqrt(tau / s[l][h]);
                for (int offset : new int[] {0, C}) {              // q rows, then k rows, of head h
                    INDArray got = w.get(NDArrayIndex.interval(offset + h * hs, offset + (h + 1) * hs), NDArrayIndex.all());
                    INDArray want = ref.get(NDArrayIndex.interval(offset + h * hs, offset + (h + 1) * hs), NDArrayIndex.all()).mul(r);
                    assertEquals(0.0, got.sub(want).amaxNumber().doubleValue(), 1e-6, "layer " + l + " head " + h);
                }
            }
            INDArray v = w.get(NDArrayIndex.interval(2 * C, 3 * C), NDArrayIndex.all());
            assertEquals(0.0, v.sub(ref.get(NDArrayIndex.interval(2 * C, 3 * C), NDArrayIndex.all())).amaxNumber().doubleValue(), 0,
                    "v rows untouched");
        }
    }

    @Test
    void logsWrittenBeforeTheLogitColumnsStillLoadAndAWrongLogitHeaderIsRefused() throws Exception {
        Path old = dir.resolve("old");
        Files.createDirectories(old);
        Files.writeString(old.resolve(TrainLog.METRICS_CSV),
                "step,train_loss,val_loss,lr,grad_norm,tokens_per_s,elapsed_s\n1,4.1,,0.001,1.5,900.0,0.5\n",
                StandardCharsets.UTF_8);
        new TrainLog().save(dir.resolve("empty"));
        Files.copy(dir.resolve("empty").resolve(TrainLog.PARAMETERS_CSV), old.resolve(TrainLog.PARAMETERS_CSV));
        TrainLog loaded = TrainLog.load(old);
        assertEquals(0, loaded.maxLogitLayers());
        loaded.addStep(2, 4.0, Double.NaN, 1e-3, 1.4, 900, 1.0, new double[] {3.0, 4.0});   // ignored: no columns
        assertEquals(7, loaded.metrics().columnCount());

        TrainLog fresh = new TrainLog(2);
        fresh.addStep(1, 4.1, 4.2, 1e-3, 1.5, 900, 0.5, new double[] {3.5, 7.25});
        fresh.save(dir.resolve("new"));
        Table back = TrainLog.load(dir.resolve("new")).metrics();
        assertEquals(List.of(3.5, 7.25), List.of(back.doubleColumn("max_logit_0").getDouble(0),
                back.doubleColumn("max_logit_1").getDouble(0)));
        assertThrows(IllegalArgumentException.class, () -> fresh.addStep(2, 4, 4, 1e-3, 1, 1, 1, new double[] {1}));

        Path bad = dir.resolve("bad");
        Files.createDirectories(bad);
        Files.writeString(bad.resolve(TrainLog.METRICS_CSV),
                "step,train_loss,val_loss,lr,grad_norm,tokens_per_s,elapsed_s,max_logit_1\n1,4.1,,0.001,1.5,900.0,0.5,3\n");
        CorruptFileException e = assertThrows(CorruptFileException.class,
                () -> TrainLogFiles.readMetrics(bad.resolve(TrainLog.METRICS_CSV)));
        assertTrue(e.getMessage().contains("does not start with the header"), e.getMessage());
    }
}
