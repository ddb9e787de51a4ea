package dev.muonlab.optim;

import dev.muonlab.ns.Orthogonalizer;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Update RMS per layer shape for each {@link UpdateScale}: Moonlight's argument (arXiv 2502.16982,
 * Lemma 1 and Eq. 4; references §3.6) as a table. The polar factor of a full-rank (A, B) matrix has
 * RMS 1/sqrt(max(A, B)), so the bare Muon update shrinks with width, Keller's ORIGINAL scale fixes
 * only tall matrices, and MATCH_RMS_ADAMW makes it 0.2 for every shape, like AdamW's typical update.
 */
public final class UpdateRmsTable {

    private UpdateRmsTable() {
    }

    /**
     * @param shapes         (rows, cols) = (out, in) shapes, e.g. a transformer's [H,H], [4H,H], [H,4H]. Not modified.
     * @param orthogonalizer the polar factor to use (exact, or an NS variant to see its deviation)
     * @param seed           seed of the Gaussian test matrices
     * @return columns shape, rows, cols, scale, factor (s), update_rms (measured), lemma1_rms (s/sqrt(max(rows, cols)))
     */
    public static Table of(List<long[]> shapes, Orthogonalizer orthogonalizer, long seed) {
        StringColumn shape = StringColumn.create("shape");
        IntColumn rows = IntColumn.create("rows");
        IntColumn cols = IntColumn.create("cols");
        StringColumn scale = StringColumn.create("scale");
        DoubleColumn factor = DoubleColumn.create("factor");
        DoubleColumn rms = DoubleColumn.create("update_rms");
        DoubleColumn lemma = DoubleColumn.create("lemma1_rms");
        Random random = new Random(seed);
        for (long[] s : shapes) {
            double[] data = new double[Math.toIntExact(s[0] * s[1])];
            for (int i = 0; i < data.length; i++) {
                data[i] = random.nextGaussian();
            }
            INDArray O = orthogonalizer.orthogonalize(Nd4j.create(data, new long[] {s[0], s[1]}, DataType.DOUBLE));
            double polarRms = O.norm2Number().doubleValue() / Math.sqrt(O.length());
            for (UpdateScale u : UpdateScale.values()) {
                double f = u.factor(s[0], s[1]);
                shape.append(s[0] + "x" + s[1]);
                rows.append((int) s[0]);
                cols.append((int) s[1]);
                scale.append(u.name());
                factor.append(f);
                rms.append(f * polarRms);
                lemma.append(f / Math.sqrt(Math.max(s[0], s[1])));
            }
        }
        return Table.create("Muon update RMS by shape and scale", shape, rows, cols, scale, factor, rms, lemma);
    }

    /** @return the (out, in) shapes of one transformer block of width h: proj [h,h], fc [4h,h], fc proj [h,4h], qkv [3h,h] */
    public static List<long[]> transformerShapes(long h) {
        return List.of(new long[] {h, h}, new long[] {4 * h, h}, new long[] {h, 4 * h}, new long[] {3 * h, h});
    }
}
