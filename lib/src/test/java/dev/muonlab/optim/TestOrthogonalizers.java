package dev.muonlab.optim;

import dev.muonlab.ns.Orthogonalizer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Test-side Newton-Schulz iterations, written from the formulas in the fixtures' README (Keller
 * Jordan's quintic, 5 steps, wide orientation, X/(||X||_F + eps) or X/max(||X||_F, eps)), so the
 * optimizer tests do not depend on the library's NS code they are not about.
 */
final class TestOrthogonalizers {

    private TestOrthogonalizers() {
    }

    /** Keller Jordan's NS5 in float32: (3.4445, −4.7750, 2.0315), X/(||X||_F + 1e-7). */
    static Orthogonalizer keller() {
        return quintic(3.4445, -4.7750, 2.0315, 5, false);
    }

    /** torch.optim.Muon's NS5: same coefficients, X/max(||X||_F, 1e-7). */
    static Orthogonalizer torch() {
        return quintic(3.4445, -4.7750, 2.0315, 5, true);
    }

    /**
     * A convergent quintic (15/8, −10/8, 3/8) run long enough to reach the polar factor of a
     * well-conditioned matrix to float32 accuracy: the exact-polar stand-in for property tests.
     */
    static Orthogonalizer nearExactPolar() {
        return quintic(15.0 / 8, -10.0 / 8, 3.0 / 8, 40, false);
    }

    static Orthogonalizer quintic(double a, double b, double c, int steps, boolean maxNormalization) {
        return new Orthogonalizer() {
            @Override
            public INDArray orthogonalize(INDArray G) {
                boolean tall = G.rows() > G.columns();
                INDArray X = (tall ? G.transpose() : G).dup('c');
                double norm = X.norm2Number().doubleValue();
                X.divi(maxNormalization ? Math.max(norm, 1e-7) : norm + 1e-7);
                for (int k = 0; k < steps; k++) {
                    INDArray A = X.mmul(X.transpose());
                    INDArray B = A.mul(b).addi(A.mmul(A).muli(c));
                    X = X.mul(a).addi(B.mmul(X));
                }
                return tall ? X.transpose().dup('c') : X;
            }

            @Override
            public String toString() {
                return "TestNS(" + a + ", " + b + ", " + c + ")x" + steps;
            }
        };
    }

    static INDArray f32(INDArray x) {
        return x.castTo(DataType.FLOAT);
    }
}
