package dev.muonlab;

/**
 * Smoke mode: when the environment variable {@code MUONLAB_SMOKE} is {@code 1} (or {@code true}),
 * notebooks and experiments pick small sizes so that the test suite can execute every notebook in
 * about a minute. Full sizes are the default, for users.
 */
public final class SmokeMode {

    private SmokeMode() {
    }

    /** @return true when {@code MUONLAB_SMOKE} is set to {@code 1}, {@code true} or {@code yes} */
    public static boolean isOn() {
        String value = System.getenv("MUONLAB_SMOKE");
        return value != null && (value.equals("1") || value.equalsIgnoreCase("true") || value.equalsIgnoreCase("yes"));
    }

    /** @return {@code smoke} in smoke mode, {@code full} otherwise: the one-line idiom notebooks use */
    public static <T> T choose(T full, T smoke) {
        return isOn() ? smoke : full;
    }
}
