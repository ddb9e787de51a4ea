package dev.muonlab.host;

import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

import java.lang.ref.Reference;

/**
 * When and how ND4J arrays take the fused CPU path: fp32 operands copied out of ND4J's native
 * buffers into per-thread Java arrays, computed with the Vector API, copied back (a copy runs at
 * ~40 µs per 1.5 MB, against 15-30 µs of dispatch per ND4J op and one memory pass each).
 *
 * <p>The path applies only where it computes what the ND4J ops compute: CPU backend, fp32, dense
 * row-major arrays, and a JVM started with {@code --add-modules jdk.incubator.vector} (the
 * launcher, kernelspec, benchmarks and test JVMs add it). Everything else (CUDA, fp64, strided
 * views, a plain JVM) takes the ND4J ops, which stay the reference the tests compare with.
 */
public final class HostArrays {

    /** Whether the Vector API module is in this JVM's boot layer. */
    public static final boolean VECTOR_API = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    private static final int SLOTS = 8;
    private static volatile boolean enabled = true;
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[SLOTS][]);

    private HostArrays() {
    }

    /** Sets whether the fused path may be used (tests compare it with the ND4J path); returns the previous setting. */
    public static boolean setEnabled(boolean on) {
        boolean before = enabled;
        enabled = on;
        return before;
    }

    /** @return whether the fused path applies to all these arrays (null entries are ignored) */
    public static boolean applies(INDArray... arrays) {
        if (!enabled || !VECTOR_API || !Nd4j.getEnvironment().isCPU()) {
            return false;
        }
        for (INDArray a : arrays) {
            if (a != null && (a.dataType() != DataType.FLOAT || a.ordering() != 'c' || !Shape.hasDefaultStridesForShape(a))) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param slot 0..7; a slot is reused by the next call naming it on this thread
     * @return this thread's scratch array in the slot, at least n long (contents undefined)
     */
    public static float[] scratch(int slot, int n) {
        float[][] pool = SCRATCH.get();
        if (pool[slot] == null || pool[slot].length < n) {
            pool[slot] = new float[n];
        }
        return pool[slot];
    }

    /** @return the slot's scratch array holding a copy of x's elements, row-major. x: not modified. */
    public static float[] read(INDArray x, int slot) {
        int n = (int) x.length();
        float[] into = scratch(slot, n);
        new FloatPointer(x.data().addressPointer()).position(x.offset()).get(into, 0, n);
        Reference.reachabilityFence(x);
        return into;
    }

    /** Copies the first x.length() values of from into x. x: modified. @return x */
    public static INDArray write(float[] from, INDArray x) {
        new FloatPointer(x.data().addressPointer()).position(x.offset()).put(from, 0, (int) x.length());
        Reference.reachabilityFence(x);
        return x;
    }
}
