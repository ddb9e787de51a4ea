package dev.muonlab.ns;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The named Newton-Schulz presets of the 2026 toolbox, each a complete {@link NsConfig} (fp32):
 * coefficient table, the pre-scaling it was tuned with, and its safety factor. Extra steps beyond a
 * table repeat its last polynomial ({@link Schedule#withSteps}, as the Polar Express code and NVIDIA
 * Emerging-Optimizers' {@code polar_express} do); fewer steps truncate it.
 *
 * <table>
 *   <caption>Presets</caption>
 *   <tr><th>name</th><th>steps</th><th>pre-scaling</th><th>safety</th><th>source</th></tr>
 *   <tr><td>keller</td><td>5</td><td>‖G‖_F + 1e−7</td><td>none</td><td>KellerJordan/Muon muon.py</td></tr>
 *   <tr><td>you</td><td>6</td><td>‖G‖_F + 1e−7</td><td>none</td><td>You Jiacheng (references.md §5)</td></tr>
 *   <tr><td>dion</td><td>5</td><td>‖G‖_F + 1e−7</td><td>none</td><td>microsoft/dion; EO 'quintic'</td></tr>
 *   <tr><td>polar-express</td><td>5</td><td>1.01·‖G‖_F + 1e−7</td><td>1.01 (coefficients and norm)</td><td>arXiv 2505.16932 Alg. 1</td></tr>
 *   <tr><td>polar-express-8</td><td>8</td><td>1.01·‖G‖_F + 1e−7</td><td>1.01</td><td>same; EO muon_utils.py 'polar_express'</td></tr>
 *   <tr><td>aol</td><td>4</td><td>AOL row rescaling</td><td>none</td><td>EO muon_utils.py 'aol'; thib-s/flash-newton-schulz</td></tr>
 * </table>
 */
public final class NsPresets {

    private NsPresets() {
    }

    /** @return every preset by name, in the table's order (fresh configs) */
    public static Map<String, NsConfig> all() {
        Map<String, NsConfig> m = new LinkedHashMap<>();
        m.put("keller", NsConfig.keller());
        m.put("you", NsConfig.keller().withSchedule(Schedule.you()));
        m.put("dion", NsConfig.keller().withSchedule(Schedule.dion()));
        m.put("polar-express", NsConfig.polarExpress());
        m.put("polar-express-8", NsConfig.polarExpress().withSchedule(PolarExpress.published()));
        m.put("aol", new NsConfig(Schedule.aol(), Normalization.aol(), Precision.FP32));
        return m;
    }

    /**
     * @param name a preset name (case-insensitive), optionally {@code name:Q} for Q steps
     * @return the preset's configuration
     * @throws IllegalArgumentException naming the known presets
     */
    public static NsConfig get(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        Integer steps = null;
        if (n.contains(":")) {
            try {
                steps = Integer.parseInt(n.substring(n.indexOf(':') + 1).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad step count in NS preset '" + name + "'");
            }
            n = n.substring(0, n.indexOf(':'));
        }
        NsConfig c = all().get(n);
        if (c == null) {
            throw new IllegalArgumentException("unknown NS preset '" + name + "': expected one of " + all().keySet());
        }
        return steps == null ? c : c.withSteps(steps);
    }
}
