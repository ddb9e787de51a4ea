package dev.muonlab.sweep;

import dev.muonlab.progress.ProgressListener;
import java.util.Locale;

/**
 * One overall progress line for a sweep: runs finished of all and units (e.g. training tokens) of the
 * pending runs, passed to a {@link ProgressListener} as
 * {@code (units done, units in all, "run 3 of 12 (2 stored) · <label>")}; the display (terminal bar,
 * notebook progress bar) adds the ETA from the units and its own clock. Thread-safe: runs report from
 * worker threads.
 */
public final class SweepProgress {

    private final ProgressListener listener;
    private final int runs;
    private final int stored;
    private final long units;
    private long unitsDone;
    private int runsDone;

    /**
     * @param listener where the line goes
     * @param runs     runs in the sweep, stored ones included
     * @param stored   runs whose results were already stored (skipped)
     * @param units    progress units of the runs still to execute (&gt; 0)
     */
    public SweepProgress(ProgressListener listener, int runs, int stored, long units) {
        this.listener = listener;
        this.runs = runs;
        this.stored = stored;
        this.units = Math.max(1, units);
    }

    /** Adds {@code n} finished units of the run {@code label}. */
    public synchronized void addUnits(long n, String label) {
        unitsDone = Math.min(units, unitsDone + Math.max(0, n));
        report(label);
    }

    /** Marks one run finished, with the units of it that were not reported yet. */
    public synchronized void runFinished(long unreportedUnits, String label) {
        runsDone++;
        unitsDone = Math.min(units, unitsDone + Math.max(0, unreportedUnits));
        report(label + " done");
    }

    /** @return runs finished so far, the stored ones included */
    public synchronized int runsFinished() {
        return stored + runsDone;
    }

    private void report(String label) {
        String line = String.format(Locale.ROOT, "run %d of %d%s · %s", Math.min(runs, stored + runsDone + 1),
                runs, stored > 0 ? " (" + stored + " stored)" : "", label);
        listener.onProgress(unitsDone, units, runsDone == runs - stored ? "all " + runs + " runs done" : line);
    }
}
