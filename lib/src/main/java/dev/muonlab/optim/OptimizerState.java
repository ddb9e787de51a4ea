package dev.muonlab.optim;

import dev.muonlab.io.CorruptFileException;
import dev.muonlab.io.DurableFiles;
import dev.muonlab.io.Npy;
import dev.muonlab.io.SealedProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A snapshot of an optimizer's whole state: the step counters and every per-parameter buffer.
 * Saved as a folder: {@code optimizer.properties} (counters, parameter names, buffer names, and a
 * human-readable description of the groups; sealed with its own checksum, {@link SealedProperties}) plus {@code p<i>.<buffer>.npy} per buffer; .npy stores
 * the exact bits, so a resumed run continues bit-identically.
 *
 * @param stepCount    steps applied
 * @param skippedSteps steps skipped for non-finite gradients
 * @param buffers      parameter name → buffer name → array (copies, owned by this snapshot)
 * @param description  free-form key → value (group configs and schedules), saved for people, ignored on load
 */
public record OptimizerState(long stepCount, long skippedSteps, Map<String, Map<String, INDArray>> buffers,
                             Map<String, String> description) {

    public static final String PROPERTIES = "optimizer.properties";

    public OptimizerState {
        Map<String, Map<String, INDArray>> copy = new LinkedHashMap<>();
        buffers.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        buffers = Collections.unmodifiableMap(copy);
        description = Collections.unmodifiableMap(new LinkedHashMap<>(description));
    }

    /**
     * Writes this state into {@code dir} (created if needed; files of the same names replaced).
     *
     * @param dir the folder. Modified.
     */
    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, String> p = new LinkedHashMap<>();
        p.put("format", "muonlab-optimizer-state-1");
        p.put("step", Long.toString(stepCount));
        p.put("skipped", Long.toString(skippedSteps));
        p.put("params", Integer.toString(buffers.size()));
        int i = 0;
        for (Map.Entry<String, Map<String, INDArray>> e : buffers.entrySet()) {
            p.put("param." + i + ".name", e.getKey());
            p.put("param." + i + ".buffers", String.join(",", e.getValue().keySet()));
            for (Map.Entry<String, INDArray> b : e.getValue().entrySet()) {
                DurableFiles.write(dir.resolve(fileName(i, b.getKey())), Npy.toBytes(b.getValue()));
            }
            i++;
        }
        description.forEach((k, v) -> p.put("info." + k, v));
        SealedProperties.write(dir.resolve(PROPERTIES), p, "Muon Lab optimizer state");
    }

    /**
     * Reads a state written by {@link #save}.
     *
     * @param dir the folder. Not modified.
     * @throws IOException when a file is missing or unreadable, with its path in the message
     */
    public static OptimizerState load(Path dir) throws IOException {
        Path file = dir.resolve(PROPERTIES);
        Map<String, String> m = SealedProperties.read(file);
        Properties p = new Properties();
        p.putAll(m);
        try {
            int n = Integer.parseInt(p.getProperty("params"));
            Map<String, Map<String, INDArray>> buffers = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                String name = p.getProperty("param." + i + ".name");
                String list = p.getProperty("param." + i + ".buffers", "");
                Map<String, INDArray> bufs = new LinkedHashMap<>();
                for (String b : list.isEmpty() ? new String[0] : list.split(",")) {
                    Path npy = dir.resolve(fileName(i, b));
                    if (!Files.isRegularFile(npy)) {
                        throw new IOException("optimizer state in " + dir + " lacks " + npy.getFileName()
                                + " (buffer '" + b + "' of parameter '" + name + "')");
                    }
                    bufs.put(b, Npy.read(npy));                       // strict: names a bad header or length
                }
                buffers.put(name, bufs);
            }
            Map<String, String> info = new LinkedHashMap<>();
            for (String k : p.stringPropertyNames()) {
                if (k.startsWith("info.")) {
                    info.put(k.substring(5), p.getProperty(k));
                }
            }
            return new OptimizerState(Long.parseLong(p.getProperty("step")),
                    Long.parseLong(p.getProperty("skipped", "0")), buffers, info);
        } catch (NumberFormatException | NullPointerException e) {
            throw new CorruptFileException(file, "lacks a valid step, parameter count or parameter name");
        }
    }

    /** @return the parameter names in order */
    public List<String> paramNames() {
        return new ArrayList<>(buffers.keySet());
    }

    private static String fileName(int index, String buffer) {
        return "p" + index + "." + buffer + ".npy";
    }
}
