package dev.muonlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code muonlab step} with the 2026 variants reproduces the PyTorch float64 reference runs of
 * fixtures/toolbox (three chained steps through the out folder), and the NS options (--gram, --blocks,
 * --schedule dion, --normalization aol) are accepted.
 */
class StepToolboxTest {

    /** float64 on both sides; .npy round trips are exact. */
    static final double TOLERANCE = 1e-10;

    static Path fixture(String name) {
        try {
            return Path.of(StepToolboxTest.class.getResource("/fixtures/toolbox/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs three chained steps and returns the final parameter. */
    static INDArray threeSteps(Path dir, String shape, String... options) {
        INDArray G = Nd4j.createFromNpyFile(fixture("G_" + shape + ".npy").toFile());
        Path param = fixture("P0_" + shape + ".npy");
        Path state = null;
        for (int t = 0; t < 3; t++) {
            Path g = dir.resolve("g" + t + ".npy");
            try {
                Nd4j.writeAsNumpy(G.slice(t).dup(), g.toFile());
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            Path out = dir.resolve("out" + t);
            List<String> args = new ArrayList<>(List.of("step", "--param", param.toString(), "--grad", g.toString(),
                    "--out", out.toString(), "--precision", "fp64", "--lr", "0.05", "--momentum", "0.9",
                    "--weight-decay", "0.3"));
            if (state != null) {
                args.addAll(List.of("--state", state.toString()));
            }
            args.addAll(List.of(options));
            StepCommandTest.Result r = StepCommandTest.run(args.toArray(String[]::new));
            assertEquals(0, r.exit(), r.err());
            param = out.resolve("param.npy");
            state = out;
        }
        return Nd4j.createFromNpyFile(param.toFile());
    }

    @Test
    void variantsReproduceTheTorchRuns(@TempDir Path dir) throws Exception {
        String[][] runs = {
                {"normuon", "--optimizer", "normuon"},
                {"normuon_cautious", "--optimizer", "normuon", "--weight-decay-mode", "cautious"},
                {"adamuon", "--optimizer", "adamuon"},
                {"polargrad", "--optimizer", "polargrad"},
                {"muon_cautious", "--optimizer", "muon-cautious-wd"}};
        for (String shape : new String[] {"wide", "tall"}) {
            for (String[] run : runs) {
                Path d = java.nio.file.Files.createDirectories(dir.resolve(run[0] + "_" + shape));
                INDArray p = threeSteps(d, shape, List.of(run).subList(1, run.length).toArray(String[]::new));
                INDArray expected = Nd4j.createFromNpyFile(fixture(run[0] + "_" + shape + "_P3.npy").toFile());
                double e = StepCommandTest.rel(p, expected);
                assertTrue(e < TOLERANCE, run[0] + " " + shape + ": relative error " + e);
            }
        }
    }

    @Test
    void nsOptionsAreAccepted(@TempDir Path dir) throws Exception {
        String[][] options = {{"--gram"}, {"--blocks", "2,4"}, {"--schedule", "dion"}, {"--normalization", "aol", "--schedule", "aol"},
                {"--normalization", "schatten4"}, {"--optimizer", "spectral-descent"}, {"--optimizer", "scale"}};
        int i = 0;
        for (String[] o : options) {
            Path d = java.nio.file.Files.createDirectories(dir.resolve("o" + i++));
            INDArray p = threeSteps(d, "wide", o);
            assertTrue(Double.isFinite(p.sumNumber().doubleValue()), String.join(" ", o));
        }
    }
}
