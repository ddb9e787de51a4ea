package dev.muonlab.sweep;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * One run of a sweep, as flat text: the study's name and its parameters (optimizer, width, batch,
 * lr, seed, steps, …). The spec is the run's identity: its {@link #hash()} names the folder that
 * holds its result ({@code data/results/<study>/<hash>/}), so the same spec is run once, whoever asks
 * and on whatever machine, and a sweep that is started again skips what is done.
 *
 * <p>Values are kept as text. Numbers given as {@link Number} are written canonically
 * ({@link Double#toString} for floating point, so {@code 1e-3} and {@code 0.001} are the same
 * spec), and the parameters are sorted by name, so the hash does not depend on the order in
 * which a study lists them. Text travels unchanged to a cluster executor, which is why a spec holds
 * no objects.
 *
 * @param study  the study's registered name, e.g. {@code batch-size}
 * @param params parameter name → value, sorted by name (a read-only copy)
 */
public record RunSpec(String study, Map<String, String> params) {

    public RunSpec {
        requireToken(study, "study name");
        TreeMap<String, String> sorted = new TreeMap<>();
        for (Map.Entry<String, String> e : params.entrySet()) {
            requireToken(e.getKey(), "parameter name");
            String v = e.getValue();
            if (v == null || v.isEmpty() || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("parameter " + e.getKey() + " needs a one-line value, got '" + v + "'");
            }
            sorted.put(e.getKey(), v);
        }
        params = Collections.unmodifiableSortedMap(sorted);
    }

    /**
     * @param study  the study's name
     * @param params name → value (a Number, a String or anything whose toString is one line). Not modified.
     * @return the spec, numbers written canonically
     */
    public static RunSpec of(String study, Map<String, ?> params) {
        TreeMap<String, String> text = new TreeMap<>();
        params.forEach((k, v) -> text.put(k, canonical(v)));
        return new RunSpec(study, text);
    }

    /** @return {@code v} as spec text: doubles and floats by Double.toString, integers by Long.toString */
    static String canonical(Object v) {
        if (v instanceof Double || v instanceof Float) {
            return Double.toString(((Number) v).doubleValue());
        }
        if (v instanceof Number n) {
            return Long.toString(n.longValue());
        }
        return String.valueOf(v);
    }

    /** @return {@code study=<name>} and then one {@code name=value} line per parameter, sorted; what is hashed */
    public String canonicalText() {
        StringBuilder sb = new StringBuilder("study=").append(study).append('\n');
        params.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        return sb.toString();
    }

    /** @return the first 16 hex digits (64 bits) of the SHA-256 of {@link #canonicalText()} */
    public String hash() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(canonicalText().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** @return the value of {@code name}; a sentence naming the run when it is absent */
    public String get(String name) {
        String v = params.get(name);
        if (v == null) {
            throw new IllegalArgumentException("run " + this + " has no parameter '" + name + "'");
        }
        return v;
    }

    /** @return {@code name}'s value as an int */
    public int getInt(String name) {
        return Math.toIntExact(number(name, Long::parseLong));
    }

    /** @return {@code name}'s value as a long */
    public long getLong(String name) {
        return number(name, Long::parseLong);
    }

    /** @return {@code name}'s value as a double */
    public double getDouble(String name) {
        return number(name, Double::parseDouble);
    }

    private <N> N number(String name, java.util.function.Function<String, N> parse) {
        String v = get(name);
        try {
            return parse.apply(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("run " + this + ": parameter '" + name + "' is not a number: '" + v + "'");
        }
    }

    @Override
    public String toString() {
        return study + params;
    }

    private static void requireToken(String s, String what) {
        if (s == null || s.isEmpty() || !s.matches("[A-Za-z0-9_.\\-]+")) {
            throw new IllegalArgumentException("a " + what + " is letters, digits, '.', '_' or '-': got '" + s + "'");
        }
    }
}
