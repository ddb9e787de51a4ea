package dev.muonlab.optim;

import dev.muonlab.ns.NsConfig;
import dev.muonlab.ns.Orthogonalizer;
import dev.muonlab.ns.Precision;

/** The library's orthogonalizers the optimizer tests use, named for what the tests need. */
final class TestOrthogonalizers {

    private TestOrthogonalizers() {
    }

    /** Keller Jordan's NS5 in float32: (3.4445, −4.7750, 2.0315), X/(||X||_F + 1e-7). */
    static Orthogonalizer keller() {
        return NsConfig.keller().orthogonalizer();
    }

    /** Keller Jordan's NS5 in float64, for tests that compare double-precision closed forms. */
    static Orthogonalizer kellerFp64() {
        return NsConfig.keller().withPrecision(Precision.FP64).orthogonalizer();
    }

    /** The exact polar factor (LAPACK gesvd). */
    static Orthogonalizer exactPolar() {
        return MuonConfig.exactPolar();
    }
}
