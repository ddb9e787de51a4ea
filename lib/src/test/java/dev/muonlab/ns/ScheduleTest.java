package dev.muonlab.ns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Named schedules (references.md §5), the Taylor family (Kim &amp; Oh Def. 2), parsing, bf16 rounding. */
class ScheduleTest {

    @Test
    void taylorFamilyHasTheExactCoefficients() {
        assertEquals(1.0, TaylorFamily.taylorCoefficient(0));
        assertEquals(0.5, TaylorFamily.taylorCoefficient(1));
        assertEquals(3.0 / 8, TaylorFamily.taylorCoefficient(2));
        assertEquals(5.0 / 16, TaylorFamily.taylorCoefficient(3));
        assertEquals(35.0 / 128, TaylorFamily.taylorCoefficient(4));
        assertEquals(63.0 / 256, TaylorFamily.taylorCoefficient(5));
        assertArrayEquals(new double[] {1.5, -0.5}, TaylorFamily.coefficients(1));
        assertArrayEquals(new double[] {15.0 / 8, -10.0 / 8, 3.0 / 8}, TaylorFamily.coefficients(2));
        assertArrayEquals(new double[] {35.0 / 16, -35.0 / 16, 21.0 / 16, -5.0 / 16}, TaylorFamily.coefficients(3));
        assertArrayEquals(new double[] {315.0 / 128, -105.0 / 32, 189.0 / 64, -45.0 / 32, 35.0 / 128}, TaylorFamily.coefficients(4));
        assertArrayEquals(new double[] {693.0 / 256, -1155.0 / 256, 1386.0 / 256, -990.0 / 256, 385.0 / 256, -63.0 / 256},
                TaylorFamily.coefficients(5));
        for (int kappa = 1; kappa <= 6; kappa++) {
            assertEquals(1.0, TaylorFamily.polynomial(kappa).apply(1), 1e-14);
            assertEquals(0.0, TaylorFamily.polynomial(kappa).derivative(1), 1e-12);
        }
    }

    @Test
    void namedSchedulesAndSteps() {
        assertEquals(5, Schedule.keller(5).size());
        assertEquals(15, Schedule.keller(5).matrixProducts());
        assertEquals(10, Schedule.cubic(5).matrixProducts());
        assertEquals(6, Schedule.you().size());
        assertEquals(3955.0 / 1024, Schedule.you().steps().get(0).coefficient(0));
        Schedule you8 = Schedule.you().withSteps(8);
        assertEquals(you8.steps().get(5), you8.steps().get(7));
        assertEquals(3, Schedule.you().withSteps(3).size());
        assertThrows(IllegalArgumentException.class, () -> Schedule.keller(0));
        assertThrows(IllegalArgumentException.class, () -> new Schedule("x", java.util.List.of()));
    }

    @Test
    void specsParse() {
        assertEquals(Schedule.keller(5).steps(), ScheduleSpec.parse("keller").steps());
        assertEquals(Schedule.taylor(3, 7).steps(), ScheduleSpec.parse("taylor:3", 7).steps());
        assertEquals(Schedule.quintic(5).steps(), ScheduleSpec.parse("quintic").steps());
        assertEquals(PolarExpress.published().withSteps(5).steps(), ScheduleSpec.parse("polar-express").steps());
        assertEquals(PolarExpress.generate(7, 1e-2, 4).steps(), ScheduleSpec.parse("polar-express:d=7,l=1e-2,steps=4").steps());
        Schedule c = ScheduleSpec.parse("custom:\"1.5,-0.5;2,-1.5,0.5\"");
        assertEquals(2, c.size());
        assertEquals(OddPolynomial.of(2, -1.5, 0.5), c.steps().get(1));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ScheduleSpec.parse("newton")).getMessage().contains("unknown schedule"));
        assertThrows(IllegalArgumentException.class, () -> ScheduleSpec.parse("taylor"));
        assertThrows(IllegalArgumentException.class, () -> ScheduleSpec.parse("custom:1,x"));
        assertThrows(IllegalArgumentException.class, () -> ScheduleSpec.parse("polar-express:d=4"));
    }

    @Test
    void bfloat16RoundingIsNearestEven() {
        // Keller's coefficients in bf16, as the fixtures README lists them
        assertArrayEquals(new double[] {3.4375, -4.78125, 2.03125}, Schedule.KELLER.roundedToBf16().coefficients());
        assertEquals(1.0f, Bf16.round(1.0f));
        assertEquals(1.0f, Bf16.round(1.0f + 0x1p-8f));               // tie → even (1.0)
        assertEquals(1.0f + 0x1p-6f, Bf16.round(1.0f + 0x1p-7f + 0x1p-8f)); // tie → even (up)
        assertEquals(1.0f + 0x1p-7f, Bf16.round(1.0f + 0x1p-8f + 0x1p-12f)); // above the tie → up
        assertTrue(Float.isNaN(Bf16.round(Float.NaN)));
        assertEquals(Float.POSITIVE_INFINITY, Bf16.round(Float.POSITIVE_INFINITY));
    }

    @Test
    void normalizationsParseAndDivide() {
        assertEquals(Normalization.keller(), Normalization.parse("frobenius"));
        assertEquals(Normalization.safety(1.02), Normalization.parse("safety:1.02"));
        assertEquals(Normalization.Kind.SPECTRAL, Normalization.parse("spectral").kind());
        assertThrows(IllegalArgumentException.class, () -> Normalization.parse("l1"));
        assertEquals(5 + 1e-7, Normalization.keller().divisorFromFrobenius(5, Precision.FP64), 0);
        assertEquals(1e-7, Normalization.torch().divisorFromFrobenius(0, Precision.FP64), 0);
        assertEquals(5 * 1.01 + 1e-7, Normalization.safety(1.01).divisorFromFrobenius(5, Precision.FP64), 1e-15);
        var G = TestMatrices.withSpectrum(9, 6, 9, new double[] {3, 2, 1, 0.5, 0.1, 0.01});
        assertEquals(3, Normalization.spectralEstimate(G, 200), 1e-9);
    }
}
