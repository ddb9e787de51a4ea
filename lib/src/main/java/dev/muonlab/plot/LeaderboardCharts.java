package dev.muonlab.plot;

import dev.muonlab.sweep.Leaderboard;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

/**
 * The leaderboard's loss curves (notebook 09): each entrant's validation loss against the step at its
 * tuned lr, averaged over seeds, with the target line the race is run to.
 */
public final class LeaderboardCharts {

    private LeaderboardCharts() {
    }

    /**
     * @param results a leaderboard sweep's results ({@code Sweep#results}). Not modified.
     * @param curves  its curves ({@code Sweep#curves}: run, step, val_loss). Not modified.
     * @param target  the target loss, nats (NaN for no line)
     * @return one line per entrant: at each evaluated step, the mean validation loss over its seeds at
     *         the best lr multiplier ({@link Leaderboard#bestMultipliers})
     */
    public static Figure meanCurves(Table results, Table curves, double target) {
        List<Trace> traces = new ArrayList<>();
        int maxStep = 1;
        for (Map.Entry<String, Double> e : Leaderboard.bestMultipliers(results).entrySet()) {
            Table runs = results.where(results.stringColumn("optimizer").isEqualTo(e.getKey())
                    .and(results.doubleColumn("lr_multiplier").isEqualTo(e.getValue())));
            Table mine = curves.where(curves.stringColumn("run").isIn(runs.stringColumn("run").asList()));
            if (mine.rowCount() == 0) {
                continue;
            }
            Table mean = mine.summarize("val_loss", tech.tablesaw.aggregate.AggregateFunctions.mean).by("step");
            DoubleColumn loss = mean.doubleColumn(1);
            maxStep = Math.max(maxStep, (int) mean.intColumn("step").max());
            traces.add(ScatterTrace.builder(mean.intColumn("step"), loss).mode(ScatterTrace.Mode.LINE)
                    .name(String.format("%s (lr×%s, %d seeds)", e.getKey(), e.getValue(), runs.rowCount())).build());
        }
        if (!Double.isNaN(target)) {
            traces.add(ScatterTrace.builder(new double[] {0, maxStep}, new double[] {target, target})
                    .mode(ScatterTrace.Mode.LINE).name(String.format("target %.2f", target)).build());
        }
        Layout layout = Layout.builder().title("Validation loss at each entrant's tuned lr, mean over seeds")
                .xAxis(Axis.builder().title("step").build())
                .yAxis(Axis.builder().title("cross-entropy (nats)").build())
                .height(460).width(780).build();
        return new Figure(layout, traces.toArray(new Trace[0]));
    }
}
