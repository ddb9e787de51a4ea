package dev.muonlab.experiments;

import dev.muonlab.experiments.ns.NsStepsResult;
import dev.muonlab.experiments.ns.RankStudy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.Table;

/**
 * The "what the figures show" paragraphs of the case-study notebooks, with every number read from
 * the results (so the text stays true when a user changes the parameters and reruns).
 */
public final class Findings {

    private Findings() {
    }

    /** @return sentences on iterations to ε per method across κ, and on mode timing, for a κ sweep */
    public static String kappaSweep(StudyResult<?> result, String metricName) {
        StringBuilder out = new StringBuilder();
        Table s = result.summary();
        List<String> methods = s.stringColumn("method").unique().asList();
        methods.sort(null);
        for (String m : methods) {
            Table rows = s.where(s.stringColumn("method").isEqualTo(m)).sortOn("kappa");
            List<String> parts = new ArrayList<>();
            int min = Integer.MAX_VALUE;
            int max = 0;
            boolean all = true;
            for (int i = 0; i < rows.rowCount(); i++) {
                double kappa = rows.doubleColumn("kappa").getDouble(i);
                int iters = rows.intColumn("itersToEps").getInt(i);
                if (iters >= 0) {
                    min = Math.min(min, iters);
                    max = Math.max(max, iters);
                    parts.add("κ=" + fmt(kappa) + ": " + iters);
                } else {
                    all = false;
                    parts.add("κ=" + fmt(kappa) + ": not reached in " + rows.intColumn("iterations").getInt(i)
                            + (Boolean.TRUE.equals(rows.booleanColumn("diverged").get(i)) ? " (diverged)"
                            : String.format(Locale.ROOT, " (ended at %.2g)", rows.doubleColumn("finalMetric").getDouble(i))));
                }
            }
            out.append("- ").append(m).append(" — iterations until ").append(metricName).append(" stays ≤ ε: ")
                    .append(String.join(", ", parts));
            if (all && min > 0) {
                out.append(String.format(Locale.ROOT, " (spread %.0f %% of the smallest)", 100.0 * (max - min) / min));
            } else if (min != Integer.MAX_VALUE) {
                out.append(String.format(Locale.ROOT, " (at least %.0f× more at the largest κ than at the smallest reached)",
                        (double) Math.max(max, rows.intColumn("iterations").max()) / min));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /**
     * @param result a sweep with a modes table
     * @param kappa  the κ to describe
     * @param tolerance how close to 1 a mode's progress must come
     * @return for each method, the (recorded) iteration from which each mode stays within tolerance of its target
     */
    public static String modeTiming(StudyResult<?> result, double kappa, double tolerance) {
        StringBuilder out = new StringBuilder();
        Table modes = result.modes().where(result.modes().doubleColumn("kappa").isEqualTo(kappa));
        List<String> methods = modes.stringColumn("method").unique().asList();
        methods.sort(null);
        for (String m : methods) {
            Table run = modes.where(modes.stringColumn("method").isEqualTo(m)).sortOn("iteration");
            List<Integer> ids = run.intColumn("mode").unique().asList();
            ids.sort(null);
            List<String> parts = new ArrayList<>();
            for (int id : ids) {
                Table mode = run.where(run.intColumn("mode").isEqualTo(id));
                int lastOutside = -1;
                for (int i = 0; i < mode.rowCount(); i++) {
                    if (Math.abs(mode.doubleColumn("progress").getDouble(i) - 1) > tolerance) {
                        lastOutside = i;
                    }
                }
                String when = lastOutside == mode.rowCount() - 1 ? "not within the run"
                        : String.valueOf(mode.intColumn("iteration").getInt(lastOutside + 1));
                parts.add(String.format(Locale.ROOT, "λ=%.3g: %s", mode.doubleColumn("lambda").getDouble(0), when));
            }
            out.append("- ").append(m).append(String.format(Locale.ROOT, " at κ=%s, iteration from which each mode stays within %.0f %% of its target: ",
                    fmt(kappa), 100 * tolerance)).append(String.join("; ", parts)).append('\n');
        }
        return out.toString();
    }

    /** @return sentences on final losses, accuracies and wall-clock of the NS-steps study */
    public static String nsSteps(NsStepsResult result) {
        StringBuilder out = new StringBuilder();
        List<String> variants = new ArrayList<>();
        for (String v : result.epochs().stringColumn("variant")) {
            if (!variants.contains(v)) {
                variants.add(v);
            }
        }
        for (String v : variants) {
            out.append(String.format(Locale.ROOT, "- %s: train loss %.4f in the last epoch, test accuracy %.2f %%, %.1f s of training%n",
                    v, result.finalTrainLoss(v), 100 * result.finalTestAccuracy(v), result.totalSeconds(v)));
        }
        if (variants.contains("Muon-SVD")) {
            for (String v : variants) {
                if (v.startsWith("Muon NS") || v.startsWith("Muon Keller")) {
                    out.append(String.format(Locale.ROOT, "- %s took %.2f× the wall-clock of Muon-SVD and ended %+.4f nats from it%n",
                            v, result.totalSeconds(v) / result.totalSeconds("Muon-SVD"),
                            result.finalTrainLoss(v) - result.finalTrainLoss("Muon-SVD")));
                }
            }
        }
        return out.toString();
    }

    /** @return the log-log slopes of the rank experiment, next to Kim &amp; Oh's */
    public static String rankSlopes(Table rank) {
        StringBuilder out = new StringBuilder();
        for (String v : rank.stringColumn("variant").unique()) {
            double slope = RankStudy.slope(rank, v);
            out.append(String.format(Locale.ROOT, "- %s: slope of log ‖∇W₁‖_* against log r = %.3f (%.3f after dividing by √r)%n",
                    v, slope, slope - 0.5));
        }
        out.append("- Kim & Oh (CifarNet, Table 8): SGD-M 0.292, Muon-SVD 0.102, Muon NS q=3 −0.106"
                + " (after dividing by √r: −0.208, −0.398, −0.606)\n");
        List<String> variants = rank.stringColumn("variant").unique().asList();
        String ns = variants.stream().filter(v -> v.startsWith("Muon NS")).findFirst().orElse(null);
        if (variants.contains("SGD-M") && ns != null) {
            out.append(String.format(Locale.ROOT, "- contrast: SGD-M's slope minus %s's = %.3f (Kim & Oh: 0.398)%n",
                    ns, RankStudy.slope(rank, "SGD-M") - RankStudy.slope(rank, ns)));
        }
        return out.toString();
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
