package dev.muonlab.gpt;

import dev.muonlab.host.Lanes;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Fused fp32 kernels for the elementwise and row-wise parts of a GPT step, on Java arrays with the
 * Vector API (SIMD lanes; {@code exp} from the JDK's vector math library). Each kernel does in one
 * pass what takes 5-10 ND4J ops, each a full pass over memory plus 15-30 µs of dispatch.
 *
 * <p>Pure functions of their array arguments: every method writes only the arrays it names as
 * outputs. Row-major layouts; {@code rows × cols} elements. Loaded only when the JVM runs with
 * {@code --add-modules jdk.incubator.vector} (see {@link HostKernels}).
 */
final class VectorKernels {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final float INV_SQRT2 = (float) (1.0 / Math.sqrt(2.0));
    private static final float INV_SQRT_2PI = (float) (1.0 / Math.sqrt(2.0 * Math.PI));
    /**
     * Chebyshev fit of erfc on z ≥ 0 with fractional error below 1.2e-7 everywhere (Press et al.,
     * Numerical Recipes, 2nd ed., §6.2, {@code erfcc}): erfc(z) = t·exp(−z² + P(t)), t = 1/(1 + z/2),
     * P(t) = Σ c_i tⁱ with these c_0..c_9.
     */
    private static final float[] ERFC = {-1.26551223f, 1.00002368f, 0.37409196f, 0.09678418f, -0.18628806f,
        0.27886807f, -1.13520398f, 1.48851587f, -0.82215223f, 0.17087277f};

    /** Elements per chunk of {@link #gelu}: its two 4 KiB exponent buffers stay in L1. */
    private static final int CHUNK = 1024;
    private static final FloatVector ONE = FloatVector.broadcast(S, 1f);
    private static final FloatVector E0 = FloatVector.broadcast(S, ERFC[0]), E1 = FloatVector.broadcast(S, ERFC[1]),
            E2 = FloatVector.broadcast(S, ERFC[2]), E3 = FloatVector.broadcast(S, ERFC[3]),
            E4 = FloatVector.broadcast(S, ERFC[4]), E5 = FloatVector.broadcast(S, ERFC[5]),
            E6 = FloatVector.broadcast(S, ERFC[6]), E7 = FloatVector.broadcast(S, ERFC[7]),
            E8 = FloatVector.broadcast(S, ERFC[8]), E9 = FloatVector.broadcast(S, ERFC[9]);

    private VectorKernels() {
    }

    /** @return the lanes per vector on this machine (16 with AVX-512, 8 with AVX2) */
    static int lanes() {
        return S.length();
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
            float var = Lanes.sum(acc, lanes);
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
            float meanD = Lanes.sum(sd, lanes);
            float meanDx = Lanes.sum(sdx, lanes);
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

    /** Exact GELU, y = x·Φ(x) (see {@link GeluOps}). x: not modified; y (n): written. */
    static void geluForward(float[] x, int n, float[] y) {
        gelu(x, null, n, y);
    }

    /** dx = dy·(Φ(x) + x·φ(x)), the GELU derivative. x, dy: not modified; dx (n): written. */
    static void geluBackward(float[] x, float[] dy, int n, float[] dx) {
        gelu(x, dy, n, dx);
    }

    /**
     * GELU (dy null) or its backward, with Φ(x) = ½·erfc(−x/√2): ½E for x ≤ 0, 1 − ½E for x &gt; 0,
     * E = erfc(|x|/√2) = t·exp(−z² + P(t)), so the left tail keeps its relative accuracy (no 1 − ...
     * cancellation).
     *
     * <p>Works in chunks of {@link #CHUNK} elements, three loops each: the exponents, then
     * {@code exp} alone, then the products. One loop doing all of it ran 2.5-3× slower on JDK 17:
     * C2 compiles the vector {@code exp} as a call, and the long polynomial around it spilled.
     */
    private static void gelu(float[] x, float[] dy, int n, float[] out) {
        float[] erfcExp = new float[CHUNK];       // −z² + P(t), then its exp
        float[] gaussExp = new float[CHUNK];      // −x²/2, then its exp
        int vectorEnd = S.loopBound(n);
        for (int c0 = 0; c0 < vectorEnd; c0 += CHUNK) {
            int len = Math.min(CHUNK, vectorEnd - c0);
            for (int k = 0; k < len; k += S.length()) {
                FloatVector v = FloatVector.fromArray(S, x, c0 + k);
                FloatVector z = v.abs().mul(INV_SQRT2);
                FloatVector t = ONE.div(z.mul(0.5f).add(1f));
                FloatVector p = t.mul(E9).add(E8).fma(t, E7).fma(t, E6).fma(t, E5).fma(t, E4).fma(t, E3).fma(t, E2)
                        .fma(t, E1).fma(t, E0);
                z.mul(z).neg().add(p).intoArray(erfcExp, k);
                if (dy != null) {
                    v.mul(v).mul(-0.5f).intoArray(gaussExp, k);
                }
            }
            exp(erfcExp, len);
            if (dy != null) {
                exp(gaussExp, len);
            }
            for (int k = 0; k < len; k += S.length()) {
                FloatVector v = FloatVector.fromArray(S, x, c0 + k);
                FloatVector t = ONE.div(v.abs().mul(INV_SQRT2 * 0.5f).add(1f));
                FloatVector half = t.mul(FloatVector.fromArray(S, erfcExp, k)).mul(0.5f);
                FloatVector cdf = half.blend(ONE.sub(half), v.compare(VectorOperators.GT, 0f));
                if (dy == null) {
                    v.mul(cdf).intoArray(out, c0 + k);
                } else {
                    FloatVector pdf = FloatVector.fromArray(S, gaussExp, k).mul(INV_SQRT_2PI);
                    v.fma(pdf, cdf).mul(FloatVector.fromArray(S, dy, c0 + k)).intoArray(out, c0 + k);
                }
            }
        }
        for (int i = vectorEnd; i < n; i++) {
            if (dy == null) {
                out[i] = x[i] * cdf(x[i]);
            } else {
                float pdf = (float) Math.exp(-0.5 * x[i] * x[i]) * INV_SQRT_2PI;
                out[i] = (cdf(x[i]) + x[i] * pdf) * dy[i];
            }
        }
    }

    /** a[0..len) ← exp(a[0..len)), len a multiple of the lane count. a: modified. */
    private static void exp(float[] a, int len) {
        for (int k = 0; k < len; k += S.length()) {
            Lanes.exp(FloatVector.fromArray(S, a, k)).intoArray(a, k);
        }
    }

    private static float cdf(float x) {
        float z = Math.abs(x) * INV_SQRT2;
        float t = 1f / (1f + 0.5f * z);
        float p = ERFC[ERFC.length - 1];
        for (int c = ERFC.length - 2; c >= 0; c--) {
            p = p * t + ERFC[c];
        }
        float half = 0.5f * t * (float) Math.exp(-z * z + p);
        return x > 0 ? 1f - half : half;
    }

    /**
     * Causal softmax of each row of scores s (rows × T, rows a multiple of T): row r attends to
     * columns 0..(r mod T), as adding nanoGPT's −∞ mask above the diagonal and taking the softmax;
     * the masked columns become 0. s: modified in place.
     *
     * <p>The last, partly valid vector of a row runs under a lane mask: a scalar tail there cost
     * up to 15 scalar {@code exp} calls per row (14 ns each on JDK 17).
     */
    static void causalSoftmaxRows(float[] s, int rows, int T) {
        float[] lanes = new float[S.length()];          // for Lanes.sum
        int L = S.length();
        for (int r = 0; r < rows; r++) {
            int o = r * T;
            int len = r % T + 1;
            int covered = Math.min((len + L - 1) / L * L, T / L * L);   // whole vectors that fit in the row
            FloatVector vmax = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
            for (int j = 0; j < covered; j += L) {
                VectorMask<Float> valid = S.indexInRange(j, len);
                vmax = vmax.lanewise(VectorOperators.MAX, FloatVector.fromArray(S, s, o + j), valid);
            }
            float max = vmax.reduceLanes(VectorOperators.MAX);
            for (int j = covered; j < len; j++) {
                max = Math.max(max, s[o + j]);
            }
            FloatVector bmax = FloatVector.broadcast(S, max);
            FloatVector acc = FloatVector.zero(S);
            for (int j = 0; j < covered; j += L) {
                VectorMask<Float> valid = S.indexInRange(j, len);
                FloatVector e = Lanes.exp(FloatVector.fromArray(S, s, o + j).sub(bmax))
                        .blend(0f, valid.not());
                e.intoArray(s, o + j);
                acc = acc.add(e);
            }
            float sum = Lanes.sum(acc, lanes);
            for (int j = covered; j < len; j++) {
                float e = (float) Math.exp(s[o + j] - max);
                s[o + j] = e;
                sum += e;
            }
            float inv = 1f / sum;
            int end = Math.max(covered, len);
            for (int j = 0; j < covered; j += L) {
                FloatVector.fromArray(S, s, o + j).mul(inv).intoArray(s, o + j);
            }
            for (int j = covered; j < len; j++) {
                s[o + j] *= inv;
            }
            java.util.Arrays.fill(s, o + end, o + T, 0f);
        }
    }

    /**
     * Softmax backward on each row: ds = att ⊙ (datt − Σ_j att_j·datt_j). att, datt (rows × T): not
     * modified; ds: written (may be datt itself).
     */
    static void softmaxBackwardRows(float[] att, float[] datt, int rows, int T, float[] ds) {
        float[] lanes = new float[S.length()];          // for Lanes.sum
        int bound = S.loopBound(T);
        for (int r = 0; r < rows; r++) {
            int o = r * T;
            FloatVector acc = FloatVector.zero(S);
            int j = 0;
            for (; j < bound; j += S.length()) {
                acc = FloatVector.fromArray(S, att, o + j).fma(FloatVector.fromArray(S, datt, o + j), acc);
            }
            float dot = Lanes.sum(acc, lanes);
            for (int t = j; t < T; t++) {
                dot += att[o + t] * datt[o + t];
            }
            FloatVector vdot = FloatVector.broadcast(S, dot);
            for (j = 0; j < bound; j += S.length()) {
                FloatVector a = FloatVector.fromArray(S, att, o + j);
                a.mul(FloatVector.fromArray(S, datt, o + j).sub(vdot)).intoArray(ds, o + j);
            }
            for (; j < T; j++) {
                ds[o + j] = att[o + j] * (datt[o + j] - dot);
            }
        }
    }

    /**
     * Mean cross-entropy of rows of logits against targets, with the log-sum-exp shifted by the row
     * maximum, and its gradient (softmax − onehot)/rows.
     *
     * @param logits (rows × V). Not modified.
     * @param grad   (rows × V). Written.
     * @return (1/rows)·Σ_r (log Σ_j exp(l_rj) − l_r,target_r), accumulated in fp64
     */
    static double crossEntropyRows(float[] logits, int rows, int V, int[] targets, float[] grad) {
        float[] lanes = new float[S.length()];          // for Lanes.sum
        int bound = S.loopBound(V);
        double total = 0;
        float invRows = 1f / rows;
        for (int r = 0; r < rows; r++) {
            int o = r * V;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < V; j++) {
                max = Math.max(max, logits[o + j]);
            }
            FloatVector vmax = FloatVector.broadcast(S, max);
            FloatVector acc = FloatVector.zero(S);
            int j = 0;
            for (; j < bound; j += S.length()) {
                FloatVector e = Lanes.exp(FloatVector.fromArray(S, logits, o + j).sub(vmax));
                e.intoArray(grad, o + j);
                acc = acc.add(e);
            }
            double sum = Lanes.sum(acc, lanes);
            for (; j < V; j++) {
                float e = (float) Math.exp(logits[o + j] - max);
                grad[o + j] = e;
                sum += e;
            }
            int t = targets[r];
            total += Math.log(sum) - (logits[o + t] - max);
            float scale = (float) (1.0 / sum) * invRows;
            for (j = 0; j < bound; j += S.length()) {
                FloatVector.fromArray(S, grad, o + j).mul(scale).intoArray(grad, o + j);
            }
            for (; j < V; j++) {
                grad[o + j] *= scale;
            }
            grad[o + t] -= invRows;
        }
        return total / rows;
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
        float s = Lanes.sum(acc, lanes);
        for (; j < n; j++) {
            s += x[o + j];
        }
        return s;
    }
}
