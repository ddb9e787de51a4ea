package dev.muonlab.cli;

import dev.muonlab.io.MatrixFiles;
import dev.muonlab.ns.ExactPolar;
import dev.muonlab.ns.MatrixChecks;
import dev.muonlab.ns.NewtonSchulzOrthogonalizer;
import dev.muonlab.ns.Normalization;
import dev.muonlab.ns.NsConfig;
import dev.muonlab.ns.NsDiagnostics;
import dev.muonlab.ns.Precision;
import dev.muonlab.ns.Schedule;
import dev.muonlab.ns.ScheduleSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code muonlab orthogonalize --in G.npy --out O.npy [...]}: Newton-Schulz (or the exact polar
 * factor) of a matrix file. Defaults reproduce Keller Jordan's {@code zeropower_via_newtonschulz5}
 * (his coefficients, 5 steps, X/(‖X‖_F + 1e−7)) in fp32. The output keeps the input's float type
 * unless {@code --out-dtype} says otherwise: {@code --precision} is the arithmetic, not the file's
 * type, so a float32 file orthogonalized in fp64 is written as float32 by default. The output is
 * written to a temporary file and moved into place only on success.
 */
@Command(name = "orthogonalize", mixinStandardHelpOptions = true,
        description = "Orthogonalize a matrix (.npy float32/float64 or .csv) by Newton-Schulz: G = U S V^T -> ~U V^T.")
public final class OrthogonalizeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--in", required = true, paramLabel = "G.npy", description = "input matrix (.npy or .csv)")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "O.npy", description = "output matrix (.npy or .csv)")
    Path out;

    @Option(names = "--schedule", defaultValue = "keller", paramLabel = "NAME",
            description = "keller | cubic | quintic | taylor:K | you | polar-express | "
                    + "polar-express:d=D,l=L,steps=Q | custom:\"a,b,c;a,b,c\" | svd (exact polar). Default: ${DEFAULT-VALUE}")
    String schedule;

    @Option(names = "--steps", paramLabel = "Q", description = "number of steps (cuts or extends the schedule)")
    Integer steps;

    @Option(names = "--precision", defaultValue = "fp32", paramLabel = "P", description = "fp64 | fp32 | bf16. Default: ${DEFAULT-VALUE}")
    String precision;

    @Option(names = "--norm", paramLabel = "N",
            description = "frobenius | torch | safety:F | spectral | none. Default: frobenius (safety:1.01 for polar-express)")
    String norm;

    @Option(names = "--out-dtype", defaultValue = "input", paramLabel = "T",
            description = "the output's float type: input (the input file's), fp32 or fp64. --precision sets the "
                    + "arithmetic only, so fp64 arithmetic on a float32 file writes float32 unless T is fp64. Default: ${DEFAULT-VALUE}")
    String outDtype;

    @Option(names = "--report", description = "print diagnostics: singular values, δ, ε, distance to U V^T, RMS, cost")
    boolean report;

    @Option(names = "--time", paramLabel = "R", description = "also time R runs after a warm-up and print the median ms")
    Integer time;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter outw = spec.commandLine().getOut();
        try {
            INDArray G = MatrixFiles.read(in);
            DataType outType = outputType(outDtype, G.dataType());
            MatrixChecks.requireFiniteMatrix(G, in.toString());
            boolean svd = schedule.trim().equalsIgnoreCase("svd");
            NsConfig config = svd ? null : config();
            NewtonSchulzOrthogonalizer ns = svd ? null : config.orthogonalizer();
            INDArray O = svd ? ExactPolar.polar(G) : ns.orthogonalize(G);
            MatrixFiles.write(out, O.dataType() == outType ? O : O.castTo(outType));
            if (report) {
                outw.printf(Locale.ROOT, "input %s  %s %s%n", in, Arrays.toString(G.shape()), G.dataType());
                outw.println(svd ? "method  exact polar factor (LAPACK dgesdd)"
                        : "method  " + ns);
                outw.print(NsDiagnostics.of(G, O, svd ? null : config.schedule()).report());
            }
            if (time != null) {
                if (time < 1) {
                    throw new IllegalArgumentException("--time needs R >= 1, got " + time);
                }
                Runnable run = svd ? () -> ExactPolar.polar(G) : () -> ns.orthogonalize(G);
                run.run();
                double[] t = new double[time];
                for (int i = 0; i < time; i++) {
                    long t0 = System.nanoTime();
                    run.run();
                    t[i] = (System.nanoTime() - t0) / 1e6;
                }
                Arrays.sort(t);
                outw.printf(Locale.ROOT, "median %.3f ms over %d runs%n", t[time / 2], time);
            }
            outw.flush();
            return 0;
        } catch (NoSuchFileException e) {
            err.println("error: cannot read " + e.getFile() + ": no such file");
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
        } catch (IllegalArgumentException | ArithmeticException e) {
            err.println("error: " + e.getMessage());
        }
        err.flush();
        return 1;
    }

    /** The output file's type for {@code --out-dtype}: {@code input} keeps the input file's type. */
    static DataType outputType(String name, DataType inputType) {
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "input": return inputType;
            case "fp32": case "float32": return DataType.FLOAT;
            case "fp64": case "float64": return DataType.DOUBLE;
            default: throw new IllegalArgumentException("--out-dtype must be input, fp32 or fp64, got '" + name + "'");
        }
    }

    private NsConfig config() {
        Schedule s = ScheduleSpec.parse(schedule, steps);
        boolean pe = schedule.trim().toLowerCase(Locale.ROOT).startsWith("polar");
        Normalization n = norm != null ? Normalization.parse(norm) : pe ? Normalization.safety(1.01) : Normalization.keller();
        return new NsConfig(s, n, Precision.parse(precision));
    }
}
