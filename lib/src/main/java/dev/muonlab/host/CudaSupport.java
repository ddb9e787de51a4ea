package dev.muonlab.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Whether this machine's GPU can run ND4J's CUDA backend, told before ND4J loads, so that
 * {@code --backend cuda} ends with a sentence instead of a native crash or ND4J's
 * "NoAvailableBackendException".
 *
 * <p>Why a table of compute capabilities: {@code libnd4jcuda.so} in
 * {@code org.nd4j:nd4j-cuda-11.6:1.0.0-M2.1:linux-x86_64} keeps its kernels in 228 fat binaries, each
 * with cubins (machine code) for sm_37, 50, 52, 60, 61, 70, 75, 80 and 86 and no PTX; read with
 * {@code lib/src/tools/cuda_fatbin.py archs} (2026-11-23). A cubin for compute capability X.y runs
 * only on GPUs X.z with z ≥ y, and without PTX the driver has nothing to compile for a later
 * architecture (CUDA C++ Programming Guide, "Binary Compatibility"). So GPUs from Kepler's K80 (3.7)
 * to Ada (8.9: RTX 40xx, L4, L40) run it, and Hopper (9.0: H100, H200) and Blackwell (10.x, 12.x) do
 * not: on an H100 the driver refused the library's kernels with CUDA_ERROR_NO_BINARY_FOR_GPU (README,
 * "GPU").
 *
 * <p>The GPU that counts is the first one CUDA shows (ND4J runs the calling thread's work there):
 * GPU 0, or the first entry of {@code CUDA_VISIBLE_DEVICES}, an index or a UUID prefix.
 */
public final class CudaSupport {

    /** The architectures ND4J 1.0.0-M2.1's CUDA backend has cubins for (see the class comment). */
    public static final List<ComputeCapability> ND4J_CUBINS = List.of(
            new ComputeCapability(3, 7), new ComputeCapability(5, 0), new ComputeCapability(5, 2),
            new ComputeCapability(6, 0), new ComputeCapability(6, 1), new ComputeCapability(7, 0),
            new ComputeCapability(7, 5), new ComputeCapability(8, 0), new ComputeCapability(8, 6));

    /**
     * The oldest Linux driver that runs CUDA 11.x code (CUDA Compatibility guide, "Minor Version
     * Compatibility": 450.80.02); libnd4jcuda.so links CUDA 11.6's runtime statically.
     */
    public static final int[] MIN_DRIVER = {450, 80, 2};

    /** The query this class reads; {@code compute_cap} needs a driver of 2021 or later (R510). */
    public static final List<String> NVIDIA_SMI = List.of("nvidia-smi",
            "--query-gpu=index,uuid,name,compute_cap,driver_version", "--format=csv,noheader");

    /** A GPU's compute capability, major.minor, e.g. 8.6. */
    public record ComputeCapability(int major, int minor) {
        static ComputeCapability parse(String text) {
            String[] parts = text.trim().split("\\.");
            if (parts.length != 2) {
                throw new IllegalArgumentException("not a compute capability: '" + text + "'");
            }
            return new ComputeCapability(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        }

        @Override
        public String toString() {
            return major + "." + minor;
        }
    }

    /** One line of {@link #NVIDIA_SMI}'s answer. */
    public record Gpu(int index, String uuid, String name, ComputeCapability capability, String driver) {
    }

    private CudaSupport() {
    }

    /** @return whether a cubin in {@link #ND4J_CUBINS} runs on a GPU of capability c (same major, minor ≤ c's) */
    public static boolean runsNd4jKernels(ComputeCapability c) {
        return ND4J_CUBINS.stream().anyMatch(cubin -> cubin.major() == c.major() && cubin.minor() <= c.minor());
    }

    /**
     * @param csv {@link #NVIDIA_SMI}'s standard output, one GPU a line ("0, GPU-8f…, NVIDIA H100 80GB HBM3, 9.0, 580.159.04")
     * @return the GPUs, in nvidia-smi's order
     * @throws IllegalArgumentException on a line of another shape
     */
    public static List<Gpu> parseNvidiaSmi(String csv) {
        List<Gpu> gpus = new ArrayList<>();
        for (String line : csv.strip().split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",\\s*");
            if (f.length < 5) {
                throw new IllegalArgumentException("unexpected nvidia-smi line: '" + line + "'");
            }
            String name = String.join(", ", List.of(f).subList(2, f.length - 2));   // a name may hold commas
            gpus.add(new Gpu(Integer.parseInt(f[0].trim()), f[1].trim(), name.trim(),
                    ComputeCapability.parse(f[f.length - 2]), f[f.length - 1].trim()));
        }
        return gpus;
    }

    /**
     * @param gpus              all GPUs, as nvidia-smi lists them
     * @param cudaVisibleDevices the value of CUDA_VISIBLE_DEVICES, or null when unset
     * @return the GPU ND4J would run on, or empty when none is visible
     */
    public static Optional<Gpu> firstVisible(List<Gpu> gpus, String cudaVisibleDevices) {
        if (cudaVisibleDevices == null) {
            return gpus.stream().findFirst();
        }
        String first = cudaVisibleDevices.split(",")[0].trim();
        if (first.matches("\\d+")) {
            int index = Integer.parseInt(first);
            return gpus.stream().filter(g -> g.index() == index).findFirst();
        }
        return first.isEmpty() ? Optional.empty() : gpus.stream().filter(g -> g.uuid().startsWith(first)).findFirst();
    }

    /**
     * @return why ND4J's CUDA backend cannot run on gpu, or empty when it can
     */
    public static Optional<String> problem(Gpu gpu) {
        if (!runsNd4jKernels(gpu.capability())) {
            return Optional.of("GPU " + gpu.index() + " (" + gpu.name() + ") has compute capability " + gpu.capability()
                    + ", but ND4J 1.0.0-M2.1's CUDA backend carries machine code for 3.7 to 8.6 only (runs on 3.7 to 8.9)"
                    + " and no PTX to compile for later GPUs, so its kernels cannot load on this one"
                    + " (Hopper 9.0 and Blackwell 10.x/12.x are too new). Train on the CPU: --backend cpu");
        }
        if (compareVersions(gpu.driver(), MIN_DRIVER) < 0) {
            return Optional.of("GPU " + gpu.index() + "'s NVIDIA driver " + gpu.driver() + " is older than 450.80.02,"
                    + " the oldest that runs CUDA 11.6 code; update the driver (R510 or newer)");
        }
        return Optional.empty();
    }

    /** @return negative, zero or positive as the dotted version is older, equal or newer than min */
    static int compareVersions(String version, int[] min) {
        String[] parts = version.trim().split("\\.");
        for (int i = 0; i < min.length; i++) {
            int v = i < parts.length ? Integer.parseInt(parts[i].replaceAll("\\D.*", "")) : 0;
            if (v != min[i]) {
                return Integer.compare(v, min[i]);
            }
        }
        return 0;
    }

    /**
     * Asks nvidia-smi about this machine's GPUs. Modifies nothing.
     *
     * @param command the nvidia-smi query to run, {@link #NVIDIA_SMI} outside tests
     * @return why ND4J's CUDA backend cannot run here, or empty when it can or nvidia-smi is too old to tell
     */
    public static Optional<String> problemOnThisMachine(List<String> command) {
        String output;
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                if (output.contains("compute_cap")) {
                    return Optional.empty();                    // a driver too old to report it: let ND4J try
                }
                return Optional.of("nvidia-smi found no usable NVIDIA GPU: " + output.strip());
            }
        } catch (IOException e) {
            return Optional.of("no NVIDIA driver found (" + command.get(0) + " is not on the PATH): the CUDA backend needs "
                    + "an NVIDIA GPU and its driver");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while asking nvidia-smi about the GPUs");
        }
        String visible = System.getenv("CUDA_VISIBLE_DEVICES");
        Optional<Gpu> gpu = firstVisible(parseNvidiaSmi(output), visible);
        if (gpu.isEmpty()) {
            return Optional.of(visible == null ? "nvidia-smi lists no GPU"
                    : "no GPU matches CUDA_VISIBLE_DEVICES=" + visible);
        }
        return problem(gpu.get());
    }

    /** Prints this machine's GPUs and whether ND4J's CUDA backend runs on the first one; exit status 0 when it does. */
    public static void main(String[] args) {
        Optional<String> problem = problemOnThisMachine(NVIDIA_SMI);
        System.out.println(problem.map(p -> "ND4J's CUDA backend cannot run here: " + p)
                .orElse("ND4J's CUDA backend can run on this machine's first GPU"));
        System.exit(problem.isPresent() ? 1 : 0);
    }
}
