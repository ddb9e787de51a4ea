package dev.muonlab.ns;

/**
 * Everything that defines a Newton-Schulz orthogonalization: which polynomials, how the input is
 * scaled first, and in which arithmetic.
 *
 * @param schedule      per-step odd polynomials
 * @param normalization pre-normalization X₀ = G / divisor
 * @param precision     fp64, fp32 or emulated bf16
 */
public record NsConfig(Schedule schedule, Normalization normalization, Precision precision) {

    public NsConfig {
        if (schedule == null || normalization == null || precision == null) {
            throw new IllegalArgumentException("schedule, normalization and precision are all required");
        }
    }

    /** @return Keller Jordan's {@code zeropower_via_newtonschulz5}: keller×5, ‖G‖_F + 1e−7, fp32 */
    public static NsConfig keller() {
        return new NsConfig(Schedule.keller(5), Normalization.keller(), Precision.FP32);
    }

    /** @return the published Polar Express (d = 5, ℓ = 1e−3, 1.01 safety), 5 steps, ‖G‖_F·1.01 + 1e−7, fp32 */
    public static NsConfig polarExpress() {
        return new NsConfig(PolarExpress.published().withSteps(5), Normalization.safety(1.01), Precision.FP32);
    }

    /** @return a copy with another schedule */
    public NsConfig withSchedule(Schedule s) {
        return new NsConfig(s, normalization, precision);
    }

    /** @return a copy with another pre-normalization */
    public NsConfig withNormalization(Normalization n) {
        return new NsConfig(schedule, n, precision);
    }

    /** @return a copy with another precision */
    public NsConfig withPrecision(Precision p) {
        return new NsConfig(schedule, normalization, p);
    }

    /** @return a copy with the schedule cut or extended to q steps ({@link Schedule#withSteps}) */
    public NsConfig withSteps(int q) {
        return new NsConfig(schedule.withSteps(q), normalization, precision);
    }

    /** @return an orthogonalizer for this configuration (keeps buffers per shape between calls) */
    public NewtonSchulzOrthogonalizer orthogonalizer() {
        return new NewtonSchulzOrthogonalizer(this);
    }
}
