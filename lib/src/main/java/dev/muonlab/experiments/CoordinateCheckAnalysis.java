package dev.muonlab.experiments;

import dev.muonlab.sweep.Verdicts;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The read-out of {@link CoordinateCheck}: how much each layer's activation RMS at the last step grows
 * from the narrowest to the widest width, and the two claims of Yang et al. 2022 (Tensor Programs V,
 * arXiv 2203.03466, Fig. 5 and §7's coordinate check): under muP every layer's curve is flat in width;
 * under SP the output logits grow with width once training has moved the weights (an update of fixed
 * per-entry size sums coherently over C inputs, so the logits' change grows like C: ×8 over 64 → 512
 * in the limit).
 *
 * <p>Rules, stated before the full run and not tuned: growth g = RMS(widest) / RMS(narrowest) at the
 * last recorded step.
 * <ul>
 *   <li>muP flat: reproduced when every layer's g lies in [2^−½, 2^½] (at most half an octave over the
 *       whole family); not reproduced when some layer's g lies outside [½, 2]; otherwise inconclusive.</li>
 *   <li>SP drifts: reproduced when the logits' g ≥ 2; not reproduced when it is below 2^½ (as flat as
 *       muP's rule allows); otherwise inconclusive.</li>
 * </ul>
 */
public final class CoordinateCheckAnalysis {

    /** muP's flatness band: |log₂ g| at most this, octaves. */
    public static final double FLAT_OCTAVES = 0.5;
    /** SP's drift: the logits' growth at least this over the family. */
    public static final double SP_DRIFT_FACTOR = 2.0;

    private CoordinateCheckAnalysis() {
    }

    /**
     * @param check {@link CoordinateCheck#run}'s table. Not modified.
     * @return one row per (parameterization, layer): narrow and wide width, their RMS at the last step,
     *         and growth = wide / narrow
     */
    public static Table growth(Table check) {
        Table t = Table.create("growth with width", StringColumn.create("parameterization"), StringColumn.create("layer"),
                IntColumn.create("narrow"), IntColumn.create("wide"), DoubleColumn.create("rms_narrow"),
                DoubleColumn.create("rms_wide"), DoubleColumn.create("growth"));
        if (check.rowCount() == 0) {
            return t;
        }
        int narrow = (int) check.intColumn("width").min();
        int wide = (int) check.intColumn("width").max();
        int last = (int) check.intColumn("step").max();
        List<String> layers = new ArrayList<>(new java.util.LinkedHashSet<>(check.stringColumn("layer").asList()));
        for (String p : new TreeSet<>(check.stringColumn("parameterization").asList())) {   // "SP" sorts before "muP"
            for (String layer : layers) {
                double a = rms(check, p, narrow, last, layer);
                double b = rms(check, p, wide, last, layer);
                t.stringColumn("parameterization").append(p);
                t.stringColumn("layer").append(layer);
                t.intColumn("narrow").append(narrow);
                t.intColumn("wide").append(wide);
                t.doubleColumn("rms_narrow").append(a);
                t.doubleColumn("rms_wide").append(b);
                t.doubleColumn("growth").append(b / a);
            }
        }
        return t;
    }

    /** @return the RMS of one (parameterization, width, step, layer) cell of the check's table */
    static double rms(Table check, String parameterization, int width, int step, String layer) {
        Table one = check.where(check.stringColumn("parameterization").isEqualTo(parameterization)
                .and(check.intColumn("width").isEqualTo(width)).and(check.intColumn("step").isEqualTo(step))
                .and(check.stringColumn("layer").isEqualTo(layer)));
        if (one.rowCount() != 1) {
            throw new IllegalArgumentException("expected one row for " + parameterization + " C=" + width + " step " + step
                    + " " + layer + ", found " + one.rowCount());
        }
        return one.doubleColumn("rms").get(0);
    }

    /** @return muP's verdict from its layers' growths (rule in the class comment) */
    public static Verdicts.Verdict flat(double[] growths) {
        double worst = 0;
        for (double g : growths) {
            worst = Math.max(worst, Math.abs(Math.log(g) / Math.log(2)));
        }
        return worst <= FLAT_OCTAVES + 1e-12 ? Verdicts.Verdict.REPRODUCED
                : worst > 1 ? Verdicts.Verdict.NOT_REPRODUCED : Verdicts.Verdict.INCONCLUSIVE;
    }

    /** @return SP's verdict from the logits' growth (rule in the class comment) */
    public static Verdicts.Verdict drifts(double logitsGrowth) {
        return logitsGrowth >= SP_DRIFT_FACTOR ? Verdicts.Verdict.REPRODUCED
                : logitsGrowth < Math.sqrt(2) ? Verdicts.Verdict.NOT_REPRODUCED : Verdicts.Verdict.INCONCLUSIVE;
    }

    /**
     * @param check {@link CoordinateCheck#run}'s table, with SP and muP. Not modified.
     * @return the two verdict rows ({@link Verdicts#table}'s columns)
     */
    public static Table verdicts(Table check) {
        Table g = growth(check);
        Table mup = g.where(g.stringColumn("parameterization").isEqualTo("muP"));
        Table sp = g.where(g.stringColumn("parameterization").isEqualTo("SP"));
        String span = g.rowCount() == 0 ? "" : g.intColumn("narrow").get(0) + " → " + g.intColumn("wide").get(0);
        List<Verdicts.Row> rows = new ArrayList<>();
        rows.add(new Verdicts.Row("muP: every layer's activation RMS is flat in width", "Tensor Programs V Fig. 5, §7",
                "flat curves over widths", "growth " + span + ": " + describe(mup),
                flat(mup.doubleColumn("growth").asDoubleArray()),
                "rule: every layer within ×2^±0.5 reproduces, any beyond ×2^±1 refutes"));
        double logits = sp.where(sp.stringColumn("layer").isEqualTo("logits")).doubleColumn("growth").get(0);
        rows.add(new Verdicts.Row("SP: the logits' RMS grows with width after a few steps", "Tensor Programs V Fig. 5, §7",
                "grows ∝ width in the limit", "growth " + span + ": " + describe(sp), drifts(logits),
                "rule: logits ×2 or more reproduces, below ×√2 refutes"));
        return Verdicts.table(rows);
    }

    private static String fmt(String pattern, Object... args) {
        return String.format(java.util.Locale.ROOT, pattern, args);
    }

    private static String describe(Table g) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < g.rowCount(); i++) {
            out.append(i == 0 ? "" : ", ").append(g.stringColumn("layer").get(i))
                    .append(fmt(" ×%.2f", g.doubleColumn("growth").get(i)));
        }
        return out.toString();
    }
}
