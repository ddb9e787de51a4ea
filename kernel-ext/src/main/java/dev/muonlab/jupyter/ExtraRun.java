package dev.muonlab.jupyter;

import dev.muonlab.gpt.DataSplit;
import dev.muonlab.jupyter.render.FigureRenderer;
import dev.muonlab.jupyter.render.PlotlyLoader;
import dev.muonlab.jupyter.widget.Box;
import dev.muonlab.jupyter.widget.Button;
import dev.muonlab.jupyter.widget.Dropdown;
import dev.muonlab.jupyter.widget.FloatLogSlider;
import dev.muonlab.jupyter.widget.Interact;
import dev.muonlab.jupyter.widget.Output;
import dev.muonlab.jupyter.widget.Widget;
import dev.muonlab.jupyter.widget.WidgetTransport;
import dev.muonlab.plot.TrainingCharts;
import dev.muonlab.train.OptimizerChoice;
import dev.muonlab.train.TrainConfig;
import dev.muonlab.train.TrainLog;
import dev.muonlab.train.TrainResult;
import dev.muonlab.train.Trainer;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Notebook 05's "one more run": an optimizer dropdown, a log slider for its learning rate, Run and Stop buttons,
 * a status line and a loss chart that draws the extra run live against the runs the notebook already made (issue 18,
 * section 3: "pick an optimizer and lr for one extra short run against the saved curves, with a stop button").
 *
 * <p>Run trains on a {@link BackgroundRun} (a thread of its own; a second press while it runs is refused in the
 * status line) and Stop asks it to stop after its current step, so the chart and the status line show where it
 * stopped.
 *
 * <p>The learning rate is the one the recipe tunes: Muon's {@code muonLr} on the hidden matrices for Keller's Muon
 * (AdamW's 1e-3 stays on embeddings and head), AdamW's {@code lr} for AdamW and for Moonlight's Muon, which reuses it
 * (Liu et al. 2025, Eq. 4). Choosing an optimizer moves the slider to that recipe's default.
 */
public final class ExtraRun {

    /** The recipes offered: notebook 05's three. */
    public static final List<OptimizerChoice> CHOICES =
            List.of(OptimizerChoice.ADAMW, OptimizerChoice.MUON, OptimizerChoice.MUON_MOONLIGHT);
    /** The chart's title (the notebook's live chart above keeps the plain one). */
    public static final String TITLE = "Tiny Shakespeare: one more run against the saved curves";
    private static final String ALREADY = " (already running: press Stop first)";

    private final DisplaySink sink;
    private final TrainConfig base;
    private final DataSplit data;
    private final int workers;
    private final Map<String, TrainLog> saved;
    private final BackgroundRun runner = new BackgroundRun(Thread.currentThread().getContextClassLoader());
    private final Dropdown optimizer;
    private final FloatLogSlider lr;
    private final Button run;
    private final Button stop;
    private final Output status;
    private final Output chart;
    private final Box controls;
    private volatile String statusText;

    /**
     * Makes the widgets (nothing shown yet: {@link #show()}).
     *
     * @param transport where the widget messages go
     * @param sink      renders the charts and publishes the panel
     * @param base      the extra run's configuration (steps, model, seed, evaluation); optimizer and lr are replaced
     * @param data      the corpus split
     * @param workers   threads per batch ({@link Trainer#workers(int)})
     * @param saved     label → log of the runs to draw against. Not modified; read on the training thread, so they
     *                  must not be training at the same time.
     */
    public ExtraRun(WidgetTransport transport, DisplaySink sink, TrainConfig base, DataSplit data, int workers,
                    Map<String, TrainLog> saved) {
        this.sink = sink;
        this.base = base;
        this.data = data;
        this.workers = workers;
        this.saved = new LinkedHashMap<>(saved);
        OptimizerChoice first = CHOICES.contains(base.optimizer()) ? base.optimizer() : CHOICES.get(0);
        optimizer = new Dropdown(transport, "optimizer", CHOICES.stream().map(OptimizerChoice::cliName).toList(),
                first.cliName());
        lr = new FloatLogSlider(transport, "lr", defaultLr(base, first), -4, -0.5, 0.125);
        run = new Button(transport, "Run");
        stop = new Button(transport, "Stop");
        stop.set("disabled", true);
        status = new Output(transport);
        chart = new Output(transport);
        controls = new Box(transport, Box.Direction.VERTICAL, List.of(
                new Box(transport, Box.Direction.HORIZONTAL, List.of(optimizer, lr)),
                new Box(transport, Box.Direction.HORIZONTAL, List.of(run, stop)), status));
        setStatus("Pick an optimizer and lr, then Run: " + base.steps() + " steps against the saved curves.");
        optimizer.observe(change -> {
            if (change.key().equals("index")) {
                lr.value(defaultLr(base, choice()));
            }
        });
        run.onClick(b -> start());
        stop.onClick(b -> stop());
    }

    /**
     * Publishes the controls and the chart (the saved curves). The chart's output also carries them as plain HTML, so
     * a report or a page without widgets shows them. Modifies the cell's outputs.
     *
     * @return this
     */
    public ExtraRun show() {
        DisplayData controlsView = new DisplayData(controls.toString());
        controlsView.putData(Widget.VIEW_MIME, controls.view());
        controlsView.setDisplayId(UUID.randomUUID().toString());
        sink.display(controlsView);
        Object figure = TrainingCharts.lossCurves(saved, Double.NaN, TITLE);
        DisplayData shown = sink.render(figure, Map.of());
        chart.outputs(List.of(widgetOutput(figure, shown)));
        shown.putData(Widget.VIEW_MIME, chart.view());
        shown.setDisplayId(UUID.randomUUID().toString());
        sink.display(shown);
        return this;
    }

    /** The recipe's own learning rate: Keller's Muon tunes {@code muonLr}, the others AdamW's {@code lr}. */
    static double defaultLr(TrainConfig base, OptimizerChoice choice) {
        return choice == OptimizerChoice.MUON ? base.muonLr() : base.lr();
    }

    /** @return {@code base} with this optimizer and this lr in the place the recipe reads it */
    static TrainConfig configFor(TrainConfig base, OptimizerChoice choice, double lr) {
        TrainConfig c = base.withOptimizer(choice);
        return choice == OptimizerChoice.MUON ? c.withMuonLr(lr) : c.withLr(lr);
    }

    private OptimizerChoice choice() {
        return OptimizerChoice.parse(optimizer.value());
    }

    /**
     * Starts the extra run with the dropdown's optimizer and the slider's lr, unless one is running (then the status
     * line says so). What Run does. Modifies the buttons' {@code disabled}, the status line and the chart.
     *
     * @return whether a run started
     */
    public synchronized boolean start() {
        if (runner.isRunning()) {
            setStatus(statusText.replace(ALREADY, "") + ALREADY);
            return false;
        }
        OptimizerChoice choice = choice();
        double rate = lr.value();
        TrainConfig config = configFor(base, choice, rate);
        String label = "extra: " + choice.cliName() + ", lr "
                + new BigDecimal(String.format("%.3g", rate)).stripTrailingZeros().toPlainString();
        Map<String, TrainLog> curves = new LinkedHashMap<>(saved);
        run.set("disabled", true);
        stop.set("disabled", false);
        setStatus(label + ": starting");
        return runner.start(() -> Trainer.create(config, data, null).workers(workers), new BackgroundRun.Reports() {
            @Override
            public void status(String text) {
                setStatus(label + ": " + text);
            }

            @Override
            public void draw(TrainLog log) {
                curves.put(label, log);
                drawChart(curves);
            }

            @Override
            public void ended() {
                run.set("disabled", false);
                stop.set("disabled", true);
            }
        });
    }

    /** Asks the run to stop after its current step; what Stop does. Modifies the status line. */
    public void stop() {
        setStatus(runner.stop() ? statusText + " (stopping…)" : "Nothing is running.");
    }

    private void drawChart(Map<String, TrainLog> curves) {
        Object figure = TrainingCharts.lossCurves(curves, Double.NaN, TITLE);
        chart.outputs(List.of(widgetOutput(figure, sink.render(figure, Map.of(FigureRenderer.LIVE, true)))));
    }

    /** As {@link Interact}: a bundle that carried plotly.js is rendered again without it (the page has it). */
    private Map<String, Object> widgetOutput(Object figure, DisplayData data) {
        Object html = data.getData(MIMEType.TEXT_HTML);
        DisplayData shown = html instanceof String s && PlotlyLoader.carriesLibrary(s) ? sink.render(figure, Map.of()) : data;
        return Interact.nbformatOutput(shown);
    }

    private void setStatus(String text) {
        statusText = text;
        status.outputs(List.of(Map.of("output_type", "display_data", "data", Map.of("text/plain", text),
                "metadata", Map.of())));
    }

    /** @return whether the run's thread runs */
    public boolean isRunning() {
        return runner.isRunning();
    }

    /**
     * Waits for the run to end (tests; a cell that wants the result).
     *
     * @return its result, or null if none ended within {@code timeoutMs}
     * @throws InterruptedException if interrupted
     */
    public TrainResult awaitResult(long timeoutMs) throws InterruptedException {
        return runner.awaitResult(timeoutMs);
    }

    /** @return the status line's text */
    public String status() {
        return statusText;
    }

    /** @return the trainer of the current or last run (null before the first) */
    public Trainer trainer() {
        return runner.trainer();
    }

    public Dropdown optimizer() {
        return optimizer;
    }

    public FloatLogSlider lr() {
        return lr;
    }

    public Button runButton() {
        return run;
    }

    public Button stopButton() {
        return stop;
    }

    public Output statusOutput() {
        return status;
    }

    public Output chartOutput() {
        return chart;
    }

    @Override
    public String toString() {
        return "ExtraRun(" + statusText + ")";
    }
}
