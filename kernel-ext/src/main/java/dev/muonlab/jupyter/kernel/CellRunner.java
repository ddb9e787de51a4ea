package dev.muonlab.jupyter.kernel;

import dev.muonlab.jupyter.magic.CellParser;
import dev.muonlab.jupyter.magic.MagicException;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Runs one cell: its code through {@link CellEvaluator} and its magics, in order.
 *
 * <p>Magics that evaluate code ({@code %time}, {@code %%time}, {@code %load}) and {@code %lsmagic} are handled
 * here, at kernel level, so that the timed or loaded code is an ordinary top-level evaluation (with line numbers,
 * interrupt and one error). Every other magic comes from jjava's {@link MagicsRegistry} ({@code %classpath},
 * {@code %maven}, and whatever extensions register) and runs on the cell thread like user code.
 */
final class CellRunner {

    /** Magics implemented by this class, with a one-line description for {@code %lsmagic}. */
    static final List<String[]> BUILTIN_LINE = List.of(
            new String[]{"time", "%time CODE: run the code and print its wall and CPU time"},
            new String[]{"load", "%load FILE: run a file of Java/JShell code"},
            new String[]{"lsmagic", "%lsmagic: list the magics"});
    static final List<String[]> BUILTIN_CELL = List.<String[]>of(
            new String[]{"time", "%%time: run the rest of the cell and print its wall and CPU time"});

    private final BaseKernel kernel;
    private final CellEvaluator evaluator;
    private final CellThreadRunner threads;
    private final MagicsRegistry registry;

    CellRunner(BaseKernel kernel, CellEvaluator evaluator, CellThreadRunner threads, MagicsRegistry registry) {
        this.kernel = kernel;
        this.evaluator = evaluator;
        this.threads = threads;
        this.registry = registry;
    }

    /**
     * @param cell  the cell's source. Not modified.
     * @param label the cell's name in messages, e.g. {@code cell [3]}
     * @return the value of the last part, {@link CellEvaluator#NO_VALUE}, or an {@link Inspection} for {@code expr?}
     * @throws CellError when any part fails; later parts do not run
     */
    Object run(String cell, String label) throws CellError {
        CellParser.Parsed parsed = CellParser.parse(cell);
        if (parsed.inspectExpr() != null) {
            return new Inspection(parsed.inspectExpr(), parsed.inspectDetail());
        }
        if (parsed.cellMagic() != null) {
            return runCellMagic(parsed.cellMagic(), label);
        }
        return runParts(parsed.parts(), label, 0);
    }

    private Object runParts(List<CellParser.Part> parts, String label, int lineOffset) throws CellError {
        Object last = CellEvaluator.NO_VALUE;
        for (CellParser.Part part : parts) {
            if (part instanceof CellParser.Code code) {
                last = evaluator.eval(code.source(), label, code.firstLine() + lineOffset);
            } else {
                last = runLineMagic((CellParser.LineMagic) part, label, lineOffset);
            }
        }
        return last;
    }

    private Object runLineMagic(CellParser.LineMagic magic, String label, int lineOffset) throws CellError {
        switch (magic.name()) {
            case "time":
                return timed(() -> evaluator.eval(magic.rawArgs(), label, magic.line() + lineOffset));
            case "load":
                return load(magic.args());
            case "lsmagic":
                return listMagics();
            default:
                if (!registry.getLineMagicNames().contains(magic.name())) {
                    throw unknown("%" + magic.name());
                }
                return callMagic("%" + magic.name(), () -> registry.evalLineMagic(kernel, magic.name(), magic.args()));
        }
    }

    private Object runCellMagic(CellParser.CellMagic magic, String label) throws CellError {
        if (magic.name().equals("time")) {
            CellParser.Parsed body = CellParser.parse(magic.body());
            return timed(() -> runParts(body.parts(), label, magic.bodyFirstLine() - 1));
        }
        if (!registry.getCellMagicNames().contains(magic.name())) {
            throw unknown("%%" + magic.name());
        }
        return callMagic("%%" + magic.name(),
                () -> registry.evalCellMagic(kernel, magic.name(), magic.args(), magic.body()));
    }

    private interface Body {
        Object run() throws CellError;
    }

    private interface MagicCall {
        Object call() throws Exception;
    }

    private Object timed(Body body) throws CellError {
        long cpu0 = threads.cellThreadCpuNanos();
        long t0 = System.nanoTime();
        Object value = body.run();
        long wall = System.nanoTime() - t0;
        long cpu1 = threads.cellThreadCpuNanos();
        String cpu = cpu0 >= 0 && cpu1 >= cpu0 ? ", CPU time (cell thread): " + formatDuration(cpu1 - cpu0) : "";
        System.out.println("Wall time: " + formatDuration(wall) + cpu);
        return value;
    }

    private Object callMagic(String name, MagicCall call) throws CellError {
        Object value;
        try {
            value = threads.call(call::call);
        } catch (MagicException e) {
            throw CellError.simple(e.errorName(), e.getMessage());
        } catch (CellInterruptedError e) {
            throw CellError.simple("Interrupted", e.getMessage());
        } catch (Exception | LinkageError | AssertionError | StackOverflowError | OutOfMemoryError e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            if (root instanceof MagicException m) {
                throw CellError.simple(m.errorName(), m.getMessage());
            }
            throw CellError.simple("MagicError", name + " failed: " + root);
        }
        return value == null ? CellEvaluator.NO_VALUE : value;
    }

    private Object load(List<String> args) throws CellError {
        if (args.size() != 1) {
            throw CellError.simple("UsageError", "usage: %load FILE (one file of Java/JShell code)");
        }
        Path file = Path.of(args.get(0)).toAbsolutePath();
        String source;
        try {
            source = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw CellError.simple("FileNotFoundError", "%load: cannot read " + file + " (" + e + ")");
        }
        return runParts(CellParser.parse(source).parts(), file.getFileName().toString(), 0);
    }

    private String listMagics() {
        StringBuilder sb = new StringBuilder("Line magics:\n");
        for (String name : lineMagicNames()) {
            sb.append("  %").append(name).append('\n');
        }
        sb.append("Cell magics:\n");
        for (String name : cellMagicNames()) {
            sb.append("  %%").append(name).append('\n');
        }
        sb.append("Pager: a one-line cell EXPR? shows the signature, type and Javadoc of EXPR; EXPR?? every overload's.");
        return sb.toString();
    }

    private TreeSet<String> lineMagicNames() {
        TreeSet<String> names = new TreeSet<>(registry.getLineMagicNames());
        BUILTIN_LINE.forEach(m -> names.add(m[0]));
        return names;
    }

    private TreeSet<String> cellMagicNames() {
        TreeSet<String> names = new TreeSet<>(registry.getCellMagicNames());
        BUILTIN_CELL.forEach(m -> names.add(m[0]));
        return names;
    }

    private CellError unknown(String magic) {
        return CellError.simple("UnknownMagic", magic + " is not a magic. Line magics: %"
                + String.join(", %", lineMagicNames()) + ". Cell magics: %%" + String.join(", %%", cellMagicNames())
                + ".");
    }

    /**
     * @param nanos a duration
     * @return it in ns, µs, ms or s with 3 significant digits
     */
    static String formatDuration(long nanos) {
        if (nanos < 1_000) {
            return nanos + " ns";
        }
        double v;
        String unit;
        if (nanos < 1_000_000) {
            v = nanos / 1e3;
            unit = "µs";
        } else if (nanos < 1_000_000_000) {
            v = nanos / 1e6;
            unit = "ms";
        } else {
            v = nanos / 1e9;
            unit = "s";
        }
        String fmt = v >= 100 ? "%.0f %s" : v >= 10 ? "%.1f %s" : "%.2f %s";
        return String.format(Locale.ROOT, fmt, v, unit);
    }

    /**
     * The request {@code expr?}: show the inspection of {@code expr}.
     *
     * @param expr   the expression
     * @param detail 0 or 1
     */
    record Inspection(String expr, int detail) {
    }
}
