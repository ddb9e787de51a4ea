package dev.muonlab.jupyter.render;

import java.util.Locale;

/**
 * One state of a progress bar and its two renderings: an HTML {@code <progress>} bar with the
 * fraction, rate, time left (ETA) and the latest message, and the same as one line of text.
 *
 * <p>Rate = done / elapsed; ETA = (total − done) / rate: the average since the bar was created, which
 * is steadier than the rate of the last step for the uneven steps of sweeps.
 *
 * @param title          what is running, e.g. {@code "κ sweep"}
 * @param done           units finished, 0 ≤ done ≤ total
 * @param total          units in all; 0 when no report has arrived yet
 * @param message        the latest status from the worker; may be empty
 * @param elapsedSeconds seconds since the bar was created, ≥ 0
 */
public record ProgressView(String title, long done, long total, String message, double elapsedSeconds) {

    /** @return the fraction done in [0, 1]; 0 before the first report */
    public double fraction() {
        return total <= 0 ? 0 : Math.min(1.0, (double) done / total);
    }

    /** @return true when all units are done */
    public boolean finished() {
        return total > 0 && done >= total;
    }

    /** @return units per second since the start, or NaN when nothing is done yet */
    public double rate() {
        return done > 0 && elapsedSeconds > 0 ? done / elapsedSeconds : Double.NaN;
    }

    /** @return e.g. {@code "κ sweep: 50% (5/10) · 2.00 it/s · ETA 3 s · lr=0.02"} */
    public String text() {
        StringBuilder out = new StringBuilder(title).append(": ");
        if (total <= 0) {
            out.append("starting");
        } else {
            out.append(percent()).append(" (").append(done).append('/').append(total).append(')');
            if (!Double.isNaN(rate())) {
                out.append(" · ").append(String.format(Locale.ROOT, "%.2f", rate())).append(" it/s");
            }
            out.append(" · ").append(finished() ? "done in " + duration(elapsedSeconds) : eta());
        }
        if (message != null && !message.isEmpty()) {
            out.append(" · ").append(message);
        }
        return out.toString();
    }

    /** @return a {@code <div>} holding the title, a {@code <progress>} bar and {@link #text()}'s figures */
    public String html() {
        String value = total <= 0 ? "" : " value=\"" + done + "\" max=\"" + total + "\"";
        return "<div class=\"muonlab-progress\" style=\"font-family:sans-serif;font-size:13px\">"
                + "<b>" + Html.escape(title) + "</b> "
                + "<progress" + value + " style=\"width:320px;vertical-align:middle\"></progress> "
                + "<span>" + Html.escape(text().substring(title.length() + 2)) + "</span>"
                + "</div>";
    }

    private String percent() {
        return (int) Math.floor(100 * fraction()) + "%";
    }

    private String eta() {
        double rate = rate();
        return Double.isNaN(rate) ? "ETA ?" : "ETA " + duration((total - done) / rate);
    }

    /** @return e.g. {@code "42 s"}, {@code "3 min 05 s"}, {@code "1 h 02 min"} */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }
}
