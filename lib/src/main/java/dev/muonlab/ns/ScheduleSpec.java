package dev.muonlab.ns;

import java.util.Locale;

/**
 * Parses the schedule names used by the command line and notebooks:
 * {@code keller | cubic | quintic | taylor:K | you | dion | aol | polar-express | polar-express-8
 * | polar-express:d=D,l=L,steps=Q | custom:a,b,c;a,b,c}. Default step counts: 5 (keller, cubic, quintic,
 * taylor, dion, polar-express and its generator), 6 (you), 4 (aol), 8 (polar-express-8), the number of
 * rows (custom). More steps than a table has repeat its last polynomial ({@link Schedule#withSteps}).
 * Which pre-normalization (and safety factor) goes with each: {@link NsPresets}.
 */
public final class ScheduleSpec {

    /** Muon's default step count (KellerJordan/Muon: ns_steps = 5). */
    public static final int DEFAULT_STEPS = 5;

    private ScheduleSpec() {
    }

    /**
     * @param spec  the name, e.g. "taylor:2" or "polar-express:d=7,l=1e-3,steps=4"
     * @return the schedule with its default number of steps
     * @throws IllegalArgumentException naming what is wrong
     */
    public static Schedule parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("empty schedule name");
        }
        String s = spec.trim();
        String head = s.contains(":") ? s.substring(0, s.indexOf(':')) : s;
        String arg = s.contains(":") ? s.substring(s.indexOf(':') + 1).trim() : null;
        switch (head.toLowerCase(Locale.ROOT)) {
            case "keller", "jordan":
                return Schedule.keller(DEFAULT_STEPS);
            case "cubic":
                return Schedule.cubic(DEFAULT_STEPS);
            case "quintic":
                return Schedule.quintic(DEFAULT_STEPS);
            case "taylor":
                if (arg == null) {
                    throw new IllegalArgumentException("taylor needs κ: taylor:K, e.g. taylor:2");
                }
                return Schedule.taylor(parseInt(arg, "κ"), DEFAULT_STEPS);
            case "you":
                return Schedule.you();
            case "dion":
                return Schedule.dion();
            case "aol", "turbo":
                return Schedule.aol();
            case "polar-express-8", "pe8":
                return PolarExpress.published();
            case "polar-express-5", "pe5":
                return PolarExpress.published().withSteps(DEFAULT_STEPS);
            case "polar-express", "polarexpress", "pe":
                return arg == null ? PolarExpress.published().withSteps(DEFAULT_STEPS) : generator(arg);
            case "custom":
                return custom(arg);
            default:
                throw new IllegalArgumentException("unknown schedule '" + spec
                        + "': expected keller, cubic, quintic, taylor:K, you, dion, aol, polar-express, polar-express-8, "
                        + "polar-express:d=D,l=L,steps=Q or custom:a,b,c;a,b,c");
        }
    }

    /** @return {@link #parse} then {@link Schedule#withSteps} when steps is not null */
    public static Schedule parse(String spec, Integer steps) {
        Schedule s = parse(spec);
        return steps == null ? s : s.withSteps(steps);
    }

    private static Schedule generator(String arg) {
        int d = 5;
        double l = 1e-3;
        int q = DEFAULT_STEPS;
        for (String kv : arg.split(",")) {
            String[] p = kv.split("=", 2);
            if (p.length != 2) {
                throw new IllegalArgumentException("expected key=value in polar-express:" + arg);
            }
            switch (p[0].trim().toLowerCase(Locale.ROOT)) {
                case "d" -> d = parseInt(p[1], "d");
                case "l" -> l = parseDouble(p[1], "l");
                case "steps", "q" -> q = parseInt(p[1], "steps");
                default -> throw new IllegalArgumentException("unknown key '" + p[0] + "' in polar-express:" + arg
                        + " (expected d, l, steps)");
            }
        }
        if (d != 3 && d != 5 && d != 7) {
            throw new IllegalArgumentException("polar-express degree must be 3, 5 or 7, got " + d);
        }
        return PolarExpress.generate(d, l, q);
    }

    private static Schedule custom(String arg) {
        if (arg == null || arg.isBlank()) {
            throw new IllegalArgumentException("custom needs coefficients: custom:a,b,c;a,b,c");
        }
        String body = arg.replace("\"", "").trim();
        String[] rows = body.split(";");
        double[][] c = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            String[] parts = rows[i].split(",");
            c[i] = new double[parts.length];
            for (int j = 0; j < parts.length; j++) {
                c[i][j] = parseDouble(parts[j], "coefficient");
            }
        }
        return Schedule.custom(c);
    }

    private static int parseInt(String text, String what) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad " + what + " '" + text + "': not an integer");
        }
    }

    private static double parseDouble(String text, String what) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad " + what + " '" + text + "': not a number");
        }
    }
}
