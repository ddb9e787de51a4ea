package dev.muonlab.faults;

import dev.muonlab.progress.ProgressListener;
import dev.muonlab.sweep.ArithmeticStudy;
import dev.muonlab.sweep.LocalExecutor;
import dev.muonlab.sweep.RunStore;
import dev.muonlab.sweep.Sweep;
import dev.muonlab.sweep.SweepPreset;
import java.nio.file.Path;

/**
 * A separate process for {@link SweepKillTest} to kill: runs (or resumes) the arithmetic test
 * study's sweep of {@link #RUNS} runs on one thread into the results root given as the argument.
 */
public final class SweepChild {

    static final int RUNS = 6;

    private SweepChild() {
    }

    /** @param args the results root */
    public static void main(String[] args) {
        Sweep.Outcome o = Sweep.run(new ArithmeticStudy(RUNS), SweepPreset.SMOKE,
                new RunStore(Path.of(args[0]), w -> System.err.println("warning: " + w)), new LocalExecutor(1), ProgressListener.NONE);
        System.out.println(o.executed() + " executed, " + o.skipped() + " reused");
        System.exit(0);
    }
}
