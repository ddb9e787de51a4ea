package dev.muonlab.jupyter;

import dev.muonlab.gpt.DataSplit;
import dev.muonlab.jupyter.widget.KernelWidgets;
import dev.muonlab.progress.ProgressListener;
import dev.muonlab.train.TrainConfig;
import dev.muonlab.train.TrainLog;
import org.dflib.jjava.jupyter.kernel.BaseKernel;

import java.util.Map;

/**
 * Static helpers for notebook cells, imported into every notebook by {@link MuonLabJupyter}
 * ({@code import static dev.muonlab.jupyter.MuonLabNotebook.*;}). They complement JJava's own
 * {@code display}, {@code updateDisplay} and {@code render}, and deliberately reuse none of their
 * names, which would make calls ambiguous.
 *
 * <pre>{@code
 * var bar = progressBar("κ sweep");          // shows an empty bar
 * var result = sweep.run(config, bar);        // library code calls bar.onProgress(done, total, msg)
 *
 * var chart = liveDisplay(plot(log));          // shows the chart
 * for (...) { ...; chart.update(plot(log)); }  // redraws it in place
 * }</pre>
 */
public final class MuonLabNotebook {

    private static volatile BaseKernel installedKernel;

    private MuonLabNotebook() {
    }

    /**
     * Shows a progress bar below the running cell.
     *
     * @param title what is running, shown before the bar
     * @return a thread-safe listener to pass to library code; each report updates the bar in place
     *         (fraction, rate, ETA, message), at most ten times a second, always ending in the final state
     */
    public static ProgressListener progressBar(String title) {
        return new ProgressBar(DisplaySink.of(kernel()), title);
    }

    /**
     * Shows {@code initial} as an output that can be replaced later.
     *
     * @param initial the first value, rendered like a cell result (a Figure, a Table, an INDArray, text)
     * @return the handle whose {@link LiveDisplay#update(Object)} replaces the output in place
     */
    public static LiveDisplay liveDisplay(Object initial) {
        return new LiveDisplay(DisplaySink.of(kernel()), initial);
    }

    /**
     * Shows notebook 05's extra-run panel: optimizer, lr, Run and Stop, its loss drawn live against {@code saved}.
     *
     * @param base    the extra run's configuration; its optimizer and lr are what the controls start at
     * @param data    the corpus split
     * @param workers threads per batch
     * @param saved   label → log of the runs already made. Not modified.
     * @return the panel ({@link ExtraRun#start()}, {@link ExtraRun#stop()}, {@link ExtraRun#awaitResult(long)})
     */
    public static ExtraRun extraRun(TrainConfig base, DataSplit data, int workers, Map<String, TrainLog> saved) {
        return new ExtraRun(KernelWidgets.current(), DisplaySink.of(kernel()), base, data, workers, saved).show();
    }

    /** Called by {@link MuonLabJupyter#install}: the kernel the helpers publish through. */
    static void attach(BaseKernel kernel) {
        installedKernel = kernel;
    }

    /**
     * The kernel given to {@link MuonLabJupyter#install}, else jjava's current notebook kernel (in
     * stock JJava the extension and the cells may see different copies of this class).
     */
    static BaseKernel kernel() {
        BaseKernel kernel = installedKernel;
        return kernel != null ? kernel : BaseKernel.notebookKernel();
    }
}
