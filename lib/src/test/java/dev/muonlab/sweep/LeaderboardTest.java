package dev.muonlab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The leaderboard's arithmetic on made-up runs whose answers are known, then one real smoke sweep. */
class LeaderboardTest {

    @TempDir
    Path dir;

    /** One run row of a sweep's results table. */
    private static void addRun(Table t, String run, String optimizer, double m, double seed, double finalLoss, double diverged) {
        t.stringColumn("run").append(run);
        t.stringColumn("optimizer").append(optimizer);
        t.doubleColumn("lr_multiplier").append(m);
        t.doubleColumn("seed").append(seed);
        t.doubleColumn("final_val_loss").append(finalLoss);
        t.doubleColumn("diverged").append(diverged);
    }

    private static Table results() {
        return Table.create("r", StringColumn.create("run"), StringColumn.create("optimizer"),
                DoubleColumn.create("lr_multiplier"), DoubleColumn.create("seed"), DoubleColumn.create("final_val_loss"),
                DoubleColumn.create("diverged"));
    }

    @Test
    void theBestMultiplierIsTheLowestFinalLossAtSeedOneWithDivergedRunsLast() {
        Table t = results();
        addRun(t, "a", "adamw", 1, 1, 2.5, 0);
        addRun(t, "b", "adamw", 2, 1, 2.4, 0);
        addRun(t, "c", "adamw", 4, 2, 1.0, 0);      // seed 2: not part of the choice
        addRun(t, "d", "muon", 1, 1, 2.2, 0);
        addRun(t, "e", "muon", 2, 1, 0.5, 1);       // diverged: last whatever its loss
        assertEquals(Map.of("adamw", 2.0, "muon", 1.0), Leaderboard.bestMultipliers(t));
    }

    /** A straight-line curve from loss 3 at step 0 falling {@code slope} per step, evaluated every 10 steps to 100. */
    private static void addCurve(Table curves, String run, double slope, double secondsPerStep) {
        for (int step = 0; step <= 100; step += 10) {
            curves.stringColumn("run").append(run);
            curves.intColumn("step").append(step);
            curves.doubleColumn("val_loss").append(3 - slope * step);
            curves.doubleColumn("train_s").append(secondsPerStep * step);
        }
    }

    @Test
    void stepsAndSecondsToTargetAreTheInterpolatedFirstCrossingsAndTheTableComparesWithTheBaseline() {
        Table r = results();
        Table curves = Table.create("curves", StringColumn.create("run"), IntColumn.create("step"),
                DoubleColumn.create("val_loss"), DoubleColumn.create("train_s"));
        double[] adamwSlopes = {0.010, 0.011, 0.009};     // reach 2.5 at 50, 45.45…, 55.55… steps
        double[] muonSlopes = {0.020, 0.021, 0.019};      // at 25, 23.8…, 26.3… steps
        for (int s = 0; s < 3; s++) {
            addRun(r, "a" + s, "adamw", 1, s + 1, 3 - 100 * adamwSlopes[s], 0);
            addCurve(curves, "a" + s, adamwSlopes[s], 0.5);
            addRun(r, "m" + s, "muon", 2, s + 1, 3 - 100 * muonSlopes[s], 0);
            addCurve(curves, "m" + s, muonSlopes[s], 0.6);
        }
        addRun(r, "z", "scale", 1, 1, 2.9, 0);            // never reaches 2.5
        addCurve(curves, "z", 0.001, 0.4);

        Table runs = Leaderboard.perRun(r, curves, 2.5);
        assertEquals(50.0, runs.doubleColumn("steps_to_target").getDouble(0), 1e-9);
        assertEquals(25.0, runs.doubleColumn("seconds_to_target").getDouble(0), 1e-9);   // 50 steps × 0.5 s
        assertEquals(25.0, runs.doubleColumn("steps_to_target").getDouble(1), 1e-9);
        assertTrue(Double.isNaN(runs.doubleColumn("steps_to_target").getDouble(6)));

        Table board = Leaderboard.table(runs, "adamw");
        assertEquals(List.of("adamw", "muon", "scale"), board.stringColumn("optimizer").asList());
        double[] a = {0.5 / 0.010, 0.5 / 0.011, 0.5 / 0.009};
        double[] m = {0.5 / 0.020, 0.5 / 0.021, 0.5 / 0.019};
        assertEquals(WelchTest.mean(a), board.doubleColumn("steps_mean").getDouble(0), 1e-9);
        assertEquals(WelchTest.sd(m), board.doubleColumn("steps_sd").getDouble(1), 1e-9);
        assertEquals(WelchTest.mean(a) / WelchTest.mean(m), board.doubleColumn("speedup").getDouble(1), 1e-9);
        assertEquals(WelchTest.pValue(m, a), board.doubleColumn("p_steps").getDouble(1), 1e-12);
        assertEquals("baseline", board.stringColumn("verdict").get(0));
        assertTrue(board.stringColumn("verdict").get(1).startsWith("fewer steps than the baseline (p = "),
                board.stringColumn("verdict").get(1));
        assertEquals("1.0", board.stringColumn("lr_multiplier").get(0));          // one multiplier tried: no edge
        assertEquals("2.0", board.stringColumn("lr_multiplier").get(1));
        assertEquals(0, board.intColumn("reached").getInt(2));
        assertEquals("0 of 1 seeds reached the target; too few runs reached the target to test",
                board.stringColumn("verdict").get(2));
    }

    @Test
    void aBestMultiplierAtTheEdgeOfWhatWasTriedExtendsTheGridByDoublingsUpToTheLimit() {
        List<Double> grid = List.of(0.5, 1.0, 2.0, 4.0);
        Table t = results();
        addRun(t, "a", "adamw", 0.5, 1, 2.37, 0);
        addRun(t, "b", "adamw", 1, 1, 2.32, 0);
        addRun(t, "c", "adamw", 2, 1, 2.25, 0);
        addRun(t, "d", "adamw", 4, 1, 2.17, 0);
        assertEquals(8.0, Leaderboard.gridExtension(t, grid).getAsDouble(), 0);
        addRun(t, "e", "adamw", 8, 1, 2.10, 0);
        assertEquals(16.0, Leaderboard.gridExtension(t, grid).getAsDouble(), 0);
        addRun(t, "f", "adamw", 16, 1, 2.05, 0);
        assertTrue(Leaderboard.gridExtension(t, grid).isEmpty(), "two doublings past the grid: the limit");
        Table board = Leaderboard.table(Leaderboard.perRun(t, Table.create("c", StringColumn.create("run"),
                IntColumn.create("step"), DoubleColumn.create("val_loss"), DoubleColumn.create("train_s")), 2.0), "adamw");
        assertEquals("16.0 (grid edge)", board.stringColumn("lr_multiplier").get(0));

        Table low = results();
        addRun(low, "a", "muon", 0.5, 1, 1.9, 0);
        addRun(low, "b", "muon", 1, 1, 2.0, 0);
        assertEquals(0.25, Leaderboard.gridExtension(low, grid).getAsDouble(), 0);
        Table inside = results();
        addRun(inside, "a", "muon", 0.5, 1, 2.1, 0);
        addRun(inside, "b", "muon", 1, 1, 1.9, 0);
        addRun(inside, "c", "muon", 2, 1, 2.0, 0);
        assertTrue(Leaderboard.gridExtension(inside, grid).isEmpty());
    }

    @Test
    void theVerdictFollowsTheStatedBonferroniRule() {
        assertTrue(Leaderboard.verdict(0.001, 10, 20, 9, 5, 5).startsWith("fewer steps than the baseline (p = 0.0010 < 0.0056"));
        assertTrue(Leaderboard.verdict(0.02, 30, 20, 9, 5, 5).startsWith("likely more steps than the baseline (p = 0.020;"));
        assertEquals("no detectable difference (p = 0.30)", Leaderboard.verdict(0.3, 19, 20, 9, 5, 5));
        assertEquals("4 of 5 seeds reached the target; no detectable difference (p = 0.30)",
                Leaderboard.verdict(0.3, 19, 20, 9, 4, 5));
    }

    @Test
    void loadingFromAnEmptyStoreListsTheFirstStageAndFindsNothing() {
        Sweep.Outcome none = Sweep.load(new LeaderboardStudy(), SweepPreset.FULL, new RunStore(dir, w -> { }));
        assertEquals(0, none.results().rowCount());
        assertEquals(new LeaderboardStudy().specs(SweepPreset.FULL), none.specs());
    }

    @Test
    void theSmokeLeaderboardRunsBothStagesOnRealTraining() {
        LeaderboardStudy study = new LeaderboardStudy();
        RunStore store = new RunStore(dir, w -> { });
        Sweep.Outcome out = Sweep.run(study, SweepPreset.SMOKE, store, new LocalExecutor(2), (d, t, m) -> { });
        LeaderboardStudy.Size size = LeaderboardStudy.size(SweepPreset.SMOKE);
        assertEquals(out.results().rowCount(), out.executed());
        Table all = out.results();
        Map<String, Double> chosen = Leaderboard.bestMultipliers(all);
        for (var o : size.entrants()) {
            Table seed1 = all.where(all.stringColumn("optimizer").isEqualTo(o.cliName()).and(all.doubleColumn("seed").isEqualTo(1)));
            assertTrue(Leaderboard.gridExtension(seed1, size.multipliers()).isEmpty(), o + ": the grid was extended until settled");
            assertEquals(size.seeds(), all.where(all.stringColumn("optimizer").isEqualTo(o.cliName())
                    .and(all.doubleColumn("lr_multiplier").isEqualTo(chosen.get(o.cliName())))).rowCount());
        }
        Table results = out.results();
        assertTrue(results.doubleColumn("final_val_loss").asList().stream().allMatch(Double::isFinite));
        // every run learns something: below the uniform guess ln 65 ≈ 4.17 nats
        assertTrue(results.doubleColumn("final_val_loss").max() < Math.log(65), results.print());
        Table board = study.summary(SweepPreset.SMOKE, results, Sweep.curves(out.specs(), store)).orElseThrow();
        assertEquals(size.entrants().size(), board.rowCount());
        assertEquals(size.seeds(), board.intColumn("seeds").getInt(0));
        assertEquals("baseline", board.stringColumn("verdict").get(0));

        Sweep.Outcome loaded = Sweep.load(study, SweepPreset.SMOKE, store);     // what notebook 09 shows
        assertEquals(0, loaded.executed());
        assertEquals(out.results().toString(), loaded.results().toString());
        assertEquals(out.specs(), loaded.specs());

        Table curves = Sweep.curves(out.specs(), store);
        tech.tablesaw.plotly.components.Figure f = dev.muonlab.plot.LeaderboardCharts.meanCurves(results, curves, size.target());
        assertEquals(size.entrants().size() + 1, f.getTraces().length);
        // the first entrant's last point is the mean of its seeds' final losses at its best multiplier
        Map<String, Double> best = Leaderboard.bestMultipliers(results);
        String first = size.entrants().get(0).cliName();
        double mean = results.where(results.stringColumn("optimizer").isEqualTo(first)
                .and(results.doubleColumn("lr_multiplier").isEqualTo(best.get(first))))
                .doubleColumn("final_val_loss").mean();
        String json = f.getTraces()[0].asJavascript(0);
        assertTrue(json.contains(String.valueOf(mean).substring(0, 6)), "mean final loss " + mean + " in " + json);
    }
}
