package dev.muonlab.ns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Golden tests against PyTorch 1.13 outputs of Keller Jordan's zeropower_via_newtonschulz5
 * (fixtures/ns/README.md): fp64, fp32 and bfloat16 on wide, tall and square inputs.
 */
class NewtonSchulzGoldenTest {

    /** fp64 vs PyTorch fp64: only summation order differs (issue 3 §4). */
    static final double FP64_REL_FRO = 1e-10;
    /** fp32 vs PyTorch fp32: fp32 itself is ~1e−6 from fp64 (manifest stats); issue 3 §4 asks 1e−5. */
    static final double FP32_REL_FRO = 1e-5;
    /**
     * bf16 emulation vs the NumPy emulation of the same rounding: the fixtures README says they are
     * equal on small matrices and about one bfloat16 step (2^−8 relative) apart on larger ones, where
     * fp32 GEMM summation order decides a few roundings; 1 % relative Frobenius is ~3 steps.
     */
    static final double BF16_VS_EMUL_REL_FRO = 1e-2;
    /** bf16 vs PyTorch's own bf16 run where PyTorch uses its fp32-accumulating bf16 GEMM (≥ 32 rows/cols). */
    static final double BF16_VS_TORCH_REL_FRO = 2e-2;
    /**
     * bf16 vs PyTorch's own bf16 run on the tiny 8x4 and 4x8 inputs: there PyTorch's result differs
     * from the NumPy emulation by 3.5–6.3 % (computed from the fixtures themselves), the size of the
     * bf16 error itself, presumably because its small-matrix GEMM accumulates differently; so only
     * the bf16-vs-fp64 band can be asserted.
     */
    static final double BF16_VS_TORCH_TINY_REL_FRO = 0.08;
    /** How far bf16 may be from fp64 (fixtures README: 2.5 to 7.5 %). */
    static final double BF16_VS_FP64_MAX = 0.08;

    @ParameterizedTest
    @ValueSource(strings = {"8x4", "4x8", "32x64", "96x48", "128x128"})
    void fp64MatchesPyTorch(String shape) {
        INDArray G = Fixtures.npy("G_" + shape).castTo(DataType.DOUBLE);
        INDArray X = NewtonSchulz.orthogonalize(G, NsConfig.keller().withPrecision(Precision.FP64));
        INDArray ref = Fixtures.npy("NS5_fp64_" + shape);
        assertEquals(DataType.DOUBLE, X.dataType());
        assertArrayEquals(ref.shape(), X.shape());
        assertTrue(Fixtures.relFro(X, ref) < FP64_REL_FRO, "rel err " + Fixtures.relFro(X, ref));
    }

    @ParameterizedTest
    @ValueSource(strings = {"8x4", "4x8", "32x64", "96x48", "128x128"})
    void fp32MatchesPyTorch(String shape) {
        INDArray G = Fixtures.npy("G_" + shape);
        INDArray X = NewtonSchulz.keller(G);
        INDArray ref = Fixtures.npy("NS5_fp32_" + shape);
        assertEquals(DataType.FLOAT, X.dataType());
        assertTrue(Fixtures.relFro(X, ref) < FP32_REL_FRO, "rel err " + Fixtures.relFro(X, ref));
    }

    @ParameterizedTest
    @CsvSource({"8x4, true", "4x8, true", "32x64, false", "96x48, false", "128x128, false"})
    void bf16EmulationMatchesPyTorch(String shape, boolean tiny) {
        INDArray G = Fixtures.npy("G_" + shape);
        INDArray X = NewtonSchulz.orthogonalize(G, NsConfig.keller().withPrecision(Precision.BF16));
        double vsEmul = Fixtures.relFro(X, Fixtures.npy("NS5_bf16_emul_" + shape));
        double vsTorch = Fixtures.relFro(X, Fixtures.npy("NS5_bf16_torch_" + shape));
        double vsFp64 = Fixtures.relFro(X, Fixtures.npy("NS5_fp64_" + shape));
        assertTrue(vsEmul < BF16_VS_EMUL_REL_FRO, "vs emul " + vsEmul);
        assertTrue(vsTorch < (tiny ? BF16_VS_TORCH_TINY_REL_FRO : BF16_VS_TORCH_REL_FRO), "vs torch " + vsTorch);
        assertTrue(vsFp64 < BF16_VS_FP64_MAX, "vs fp64 " + vsFp64);
        // every value is a bfloat16 number
        for (float v : X.data().asFloat()) {
            assertEquals(v, Bf16.round(v), 0.0f);
        }
    }
}
