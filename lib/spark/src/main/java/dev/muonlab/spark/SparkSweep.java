package dev.muonlab.spark;

import dev.muonlab.MuonLabHome;
import dev.muonlab.sweep.RunStore;
import dev.muonlab.sweep.Studies;
import dev.muonlab.sweep.Study;
import dev.muonlab.sweep.Sweep;
import dev.muonlab.sweep.SweepFailure;
import dev.muonlab.sweep.SweepPreset;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The main class for {@code spark-submit}: runs a study's sweep with {@link SparkExecutor}, one Spark
 * task per run, into the store at {@code --results} on the driver's machine. The driver decides what is
 * pending from that store, so the sweep resumes from whatever a local {@code ./muonlab sweep} or an
 * earlier cluster run stored there, and stores each result as its task ends. The master comes from
 * spark-submit ({@code --master}); without one (a plain {@code java} start) it is {@code local[*]}.
 */
@Command(name = "SparkSweep", mixinStandardHelpOptions = true,
        description = "Run a study's sweep on Apache Spark, one task per run (resumable: stored runs are skipped).")
public final class SparkSweep implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "STUDY", description = "the study: batch-size, critical-batch, leaderboard")
    String study;

    @Option(names = "--preset", paramLabel = "SIZE", defaultValue = "default", description = "smoke, default or full (default: default)")
    String preset;

    @Option(names = "--scale", paramLabel = "K", defaultValue = "1", description = "multiply every run's token budget by K (default 1)")
    int scale;

    @Option(names = "--results", paramLabel = "DIR",
            description = "results root on the driver's machine (default: data/results of the Muon Lab checkout)")
    Path results;

    /** Parses the arguments, runs the sweep and exits with its status. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new SparkSweep()).execute(args));
    }

    /**
     * Starts a Spark context, runs the sweep and stops the context. Modifies the store under
     * {@code --results}: each executed run's result.
     *
     * @return 0 when every run has a stored result, 1 when a run failed or is missing, 2 for bad arguments
     */
    @Override
    public Integer call() {
        PrintStream err = System.err;
        Study s;
        SweepPreset size;
        Path root;
        try {                                           // refuse bad arguments before Spark starts
            s = Studies.byName(study);
            size = SweepPreset.parse(preset);
            root = results != null ? results.toAbsolutePath() : MuonLabHome.data().resolve("results");
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("sweep: " + e.getMessage());
            return 2;
        }
        SparkConf conf = new SparkConf().setAppName("muonlab-sweep-" + study);
        if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            RunStore store = new RunStore(root, w -> err.println("warning: " + w));
            boolean shipped = ExecutorHome.shipCorpus(spark);
            SparkExecutor executor = new SparkExecutor(spark);
            err.printf("sweep %s (%s%s) on %s, results in %s%s%n", s.name(), size.name().toLowerCase(),
                    scale == 1 ? "" : ", scale " + scale, executor.describe(), root.resolve(s.name()),
                    shipped ? "" : " (no corpus found on the driver: executors need MUONLAB_HOME)");
            Sweep.Outcome outcome = Sweep.run(s, size, scale, store, executor, new RunLog(err));
            System.out.println(outcome.results().printAll());
            System.out.printf("%d runs: %d executed on Spark, %d stored results reused%n",
                    outcome.executed() + outcome.skipped(), outcome.executed(), outcome.skipped());
            int missing = outcome.specs().size() - outcome.results().rowCount();
            if (missing > 0) {
                err.printf("sweep: %d runs have no stored result (stopped?): submit again to continue%n", missing);
                return 1;
            }
            return 0;
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException | SweepFailure e) {
            err.println("sweep: " + e.getMessage() + "; the runs that finished are stored: submit again to continue");
            if (e.getCause() instanceof TaskReply.RemoteRunException remote) {
                err.print(remote.remoteTrace());
            }
            return 1;
        }
    }
}
