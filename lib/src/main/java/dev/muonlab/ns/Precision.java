package dev.muonlab.ns;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * The arithmetic an orthogonalization runs in.
 *
 * <p>{@link #BF16} is an emulation of PyTorch's bfloat16 evaluation of Keller Jordan's
 * {@code zeropower_via_newtonschulz5} (github.com/KellerJordan/Muon, muon.py): every operation is
 * computed in fp32 and its result rounded to bfloat16 (round to nearest, ties to even), and the
 * coefficients are rounded too. Results are stored in float32 arrays whose values are all
 * bfloat16-representable, so they are deterministic and readable everywhere.
 */
public enum Precision {
    /** IEEE double precision throughout. */
    FP64(DataType.DOUBLE),
    /** IEEE single precision throughout (PyTorch's default CPU float32). */
    FP32(DataType.FLOAT),
    /** bfloat16 emulated operation by operation (8 significant bits), stored as float32. */
    BF16(DataType.FLOAT);

    private final DataType storage;

    Precision(DataType storage) {
        this.storage = storage;
    }

    /** @return the ND4J data type results are stored in (FLOAT for BF16 and FP32, DOUBLE for FP64) */
    public DataType storageType() {
        return storage;
    }

    /** @return machine epsilon of the arithmetic (2^-52, 2^-23, 2^-7) */
    public double epsilon() {
        return switch (this) {
            case FP64 -> 0x1p-52;
            case FP32 -> 0x1p-23;
            case BF16 -> 0x1p-7;
        };
    }

    /**
     * Parses {@code fp64}, {@code fp32}, {@code bf16} (case-insensitive; {@code float64},
     * {@code float32}, {@code bfloat16} also accepted).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Precision parse(String text) {
        return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "fp64", "float64", "double" -> FP64;
            case "fp32", "float32", "float" -> FP32;
            case "bf16", "bfloat16" -> BF16;
            default -> throw new IllegalArgumentException(
                    "unknown precision '" + text + "': expected fp64, fp32 or bf16");
        };
    }
}
