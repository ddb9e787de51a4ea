package dev.muonlab.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.muonlab.host.CudaSupport.ComputeCapability;
import dev.muonlab.host.CudaSupport.Gpu;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link CudaSupport} against CUDA's binary-compatibility rule (CUDA C++ Programming Guide: a cubin
 * for X.y runs on X.z, z ≥ y, and nothing else without PTX), NVIDIA's minimum driver for CUDA 11.x,
 * and the real answer of nvidia-smi on an H100 (test resource cuda/, with its provenance).
 */
class CudaSupportTest {

    private static final String H100_UUID = "GPU-ae337c76-064a-bc23-30db-4eccb4ae161c";
    private static final String ADA_LINE = "1, GPU-0badc0de, NVIDIA GeForce RTX 4090, 8.9, 550.54.14";

    private static Path h100Answer() throws URISyntaxException {
        return Path.of(CudaSupportTest.class.getResource("/cuda/nvidia-smi-h100.csv").toURI());
    }

    @Test
    void cubinsRunOnTheSameMajorWithAnEqualOrLaterMinorOnly() {
        String[] runs = {"3.7", "5.0", "5.3", "6.2", "7.0", "7.2", "7.5", "8.0", "8.6", "8.7", "8.9"};
        String[] refused = {"2.1", "3.0", "3.5", "9.0", "10.0", "10.3", "12.0"};
        for (String c : runs) {
            assertTrue(CudaSupport.runsNd4jKernels(ComputeCapability.parse(c)), c);
        }
        for (String c : refused) {
            assertFalse(CudaSupport.runsNd4jKernels(ComputeCapability.parse(c)), c);
        }
    }

    @Test
    void theH100AnswerParsesAndIsRefusedWithTheReason() throws Exception {
        List<Gpu> gpus = CudaSupport.parseNvidiaSmi(Files.readString(h100Answer(), StandardCharsets.UTF_8));
        assertEquals(List.of(new Gpu(0, H100_UUID, "NVIDIA H100 80GB HBM3", new ComputeCapability(9, 0), "580.159.04")), gpus);
        String why = CudaSupport.problem(gpus.get(0)).orElseThrow();
        assertTrue(why.contains("compute capability 9.0") && why.contains("3.7 to 8.9") && why.contains("--backend cpu"), why);
    }

    @Test
    void anAdaGpuWithACurrentDriverIsAccepted() {
        Gpu ada = CudaSupport.parseNvidiaSmi(ADA_LINE).get(0);
        assertEquals(new ComputeCapability(8, 9), ada.capability());
        assertEquals(Optional.empty(), CudaSupport.problem(ada));
    }

    @Test
    void driversOlderThanCuda11sMinimumAreRefused() {
        assertEquals(Optional.empty(), CudaSupport.problem(gpu("8.0", "450.80.02")));
        assertEquals(Optional.empty(), CudaSupport.problem(gpu("8.0", "470.256.02")));
        assertTrue(CudaSupport.problem(gpu("8.0", "450.57")).orElseThrow().contains("450.80.02"));
        assertTrue(CudaSupport.problem(gpu("7.0", "418.226.00")).isPresent());
    }

    @Test
    void theFirstVisibleGpuFollowsCudaVisibleDevices() throws Exception {
        List<Gpu> gpus = CudaSupport.parseNvidiaSmi(Files.readString(h100Answer()) + "\n" + ADA_LINE + "\n");
        assertEquals(0, CudaSupport.firstVisible(gpus, null).orElseThrow().index());
        assertEquals(1, CudaSupport.firstVisible(gpus, "1,0").orElseThrow().index());
        assertEquals(0, CudaSupport.firstVisible(gpus, "GPU-ae337c76").orElseThrow().index());
        assertEquals(Optional.empty(), CudaSupport.firstVisible(gpus, ""));
        assertEquals(Optional.empty(), CudaSupport.firstVisible(gpus, "7"));
    }

    @Test
    void aNameWithCommasKeepsThemAndAMalformedLineIsRefused() {
        Gpu g = CudaSupport.parseNvidiaSmi("0, GPU-1, Tesla V100-SXM2-16GB, rev 2, 7.0, 535.183.01").get(0);
        assertEquals("Tesla V100-SXM2-16GB, rev 2", g.name());
        assertEquals(new ComputeCapability(7, 0), g.capability());
        assertThrows(IllegalArgumentException.class, () -> CudaSupport.parseNvidiaSmi("No devices were found"));
    }

    @Test
    void theQueryRunsAsAProcessAndEachOutcomeIsTold() throws Exception {
        String why = CudaSupport.problemOnThisMachine(List.of("cat", h100Answer().toString())).orElseThrow();
        assertTrue(why.startsWith("GPU 0 (NVIDIA H100 80GB HBM3) has compute capability 9.0"), why);
        String missing = CudaSupport.problemOnThisMachine(List.of("/nonexistent/nvidia-smi")).orElseThrow();
        assertTrue(missing.contains("no NVIDIA driver found"), missing);
        // a driver too old to know the field: nvidia-smi's own words, exit status 2; ND4J is left to try
        assertEquals(Optional.empty(), CudaSupport.problemOnThisMachine(List.of("sh", "-c",
                "echo 'Field \"compute_cap\" is not a valid field to query.'; exit 2")));
        String failed = CudaSupport.problemOnThisMachine(List.of("sh", "-c",
                "echo 'NVIDIA-SMI has failed because it could not communicate with the NVIDIA driver.'; exit 9")).orElseThrow();
        assertTrue(failed.contains("could not communicate"), failed);
    }

    private static Gpu gpu(String capability, String driver) {
        return new Gpu(0, "GPU-x", "test GPU", ComputeCapability.parse(capability), driver);
    }
}
