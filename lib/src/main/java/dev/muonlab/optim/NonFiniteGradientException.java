package dev.muonlab.optim;

/**
 * Thrown by {@link Optimizer#step} when a gradient holds NaN or ±Infinity; no parameter and no
 * state was changed. Set {@link NonFinitePolicy#SKIP_STEP} to skip and count such steps instead
 * (as mixed-precision loss scaling does).
 */
public final class NonFiniteGradientException extends IllegalArgumentException {

    private final String parameter;

    public NonFiniteGradientException(String parameter, String what) {
        super("gradient of parameter '" + parameter + "' contains " + what
                + "; no parameter was changed (use NonFinitePolicy.SKIP_STEP to skip such steps and count them)");
        this.parameter = parameter;
    }

    /** @return the name of the first parameter whose gradient is not finite */
    public String parameter() {
        return parameter;
    }
}
