package dev.muonlab.experiments.ns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.muonlab.progress.ProgressListener;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/**
 * Kim &amp; Oh's claim (arXiv 2601.19156, §5, App. G) at smoke scale on Fashion-MNIST: Muon with q = 3
 * Newton-Schulz steps of p₂ trains nearly as well per step as Muon with the exact polar factor, and
 * better than SGD with momentum (lr 0.08, momentum 0.7, batch 256). The MLP is narrowed to
 * 784-128-64-10 to keep the SVD runs short; 16 steps. Also: runs in parallel give the same numbers
 * as runs one after another, and the live reports arrive complete and in order.
 */
class NsStepsStudyTest {

    /** Allowed gap, in nats of mean training loss over the epoch, between q = 3 and Muon-SVD. */
    private static final double MARGIN_TO_SVD = 0.25;
    /** Muon q = 3 must beat SGD-M by at least this much (nats). */
    private static final double MARGIN_BELOW_SGD = 0.3;

    @Test
    void muonWithThreeNsStepsTracksMuonSvdAndBeatsSgdMomentum() {
        NsStepsConfig config = NsStepsConfig.smoke();
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        List<Integer> snapshots = Collections.synchronizedList(new ArrayList<>());
        NsStepsResult result = NsStepsStudy.run(config, 0, 2, (d, t, m) -> events.add(d + "/" + t),
                table -> snapshots.add(table.rowCount()));
        NsStepsResult sequential = NsStepsStudy.run(config, 0, 1, ProgressListener.NONE, table -> { });
        // Parallel runs (one native thread each) give bit-identical curves to runs one after another.
        assertSameExceptSeconds(sequential.curves(), result.curves());
        assertSameExceptSeconds(sequential.epochs(), result.epochs());
        // Progress reached the total; the live snapshots grew one epoch row at a time, in order.
        long total = 3L * config.epochs() * config.stepsPerEpoch();
        assertTrue(events.contains(total + "/" + total), events.toString());
        assertEquals(3 * (config.epochs() + 1), snapshots.size());
        for (int i = 0; i < snapshots.size(); i++) {
            assertEquals(i + 1, snapshots.get(i));
        }
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

    /** Every column but the wall-clock one, value by value (Double.equals: bit patterns, NaN equal to NaN). */
    private static void assertSameExceptSeconds(Table expected, Table actual) {
        assertEquals(expected.columnNames(), actual.columnNames());
        assertEquals(expected.rowCount(), actual.rowCount());
        for (String name : expected.columnNames()) {
            if (!name.equals("seconds")) {
                assertEquals(expected.column(name).asList(), actual.column(name).asList(), name);
            }
        }
    }
}
