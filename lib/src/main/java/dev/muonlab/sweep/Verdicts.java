package dev.muonlab.sweep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The verdict table's rules: each paper claim is decided from our numbers by a stated rule, never
 * by hand. The rules are deliberately conservative: with 3 seeds (1 in Sato's grid) a claim is
 * "reproduced" only when our intervals or trends point its way and nothing points against it.
 */
public final class Verdicts {

    private Verdicts() {
    }

    /** A claim's outcome. */
    public enum Verdict {
        REPRODUCED("reproduced"), NOT_REPRODUCED("not reproduced"), INCONCLUSIVE("inconclusive");

        private final String text;

        Verdict(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /**
     * @param claim        the paper's claim in a phrase
     * @param paperSetting where the paper measured it
     * @param paperNumber  the paper's figure
     * @param ours         our figure, in a phrase
     * @param verdict      by the rule
     * @param reason       the rule's reading of our numbers (seeds, scale, noise)
     */
    public record Row(String claim, String paperSetting, String paperNumber, String ours, Verdict verdict, String reason) {
    }

    /** @return the rows as a table: claim, paper_setting, paper_number, ours, verdict, reason */
    public static Table table(List<Row> rows) {
        Table t = Table.create("verdicts", StringColumn.create("claim"), StringColumn.create("paper_setting"),
                StringColumn.create("paper_number"), StringColumn.create("ours"), StringColumn.create("verdict"),
                StringColumn.create("reason"));
        for (Row r : rows) {
            t.stringColumn("claim").append(r.claim());
            t.stringColumn("paper_setting").append(r.paperSetting());
            t.stringColumn("paper_number").append(r.paperNumber());
            t.stringColumn("ours").append(r.ours());
            t.stringColumn("verdict").append(r.verdict().toString());
            t.stringColumn("reason").append(r.reason());
        }
        return t;
    }

    /**
     * R_L(B) ≥ 1. Rule: not reproduced if any (B, L)'s 95 % interval lies wholly below 1; reproduced
     * if none does and at least half lie wholly above 1; otherwise inconclusive.
     *
     * @param low  each (B, L) cell's interval low (NaN cells skipped). Not modified.
     * @param high the cells' interval high. Not modified.
     */
    public static Verdict atLeastOne(double[] low, double[] high) {
        int n = 0, above = 0, below = 0;
        for (int i = 0; i < low.length; i++) {
            if (Double.isNaN(low[i]) || Double.isNaN(high[i])) {
                continue;
            }
            n++;
            above += low[i] > 1 ? 1 : 0;
            below += high[i] < 1 ? 1 : 0;
        }
        if (n == 0) {
            return Verdict.INCONCLUSIVE;
        }
        if (below > 0) {
            return Verdict.NOT_REPRODUCED;
        }
        return 2 * above >= n ? Verdict.REPRODUCED : Verdict.INCONCLUSIVE;
    }

    /**
     * R_L(B) non-decreasing in B, for one target: its (B increasing) estimates and intervals.
     *
     * @return -1 when it decreases significantly (a larger B's interval lies wholly below a smaller
     *         B's), +1 when it does not and the largest B's estimate is at least the smallest's, 0 otherwise
     */
    public static int monotoneSign(double[] ratio, double[] low, double[] high) {
        for (int i = 0; i < ratio.length; i++) {
            for (int j = i + 1; j < ratio.length; j++) {
                if (high[j] < low[i]) {
                    return -1;
                }
            }
        }
        return ratio.length >= 2 && ratio[ratio.length - 1] >= ratio[0] ? 1 : 0;
    }

    /**
     * Over targets: not reproduced if more than half decrease significantly; reproduced if none does
     * and more than half end at least where they start; otherwise inconclusive.
     *
     * @param signs {@link #monotoneSign} per target with ≥ 2 batches
     */
    public static Verdict nonDecreasing(int[] signs) {
        int dec = (int) Arrays.stream(signs).filter(s -> s < 0).count();
        int up = (int) Arrays.stream(signs).filter(s -> s > 0).count();
        if (signs.length == 0) {
            return Verdict.INCONCLUSIVE;
        }
        if (2 * dec > signs.length) {
            return Verdict.NOT_REPRODUCED;
        }
        return dec == 0 && 2 * up > signs.length ? Verdict.REPRODUCED : Verdict.INCONCLUSIVE;
    }

    /**
     * "10-15 % fewer tokens": the fraction 1 − 1/R over the interval [1 − 1/low, 1 − 1/high] built from
     * the medians over (B, L) cells of R's interval ends. Reproduced when it overlaps [lo, hi]; not
     * reproduced when it lies wholly outside; inconclusive without cells.
     */
    public static Verdict fewerTokens(double medianLow, double medianHigh, double lo, double hi) {
        if (Double.isNaN(medianLow) || Double.isNaN(medianHigh)) {
            return Verdict.INCONCLUSIVE;
        }
        double a = 1 - 1 / medianLow, b = 1 - 1 / medianHigh;
        return b < lo || a > hi ? Verdict.NOT_REPRODUCED : Verdict.REPRODUCED;
    }

    /**
     * Muon's token-optimal batch larger than AdamW's, per target. Inconclusive when no target has both
     * or when every pair sits at the grid's smallest batch (the grid does not resolve them); not
     * reproduced when Muon's is larger at no target; reproduced when larger at more than half and
     * smaller at none; otherwise inconclusive.
     */
    public static Verdict largerBatch(double[] muon, double[] adamw, double smallestBatch) {
        int n = 0, larger = 0, smaller = 0, floor = 0;
        for (int i = 0; i < muon.length; i++) {
            if (Double.isNaN(muon[i]) || Double.isNaN(adamw[i])) {
                continue;
            }
            n++;
            larger += muon[i] > adamw[i] ? 1 : 0;
            smaller += muon[i] < adamw[i] ? 1 : 0;
            floor += muon[i] == smallestBatch && adamw[i] == smallestBatch ? 1 : 0;
        }
        if (n == 0 || floor == n) {
            return Verdict.INCONCLUSIVE;
        }
        if (larger == 0) {
            return Verdict.NOT_REPRODUCED;
        }
        return 2 * larger > n && smaller == 0 ? Verdict.REPRODUCED : Verdict.INCONCLUSIVE;
    }

    /**
     * A trend claim (Sato et al.: b* falls as β rises; b* rises as λ falls, i.e. falls as λ rises),
     * over series of (x, b*) with ≥ 3 points each. A series falls when Spearman's ρ(x, b*) ≤ −0.5 and
     * rises when ρ ≥ 0.5. Reproduced when at least two thirds of the series fall and none rises; not
     * reproduced when more than half rise; otherwise inconclusive.
     *
     * @param rho ρ of each series (NaN: flat, all b* equal)
     */
    public static Verdict falls(double[] rho) {
        int n = rho.length;
        int fall = (int) Arrays.stream(rho).filter(r -> r <= -0.5).count();
        int rise = (int) Arrays.stream(rho).filter(r -> r >= 0.5).count();
        if (n == 0) {
            return Verdict.INCONCLUSIVE;
        }
        if (2 * rise > n) {
            return Verdict.NOT_REPRODUCED;
        }
        return 3 * fall >= 2 * n && rise == 0 ? Verdict.REPRODUCED : Verdict.INCONCLUSIVE;
    }

    /** @return Spearman's rank correlation (average ranks for ties); NaN when either side is constant */
    public static double spearman(double[] x, double[] y) {
        double[] rx = ranks(x), ry = ranks(y);
        double mx = Arrays.stream(rx).average().orElse(0), my = Arrays.stream(ry).average().orElse(0);
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (rx[i] - mx) * (ry[i] - my);
            sxx += (rx[i] - mx) * (rx[i] - mx);
            syy += (ry[i] - my) * (ry[i] - my);
        }
        return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
    }

    static double[] ranks(double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            int less = 0, equal = 0;
            for (double w : v) {
                less += w < v[i] ? 1 : 0;
                equal += w == v[i] ? 1 : 0;
            }
            r[i] = less + (equal + 1) / 2.0;
        }
        return r;
    }

    /** @return the median of the finite values; NaN when none */
    public static double median(double[] v) {
        double[] f = Arrays.stream(v).filter(Double::isFinite).sorted().toArray();
        if (f.length == 0) {
            return Double.NaN;
        }
        return f.length % 2 == 1 ? f[f.length / 2] : (f[f.length / 2 - 1] + f[f.length / 2]) / 2;
    }

    /** @return the values as "[a, b, …]" with 4 decimals (a verdict row's "ours") */
    static String list(double[] v) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(fmt("%.4f", v[i]));
        }
        return sb.append(']').toString();
    }

    static String fmt(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    static <K> Map<K, List<Integer>> groupRows(Table t, java.util.function.IntFunction<K> key) {
        Map<K, List<Integer>> m = new TreeMap<>();
        for (int i = 0; i < t.rowCount(); i++) {
            m.computeIfAbsent(key.apply(i), k -> new ArrayList<>()).add(i);
        }
        return m;
    }
}
