package dev.muonlab.optim;

import java.util.Arrays;

/** Argument checks shared by the config records: each failure is a message a user can act on. */
final class Checks {

    private Checks() {
    }

    /** @throws IllegalArgumentException when lr is negative or not finite */
    static double lr(String optimizer, double lr) {
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException(optimizer + ": learning rate must be finite and >= 0, got " + lr);
        }
        return lr;
    }

    /** @throws IllegalArgumentException when a momentum/beta coefficient is outside [0, 1) */
    static double beta(String optimizer, String what, double beta) {
        if (!(beta >= 0 && beta < 1)) {
            throw new IllegalArgumentException(optimizer + ": " + what + " must be in [0, 1), got " + beta);
        }
        return beta;
    }

    /** @throws IllegalArgumentException when a coefficient is negative or not finite */
    static double nonNegative(String optimizer, String what, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(optimizer + ": " + what + " must be finite and >= 0, got " + value);
        }
        return value;
    }

    /** @throws IllegalArgumentException when alpha is outside [0, 1] */
    static double unitInterval(String optimizer, String what, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(optimizer + ": " + what + " must be in [0, 1], got " + value);
        }
        return value;
    }

    /**
     * Refuses a parameter of fewer than two dimensions, for optimizers whose update is a matrix's
     * (an orthogonalized or per-row normalized direction): such vectors belong to AdamW.
     *
     * @param optimizer the optimizer's name, e.g. {@code normuon}
     * @param display   its name in prose, e.g. {@code NorMuon}
     */
    static void matrixOnly(String optimizer, String display, String name, long[] shape) {
        if (shape.length < 2) {
            throw new IllegalArgumentException(optimizer + ": parameter '" + name + "' has shape " + shape(shape)
                    + "; " + display + " updates matrices only: route 1-D parameters to AdamW");
        }
    }

    static String shape(long[] shape) {
        return Arrays.toString(shape);
    }
}
