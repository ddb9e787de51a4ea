package dev.muonlab.experiments.ns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Kim &amp; Oh's claim (arXiv 2601.19156, §5, App. G) at smoke scale on Fashion-MNIST: Muon with q = 3
 * Newton-Schulz steps of p₂ trains nearly as well per step as Muon with the exact polar factor, and
 * better than SGD with momentum (lr 0.08, momentum 0.7, batch 256). The MLP is narrowed to
 * 784-128-64-10 to keep the SVD runs short; 16 steps.
 */
class NsStepsStudyTest {

    /** Allowed gap, in nats of mean training loss over the epoch, between q = 3 and Muon-SVD. */
    private static final double MARGIN_TO_SVD = 0.25;
    /** Muon q = 3 must beat SGD-M by at least this much (nats). */
    private static final double MARGIN_BELOW_SGD = 0.3;

    @Test
    void muonWithThreeNsStepsTracksMuonSvdAndBeatsSgdMomentum() {
        NsStepsConfig config = NsStepsConfig.smoke();
        NsStepsResult result = NsStepsStudy.run(config);
        double sgd = result.finalTrainLoss("SGD-M");
        double svd = result.finalTrainLoss("Muon-SVD");
        double q3 = result.finalTrainLoss("Muon NS κ=2 q=3");
        assertTrue(Math.abs(q3 - svd) <= MARGIN_TO_SVD, "q=3 " + q3 + " vs SVD " + svd);
        assertTrue(q3 <= sgd - MARGIN_BELOW_SGD, "q=3 " + q3 + " vs SGD-M " + sgd);
        assertTrue(result.finalTestAccuracy("Muon NS κ=2 q=3") > result.finalTestAccuracy("SGD-M"));
        // One curve point per logEvery steps and an epoch-0 row per variant.
        assertEquals(3 * config.stepsPerEpoch() / config.logEvery(), result.curves().rowCount());
        assertEquals(3 * (config.epochs() + 1), result.epochs().rowCount());
    }
}
