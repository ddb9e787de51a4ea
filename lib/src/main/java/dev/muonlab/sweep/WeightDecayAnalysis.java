package dev.muonlab.sweep;

import dev.muonlab.sweep.Verdicts.Row;
import dev.muonlab.sweep.Verdicts.Verdict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * The verdicts of {@link WeightDecayStudy} (Moonlight Fig. 2) from seed-paired runs: for each seed the
 * run with decay 0.1 and the run without share initialization and batches, so their difference at
 * each evaluation is the decay's effect alone (plus the arithmetic's chaos). A claim is reproduced only
 * when every seed points its way.
 */
public final class WeightDecayAnalysis {

    /** Seeds below which the loss claim is inconclusive: one seed's sign is chaos as much as decay. */
    static final int MIN_SEEDS = 2;

    private WeightDecayAnalysis() {
    }

    /** One seed's pair of curves: with decay and without, at the evaluations both have. */
    record Pair(long seed, double[] tokens, double[] lossWd, double[] lossNoWd, double[] weightWd, double[] weightNoWd,
                double[] logitWd, double[] logitNoWd) {
    }

    /** @return the three rows: the loss curves cross, weight RMS grows without decay, logit RMS larger without */
    static List<Row> verdicts(Table results, Table curves) {
        List<Pair> pairs = pairs(results, curves);
        List<Row> rows = new ArrayList<>();
        double[] finalDiff = pairs.stream().mapToDouble(p -> last(p.lossWd()) - last(p.lossNoWd())).toArray();
        double[] crossings = pairs.isEmpty() ? new double[0] : crossings(pairs.get(0).tokens(), meanDifference(pairs));
        rows.add(new Row("no decay ahead early, decay ahead late: the loss curves cross",
                "800M model, 100B tokens (~5x optimal)", "no-WD ahead by 0.023 at iter 24k; WD ahead by 0.017 at 66k",
                Verdicts.fmt("mean-curve crossings at tokens %s; final loss(WD) - loss(no WD) per seed %s",
                        Verdicts.list(crossings), Verdicts.list(finalDiff)),
                crossVerdict(crossings, meanDifference(pairs), finalDiff),
                "reproduced when the seed-mean difference crosses from + to - and every seed ends with WD ahead;"
                        + " not reproduced when every seed ends with no-WD ahead; at least " + MIN_SEEDS + " seeds"));
        rows.add(new Row("without decay the weights keep growing", "Fig. 2 / §2.2 (weight and output RMS)", "-",
                Verdicts.fmt("final hidden weight RMS, WD vs no WD: %s", finals(pairs, true)),
                everySeed(pairs, p -> last(p.weightNoWd()) > last(p.weightWd()) && last(p.weightNoWd()) > mid(p.weightNoWd()),
                        p -> last(p.weightNoWd()) <= last(p.weightWd())),
                "every seed: no-WD's final RMS above WD's and above its own at mid-run"));
        rows.add(new Row("without decay the output (logit) RMS is larger", "§2.2", "-",
                Verdicts.fmt("final logit RMS, WD vs no WD: %s", finals(pairs, false)),
                everySeed(pairs, p -> last(p.logitNoWd()) > last(p.logitWd()), p -> last(p.logitNoWd()) < last(p.logitWd())),
                "every seed larger: reproduced; every seed smaller: not reproduced"));
        return rows;
    }

    /**
     * Fig. 2's curves: per decay, the seed mean at each evaluation of the validation loss and of the
     * {@link WeightRmsProbe} columns, over the seeds that have both runs.
     *
     * @param results {@link Sweep#results} of the study. Not modified.
     * @param curves  {@link Sweep#curves} of the same runs. Not modified.
     * @return columns {@code weight_decay}, {@code tokens}, {@code val_loss}, {@code hidden_weight_rms},
     *         {@code logit_rms}, {@code seeds}; decay 0.1 first, tokens ascending
     */
    public static Table meanCurves(Table results, Table curves) {
        List<Pair> pairs = pairs(results, curves);
        DoubleColumn wd = DoubleColumn.create("weight_decay");
        DoubleColumn tokens = DoubleColumn.create("tokens");
        DoubleColumn loss = DoubleColumn.create("val_loss");
        DoubleColumn weight = DoubleColumn.create("hidden_weight_rms");
        DoubleColumn logit = DoubleColumn.create("logit_rms");
        IntColumn seeds = IntColumn.create("seeds");
        int n = pairs.stream().mapToInt(p -> p.tokens().length).min().orElse(0);
        for (double decay : WeightDecayStudy.DECAYS) {
            boolean with = decay > 0;
            for (int i = 0; i < n; i++) {
                double l = 0, w = 0, g = 0;
                for (Pair p : pairs) {
                    l += (with ? p.lossWd() : p.lossNoWd())[i] / pairs.size();
                    w += (with ? p.weightWd() : p.weightNoWd())[i] / pairs.size();
                    g += (with ? p.logitWd() : p.logitNoWd())[i] / pairs.size();
                }
                wd.append(decay);
                tokens.append(pairs.get(0).tokens()[i]);
                loss.append(l);
                weight.append(w);
                logit.append(g);
                seeds.append(pairs.size());
            }
        }
        return Table.create("weight decay 0.1 vs 0, mean over seeds", wd, tokens, loss, weight, logit, seeds);
    }

    /**
     * @param results {@link Sweep#results} of the study. Not modified.
     * @param curves  {@link Sweep#curves}. Not modified.
     * @return the tokens at which the seed-mean loss(WD) − loss(no WD) changes sign ({@link #crossings}),
     *         in order; empty when the curves do not cross (or there is no pair)
     */
    public static double[] crossingTokens(Table results, Table curves) {
        List<Pair> pairs = pairs(results, curves);
        return pairs.isEmpty() ? new double[0] : crossings(pairs.get(0).tokens(), meanDifference(pairs));
    }

    /**
     * Where a difference curve changes sign, by linear interpolation between evaluations; exact zeros
     * (e.g. step 0, where both runs are the same model) are skipped.
     *
     * @param x the evaluations' positions (tokens), increasing. Not modified.
     * @param d the difference at each. Not modified.
     * @return the positions of the sign changes, in order
     */
    static double[] crossings(double[] x, double[] d) {
        List<Double> out = new ArrayList<>();
        int prev = -1;
        for (int i = 0; i < d.length; i++) {
            if (d[i] == 0 || !Double.isFinite(d[i])) {
                continue;
            }
            if (prev >= 0 && Math.signum(d[prev]) != Math.signum(d[i])) {
                out.add(x[prev] + (x[i] - x[prev]) * d[prev] / (d[prev] - d[i]));
            }
            prev = i;
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * Reproduced when the mean difference is positive before its first crossing and negative at the end
     * and every seed ends negative; not reproduced when every seed ends positive; otherwise, or with
     * fewer than {@link #MIN_SEEDS} seeds, inconclusive.
     *
     * @param crossings {@link #crossings} of the mean difference. Not modified.
     * @param meanDiff  the seed-mean loss(WD) − loss(no WD) per evaluation. Not modified.
     * @param finalDiff each seed's difference at the last evaluation. Not modified.
     */
    static Verdict crossVerdict(double[] crossings, double[] meanDiff, double[] finalDiff) {
        if (finalDiff.length < MIN_SEEDS) {
            return Verdict.INCONCLUSIVE;
        }
        boolean allWdAhead = Arrays.stream(finalDiff).allMatch(v -> v < 0);
        boolean allNoWdAhead = Arrays.stream(finalDiff).allMatch(v -> v > 0);
        double firstNonZero = Arrays.stream(meanDiff).filter(v -> v != 0 && Double.isFinite(v)).findFirst().orElse(0);
        if (crossings.length > 0 && firstNonZero > 0 && last(meanDiff) < 0 && allWdAhead) {
            return Verdict.REPRODUCED;
        }
        return allNoWdAhead ? Verdict.NOT_REPRODUCED : Verdict.INCONCLUSIVE;
    }

    /** @return the seed-mean of loss(WD) − loss(no WD) at each evaluation of the first pair */
    static double[] meanDifference(List<Pair> pairs) {
        if (pairs.isEmpty()) {
            return new double[0];
        }
        int n = pairs.stream().mapToInt(p -> p.tokens().length).min().orElse(0);
        double[] d = new double[n];
        for (Pair p : pairs) {
            for (int i = 0; i < n; i++) {
                d[i] += (p.lossWd()[i] - p.lossNoWd()[i]) / pairs.size();
            }
        }
        return d;
    }

    /** @return each seed's pair of runs, matched by seed, curves cut to their common length */
    static List<Pair> pairs(Table results, Table curves) {
        TreeMap<Long, String[]> runs = new TreeMap<>();            // seed → {hash with WD, hash without}
        for (int i = 0; i < results.rowCount(); i++) {
            long seed = (long) results.doubleColumn("seed").getDouble(i);
            int k = results.doubleColumn("wd_all").getDouble(i) > 0 ? 0 : 1;
            runs.computeIfAbsent(seed, s -> new String[2])[k] = results.stringColumn("run").getString(i);
        }
        List<Pair> out = new ArrayList<>();
        runs.forEach((seed, h) -> {
            if (h[0] != null && h[1] != null) {
                Table a = curveOf(curves, h[0]), b = curveOf(curves, h[1]);
                int n = Math.min(a.rowCount(), b.rowCount());
                out.add(new Pair(seed, col(a, "tokens", n), col(a, "val_loss", n), col(b, "val_loss", n),
                        col(a, "hidden_weight_rms", n), col(b, "hidden_weight_rms", n),
                        col(a, "logit_rms", n), col(b, "logit_rms", n)));
            }
        });
        return out;
    }

    private static Table curveOf(Table curves, String hash) {
        return curves.where(curves.stringColumn("run").isEqualTo(hash));
    }

    private static double[] col(Table t, String name, int n) {
        return Arrays.copyOf(t.numberColumn(name).asDoubleArray(), n);
    }

    private static Verdict everySeed(List<Pair> pairs, java.util.function.Predicate<Pair> yes,
                                     java.util.function.Predicate<Pair> no) {
        if (pairs.isEmpty()) {
            return Verdict.INCONCLUSIVE;
        }
        if (pairs.stream().allMatch(yes)) {
            return Verdict.REPRODUCED;
        }
        return pairs.stream().allMatch(no) ? Verdict.NOT_REPRODUCED : Verdict.INCONCLUSIVE;
    }

    private static String finals(List<Pair> pairs, boolean weights) {
        StringBuilder sb = new StringBuilder();
        for (Pair p : pairs) {
            double a = last(weights ? p.weightWd() : p.logitWd()), b = last(weights ? p.weightNoWd() : p.logitNoWd());
            sb.append(sb.length() == 0 ? "" : "; ").append(Verdicts.fmt("seed %d: %.4g vs %.4g", p.seed(), a, b));
        }
        return sb.toString();
    }

    static double last(double[] v) {
        return v.length == 0 ? Double.NaN : v[v.length - 1];
    }

    private static double mid(double[] v) {
        return v.length == 0 ? Double.NaN : v[v.length / 2];
    }
}
