package dev.muonlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.muonlab.io.MatrixFiles;
import dev.muonlab.ns.Fixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine;

/** {@code muonlab orthogonalize}, run in-process through picocli on temporary files. */
class OrthogonalizeCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new MuonLabCli());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        String[] all = new String[args.length + 1];
        all[0] = "orthogonalize";
        System.arraycopy(args, 0, all, 1, args.length);
        return cli.execute(all);
    }

    @Test
    void defaultsReproduceKellerFp32() throws Exception {
        Path o = dir.resolve("O.npy");
        assertEquals(0, run("--in", Fixtures.file("G_96x48.npy").toString(), "--out", o.toString(), "--report", "--time", "2"), err.toString());
        INDArray O = MatrixFiles.read(o);
        assertEquals(DataType.FLOAT, O.dataType());
        assertTrue(Fixtures.relFro(O, Fixtures.npy("NS5_fp32_96x48")) < 1e-5);
        assertTrue(out.toString().contains("orthogonality δ"), out.toString());
        assertTrue(out.toString().contains("median"), out.toString());
    }

    @Test
    void fp64Bf16CsvAndSvd() throws Exception {
        Path in64 = dir.resolve("G64.npy");
        MatrixFiles.write(in64, Fixtures.npy("G_32x64").castTo(DataType.DOUBLE));
        Path o = dir.resolve("O64.npy");
        assertEquals(0, run("--in", in64.toString(), "--out", o.toString(), "--precision", "fp64"), err.toString());
        assertTrue(Fixtures.relFro(MatrixFiles.read(o), Fixtures.npy("NS5_fp64_32x64")) < 1e-10);
        Path ob = dir.resolve("Ob.csv");
        assertEquals(0, run("--in", Fixtures.file("G_32x64.csv").toString(), "--out", ob.toString(), "--precision", "bf16"), err.toString());
        assertTrue(Fixtures.relFro(MatrixFiles.read(ob), Fixtures.npy("NS5_bf16_emul_32x64")) < 1e-2);
        Path os = dir.resolve("Os.npy");
        assertEquals(0, run("--in", in64.toString(), "--out", os.toString(), "--schedule", "svd"), err.toString());
        INDArray P = MatrixFiles.read(os);
        assertTrue(P.mmul(P.transpose()).sub(Nd4j.eye(32)).amaxNumber().doubleValue() < 1e-12);
        Path op = dir.resolve("Op.npy");
        assertEquals(0, run("--in", in64.toString(), "--out", op.toString(), "--schedule", "polar-express:d=5,l=1e-3,steps=8",
                "--norm", "safety:1.01", "--steps", "9"), err.toString());
    }

    /** fp64 arithmetic on a float32 file: float32 out by default, float64 with --out-dtype fp64, and the
     *  fp64 result then matches PyTorch's fp64 NS5 fixture to fp64 accuracy, which float32 out cannot. */
    @Test
    void outDtypeChoosesTheFilesTypeNotTheArithmetic() throws Exception {
        Path in32 = dir.resolve("G32.npy");
        MatrixFiles.write(in32, Fixtures.npy("G_32x64").castTo(DataType.FLOAT));
        Path kept = dir.resolve("kept.npy");
        assertEquals(0, run("--in", in32.toString(), "--out", kept.toString(), "--precision", "fp64"), err.toString());
        assertEquals(DataType.FLOAT, MatrixFiles.read(kept).dataType());
        Path wide = dir.resolve("wide.npy");
        assertEquals(0, run("--in", in32.toString(), "--out", wide.toString(), "--precision", "fp64", "--out-dtype", "fp64"), err.toString());
        INDArray O = MatrixFiles.read(wide);
        assertEquals(DataType.DOUBLE, O.dataType());
        // the input was rounded to fp32 (relative 6e-8), so the fp64 result sits that close to the fp64 fixture
        assertTrue(Fixtures.relFro(O, Fixtures.npy("NS5_fp64_32x64")) < 1e-5);
        assertTrue(Fixtures.relFro(O, MatrixFiles.read(kept).castTo(DataType.DOUBLE)) < 2e-7, "the same result, rounded to fp32");
        assertEquals(1, run("--in", in32.toString(), "--out", dir.resolve("x.npy").toString(), "--out-dtype", "int8"));
        assertTrue(err.toString().contains("--out-dtype must be input, fp32 or fp64"), err.toString());
        assertFalse(Files.exists(dir.resolve("x.npy")));
    }

    @Test
    void badInputFailsClearlyAndLeavesNoOutput() throws Exception {
        Path o = dir.resolve("O.npy");
        assertEquals(1, run("--in", dir.resolve("nope.npy").toString(), "--out", o.toString()));
        assertTrue(err.toString().contains("no such file"), err.toString());
        Path nan = dir.resolve("nan.csv");
        Files.writeString(nan, "1,2\nnan,4\n");
        assertEquals(1, run("--in", nan.toString(), "--out", o.toString()));
        assertTrue(err.toString().contains("NaN"), err.toString());
        Path vec = dir.resolve("v.npy");
        MatrixFiles.write(vec, Nd4j.createFromArray(1.0, 2.0, 3.0));
        assertEquals(1, run("--in", vec.toString(), "--out", o.toString()));
        assertTrue(err.toString().contains("2-D"), err.toString());
        assertEquals(1, run("--in", Fixtures.file("G_8x4.npy").toString(), "--out", o.toString(), "--schedule", "bogus"));
        assertTrue(err.toString().contains("unknown schedule"), err.toString());
        assertEquals(1, run("--in", Fixtures.file("G_8x4.npy").toString(), "--out", o.toString(), "--precision", "fp8"));
        assertFalse(Files.exists(o));
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
        assertEquals(2, run("--out", o.toString()));   // usage error: --in missing
    }
}
