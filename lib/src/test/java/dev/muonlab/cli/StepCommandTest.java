package dev.muonlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine;
import dev.muonlab.optim.AdamWConfig;
import dev.muonlab.optim.Optimizer;

/** {@code muonlab step} in-process on temp files: the PyTorch fixtures reproduced, chaining, bad input. */
class StepCommandTest {

    record Result(int exit, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new MuonLabCli());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    static Path fixture(String name) {
        try {
            return Path.of(StepCommandTest.class.getResource("/fixtures/ns/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static INDArray npy(Path p) {
        return Nd4j.createFromNpyFile(p.toFile());
    }

    static double rel(INDArray a, INDArray b) {
        return a.sub(b).norm2Number().doubleValue() / b.norm2Number().doubleValue();
    }

    static Path stateWithMomentum(Path dir) throws Exception {
        Path state = Files.createDirectories(dir.resolve("state"));
        Files.copy(fixture("step_M_64x32.npy"), state.resolve("momentum.npy"));
        return state;
    }

    @Test
    void reproducesKellerAndTorchFixtures(@TempDir Path dir) throws Exception {
        Path state = stateWithMomentum(dir);
        String[][] variants = {
                {"keller_fp32", "--precision", "fp32"},
                {"torch_fp32", "--precision", "fp32", "--normalization", "torch"},
                {"keller_bf16"}};      // the default: Keller's bf16
        for (String[] v : variants) {
            Path out = dir.resolve(v[0]);
            List<String> args = new ArrayList<>(List.of("step", "--param", fixture("step_P_64x32.npy").toString(),
                    "--grad", fixture("step_G_64x32.npy").toString(), "--state", state.toString(),
                    "--weight-decay", "0.01", "--out", out.toString()));
            args.addAll(List.of(v).subList(1, v.length));
            Result r = run(args.toArray(String[]::new));
            assertEquals(0, r.exit(), r.err());
            double tol = v[0].contains("bf16") ? 2e-2 : 1e-5;
            assertTrue(rel(npy(out.resolve("param.npy")), npy(fixture("step_" + v[0] + "_P1_64x32.npy"))) < tol, v[0]);
            assertTrue(rel(npy(out.resolve("momentum.npy")), npy(fixture("step_" + v[0] + "_M1_64x32.npy"))) < 1e-5, v[0]);
            double uScale = v[0].startsWith("torch") ? Math.sqrt(2) : 1;   // torch records the bare O
            assertTrue(rel(npy(out.resolve("update.npy")), npy(fixture("step_" + v[0] + "_U_64x32.npy")).mul(uScale)) < tol, v[0]);
            assertTrue(Files.readString(out.resolve("state.properties")).contains("step=1"));
        }
    }

    @Test
    void adamWStepsChainThroughTheOutFolder(@TempDir Path dir) throws Exception {
        INDArray p = Nd4j.rand(DataType.FLOAT, 6, 4);
        Path pFile = dir.resolve("p.npy");
        Nd4j.writeAsNumpy(p, pFile.toFile());
        INDArray expected = p.dup();
        Optimizer api = Optimizer.of(new AdamWConfig(1e-3, 0.9, 0.95, 1e-10, 0.1), Map.of("w", expected));
        Path state = null;
        for (int t = 0; t < 3; t++) {
            INDArray g = Nd4j.rand(DataType.FLOAT, 6, 4).subi(0.5);
            Path gFile = dir.resolve("g" + t + ".npy");
            Nd4j.writeAsNumpy(g, gFile.toFile());
            Path out = dir.resolve("out" + t);
            List<String> args = new ArrayList<>(List.of("step", "--optimizer", "adamw", "--lr", "1e-3",
                    "--weight-decay", "0.1", "--param", pFile.toString(), "--grad", gFile.toString(), "--out", out.toString()));
            if (state != null) {
                args.addAll(List.of("--state", state.toString()));
            }
            Result r = run(args.toArray(String[]::new));
            assertEquals(0, r.exit(), r.err());
            api.step(Map.of("w", g));
            pFile = out.resolve("param.npy");
            state = out;
        }
        assertTrue(Files.readString(state.resolve("state.properties")).contains("step=3"));
        assertTrue(rel(npy(pFile), expected) < 1e-7, "CLI chain equals the API");
    }

    @Test
    void badInputGivesAMessageAndNonZeroExit(@TempDir Path dir) throws Exception {
        Path p = fixture("step_P_64x32.npy");
        Path g = fixture("step_G_64x32.npy");
        Path wide = fixture("G_32x64.npy");
        Path vector = dir.resolve("v.npy");
        Nd4j.writeAsNumpy(Nd4j.ones(DataType.FLOAT, 5), vector.toFile());
        INDArray nan = npy(g).dup();
        nan.putScalar(3, 3, Double.NaN);
        Path nanFile = dir.resolve("nan.npy");
        Nd4j.writeAsNumpy(nan, nanFile.toFile());
        String out = dir.resolve("out").toString();
        Object[][] cases = {
                {new String[] {"step", "--param", p.toString(), "--grad", wide.toString(), "--out", out}, "shape"},
                {new String[] {"step", "--param", p.toString(), "--grad", nanFile.toString(), "--out", out}, "NaN"},
                {new String[] {"step", "--param", p.toString(), "--grad", g.toString(), "--lr", "-1", "--out", out}, "learning rate"},
                {new String[] {"step", "--param", p.toString(), "--grad", g.toString(), "--momentum", "1.0", "--out", out}, "momentum"},
                {new String[] {"step", "--param", vector.toString(), "--grad", vector.toString(), "--out", out}, "AdamW"},
                {new String[] {"step", "--param", dir.resolve("missing.npy").toString(), "--grad", g.toString(), "--out", out}, "no such file"},
                {new String[] {"step", "--optimizer", "lion", "--param", p.toString(), "--grad", g.toString(), "--out", out}, "unknown --optimizer"},
                {new String[] {"step", "--adjust", "huge", "--param", p.toString(), "--grad", g.toString(), "--out", out}, "match-rms-adamw"},
                {new String[] {"step", "--optimizer", "sgd", "--param", p.toString(), "--grad", g.toString(), "--out", out}, "--lr"},
                {new String[] {"step", "--param", p.toString(), "--out", out}, "--grad"}};
        for (Object[] c : cases) {
            Result r = run((String[]) c[0]);
            assertNotEquals(0, r.exit(), String.join(" ", (String[]) c[0]));
            assertTrue(r.err().contains((String) c[1]), "stderr '" + r.err() + "' lacks '" + c[1] + "'");
        }
        assertTrue(!new File(out, "param.npy").exists(), "nothing written on bad input");
    }
}
