package dev.muonlab.cli;

import dev.muonlab.MuonLabHome;
import dev.muonlab.sweep.LocalExecutor;
import dev.muonlab.sweep.RunStore;
import dev.muonlab.sweep.Studies;
import dev.muonlab.sweep.Study;
import dev.muonlab.sweep.Sweep;
import dev.muonlab.sweep.SweepFailure;
import dev.muonlab.sweep.SweepPreset;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code muonlab sweep STUDY [--smoke|--full] [--scale K]}: runs a study's sweep on local threads with one
 * progress bar, storing each run's result under {@code <results>/<study>/<spec hash>/}; started
 * again, it skips the runs whose results are stored and verify. Prints the results table at the end.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Run a study's sweep (resumable: finished runs are stored and skipped). Studies: batch-size, critical-batch, leaderboard, update-rms, weight-decay, xmodel-switch, telescoping, width-transfer, scaling-law.")
public final class SweepCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "STUDY", description = "the study, e.g. batch-size")
    String study;

    static final class Size {
        @Option(names = "--smoke", description = "the smallest size: seconds (what the tests run)")
        boolean smoke;
        @Option(names = "--full", description = "the size of the committed results (hours on 2 cores)")
        boolean full;
    }

    @ArgGroup(exclusive = true)
    Size size;

    @Option(names = "--threads", paramLabel = "N", description = "runs in parallel (default: one per core)")
    Integer threads;

    @Option(names = "--scale", paramLabel = "K", defaultValue = "1",
            description = "multiply every run's token budget by K, for bigger machines or a GPU (default 1: the committed size)")
    int scale;

    @Option(names = "--results", paramLabel = "DIR", description = "results root (default: data/results in the checkout)")
    Path results;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Study s = Studies.byName(study);
            SweepPreset preset = size == null ? SweepPreset.DEFAULT : size.smoke ? SweepPreset.SMOKE : SweepPreset.FULL;
            LocalExecutor executor = threads == null ? LocalExecutor.perCore() : new LocalExecutor(threads);
            Path root = results != null ? results : MuonLabHome.data().resolve("results");
            RunStore store = new RunStore(root, w -> {
                err.println("warning: " + w);
                err.flush();
            });
            err.printf("sweep %s (%s%s) on %s, results in %s%n", s.name(), preset.name().toLowerCase(),
                    scale == 1 ? "" : ", scale " + scale, executor.describe(), root.resolve(s.name()));
            err.flush();
            TerminalProgressBar bar = new TerminalProgressBar(err);
            Sweep.Outcome outcome = Sweep.run(s, preset, scale, store, executor, bar);
            bar.finish();
            out.println(outcome.results().printAll());
            s.summary(preset, outcome.results(), Sweep.curves(outcome.specs(), store))
                    .ifPresent(t -> out.println(t.printAll()));
            out.printf("%d runs: %d executed, %d stored results reused%n", outcome.executed() + outcome.skipped(),
                    outcome.executed(), outcome.skipped());
            out.flush();
            return 0;
        } catch (IllegalArgumentException | SweepFailure | UncheckedIOException e) {
            err.println("sweep: " + e.getMessage() + (e instanceof SweepFailure
                    ? "; the runs that finished are stored: run the same command again to continue" : ""));
        }
        err.flush();
        return 1;
    }
}
