package dev.muonlab.cli;

import dev.muonlab.host.CudaSupport;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Optional;

/**
 * {@code --backend cpu|cuda}: makes sure ND4J will run on the backend asked for, and says in a
 * sentence what to do when it cannot, before ND4J's own failure (a stack trace ending in
 * "NoAvailableBackendException", or CUDA_ERROR_NO_BINARY_FOR_GPU on a GPU too new for it) would.
 *
 * <p>Three stages, cheapest first: which backend this build put on the class path (without loading
 * it), whether the machine's first GPU can run ND4J's CUDA kernels ({@link CudaSupport}), and which
 * backend ND4J then loaded.
 */
final class BackendCheck {

    static final String CPU_BACKEND_CLASS = "org.nd4j.linalg.cpu.nativecpu.CpuBackend";
    static final String CUDA_BACKEND_CLASS = "org.nd4j.linalg.jcublas.JCublasBackend";
    static final String BUILD_CUDA = "build the CUDA variant with `mvn -Pcuda clean package -DskipTests` (downloads "
            + "nd4j-cuda-11.6 and the CUDA 11.6 redistributable, about 2.4 GB) on a machine with an NVIDIA GPU of compute "
            + "capability 3.7 to 8.9 and a driver for CUDA 11.6 or newer";
    static final String BUILD_CPU = "rebuild without -Pcuda: mvn clean package -DskipTests";

    private BackendCheck() {
    }

    /**
     * Loads ND4J (its backend starts) when the checks before it pass.
     *
     * @param wanted       "cpu" or "cuda"
     * @param nvidiaSmi    the GPU query to run for cuda, {@code CudaSupport.NVIDIA_SMI} outside tests
     * @throws IllegalArgumentException when wanted is neither, or this build carries the other backend only
     * @throws IllegalStateException    when the GPU cannot run the CUDA backend, or ND4J fails to start
     */
    static void require(String wanted, List<String> nvidiaSmi) {
        boolean cpuBuilt = onClassPath(CPU_BACKEND_CLASS);
        boolean cudaBuilt = onClassPath(CUDA_BACKEND_CLASS);
        switch (wanted) {
            case "cpu" -> {
                if (!cpuBuilt) {
                    throw new IllegalArgumentException("--backend cpu, but this build carries ND4J's CUDA backend only; "
                            + BUILD_CPU);
                }
            }
            case "cuda" -> {
                if (!cudaBuilt) {
                    throw new IllegalArgumentException("--backend cuda, but this build carries ND4J's CPU backend only: "
                            + BUILD_CUDA);
                }
                Optional<String> problem = CudaSupport.problemOnThisMachine(nvidiaSmi);
                if (problem.isPresent()) {
                    throw new IllegalStateException("--backend cuda: " + problem.get() + " (this build carries the CUDA "
                            + "backend only: for the CPU, " + BUILD_CPU + ")");
                }
            }
            default -> throw new IllegalArgumentException("--backend must be cpu or cuda, not " + wanted);
        }
        requireLoaded(wanted);
    }

    /** Starts ND4J and checks that the backend it loaded is the one wanted. */
    private static void requireLoaded(String wanted) {
        String name;
        try {
            name = Nd4j.getBackend().getClass().getSimpleName();
        } catch (RuntimeException | LinkageError e) {                // ExceptionInInitializerError, NoClassDefFoundError
            throw new IllegalStateException("ND4J's " + wanted + " backend failed to start: " + rootCause(e), e);
        }
        boolean isCuda = name.toLowerCase().contains("cublas") || name.toLowerCase().contains("cuda");
        if (isCuda != wanted.equals("cuda")) {
            throw new IllegalStateException("--backend " + wanted + ", but ND4J loaded " + name + ": "
                    + (isCuda ? BUILD_CPU : BUILD_CUDA));
        }
    }

    static boolean onClassPath(String className) {
        try {
            Class.forName(className, false, BackendCheck.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
