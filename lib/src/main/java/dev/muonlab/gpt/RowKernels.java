package dev.muonlab.gpt;

import dev.muonlab.host.Lanes;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Fused fp32 row kernels of a GPT step: LayerNorm forward and backward (each 9 ND4J ops otherwise)
 * and column sums (bias gradients).
 *
 * <p>Pure functions of their array arguments: every method writes only the arrays it names as
 * outputs; row-major layouts. Written with the Vector API and {@link Lanes} (the same bits on every
 * JIT tier); loaded only when the JVM has {@code jdk.incubator.vector} (see {@link HostKernels}).
 */
final class RowKernels {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private RowKernels() {
    }

    /**
     * LayerNorm over each row (see {@link LayerNormOps}): y = x̂·g + b with x̂ = (x − μ)·rstd,
     * rstd = 1/√(σ² + ε), σ² the biased variance.
     *
     * @param b null for no bias. x, g, b: not modified. y, xhat (rows × cols), rstd (rows): written.
     */
    static void layerNormForward(float[] x, float[] g, float[] b, int rows, int cols, float eps,
                                 float[] y, float[] xhat, float[] rstd) {
        float[] lanes = new float[S.length()];          // for Lanes.sum
        int bound = S.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            float mean = sum(x, o, cols, bound, lanes) / cols;
            FloatVector vm = FloatVector.broadcast(S, mean);
            FloatVector acc = FloatVector.zero(S);
            int j = 0;
            for (; j < bound; j += S.length()) {
                FloatVector d = FloatVector.fromArray(S, x, o + j).sub(vm);
                acc = d.fma(d, acc);
            }
            acc.intoArray(lanes, 0);
            float var = Lanes.sum(lanes);
            for (; j < cols; j++) {
                float d = x[o + j] - mean;
                var += d * d;
            }
            float rs = (float) (1.0 / Math.sqrt(var / cols + eps));
            rstd[r] = rs;
            FloatVector vr = FloatVector.broadcast(S, rs);
            for (j = 0; j < bound; j += S.length()) {
                FloatVector h = FloatVector.fromArray(S, x, o + j).sub(vm).mul(vr);
                h.intoArray(xhat, o + j);
                FloatVector gy = h.mul(FloatVector.fromArray(S, g, j));
                (b == null ? gy : gy.add(FloatVector.fromArray(S, b, j))).intoArray(y, o + j);
            }
            for (; j < cols; j++) {
                float h = (x[o + j] - mean) * rs;
                xhat[o + j] = h;
                y[o + j] = h * g[j] + (b == null ? 0f : b[j]);
            }
        }
    }

    /**
     * Backward of {@link #layerNormForward}: with d = dy·g, dx = rstd·(d − mean(d) − x̂·mean(d·x̂)),
     * dg = Σ_rows dy·x̂, db = Σ_rows dy.
     *
     * @param db null when there is no bias. dy, xhat, rstd, g: not modified. dx (rows × cols),
     *           dg, db (cols): written.
     */
    static void layerNormBackward(float[] dy, float[] xhat, float[] rstd, float[] g, int rows, int cols,
                                  float[] dx, float[] dg, float[] db) {
        float[] lanes = new float[S.length()];          // for Lanes.sum
        java.util.Arrays.fill(dg, 0, cols, 0f);
        if (db != null) {
            java.util.Arrays.fill(db, 0, cols, 0f);
        }
        int bound = S.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            FloatVector sd = FloatVector.zero(S);
            FloatVector sdx = FloatVector.zero(S);
            int j = 0;
            for (; j < bound; j += S.length()) {
                FloatVector vdy = FloatVector.fromArray(S, dy, o + j);
                FloatVector vh = FloatVector.fromArray(S, xhat, o + j);
                FloatVector d = vdy.mul(FloatVector.fromArray(S, g, j));
                sd = sd.add(d);
                sdx = d.fma(vh, sdx);
                vdy.fma(vh, FloatVector.fromArray(S, dg, j)).intoArray(dg, j);
                if (db != null) {
                    vdy.add(FloatVector.fromArray(S, db, j)).intoArray(db, j);
                }
            }
            sd.intoArray(lanes, 0);
            float meanD = Lanes.sum(lanes);
            sdx.intoArray(lanes, 0);
            float meanDx = Lanes.sum(lanes);
            for (int t = j; t < cols; t++) {
                float d = dy[o + t] * g[t];
                meanD += d;
                meanDx += d * xhat[o + t];
                dg[t] += dy[o + t] * xhat[o + t];
                if (db != null) {
                    db[t] += dy[o + t];
                }
            }
            meanD /= cols;
            meanDx /= cols;
            float rs = rstd[r];
            FloatVector vmd = FloatVector.broadcast(S, meanD);
            FloatVector vmdx = FloatVector.broadcast(S, meanDx);
            for (j = 0; j < bound; j += S.length()) {
                FloatVector d = FloatVector.fromArray(S, dy, o + j).mul(FloatVector.fromArray(S, g, j));
                FloatVector vh = FloatVector.fromArray(S, xhat, o + j);
                d.sub(vmd).sub(vh.mul(vmdx)).mul(rs).intoArray(dx, o + j);
            }
            for (; j < cols; j++) {
                dx[o + j] = (dy[o + j] * g[j] - meanD - xhat[o + j] * meanDx) * rs;
            }
        }
    }


    /**
     * Column sums of a (rows × cols) row-major matrix: out[j] = Σ_r x[r, j], as a bias gradient
     * Σₙ dy. x: not modified; out (cols): written.
     */
    static void columnSums(float[] x, int rows, int cols, float[] out) {
        java.util.Arrays.fill(out, 0, cols, 0f);
        int bound = S.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            int j = 0;
            for (; j < bound; j += S.length()) {
                FloatVector.fromArray(S, x, o + j).add(FloatVector.fromArray(S, out, j)).intoArray(out, j);
            }
            for (; j < cols; j++) {
                out[j] += x[o + j];
            }
        }
    }

    /** @return Σ x[o .. o + n), vector lanes then the tail */
    private static float sum(float[] x, int o, int n, int bound, float[] lanes) {
        FloatVector acc = FloatVector.zero(S);
        int j = 0;
        for (; j < bound; j += S.length()) {
            acc = acc.add(FloatVector.fromArray(S, x, o + j));
        }
        acc.intoArray(lanes, 0);
        float s = Lanes.sum(lanes);
        for (; j < n; j++) {
            s += x[o + j];
        }
        return s;
    }
}
