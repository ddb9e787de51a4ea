package dev.muonlab.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The benchmarks' command lines: {@code --name value} pairs, each name from a fixed list. */
final class BenchArgs {

    private BenchArgs() {
    }

    /**
     * @param args  the command line. Not modified.
     * @param names the options accepted
     * @return each given option's value by name (absent options are absent)
     * @throws IllegalArgumentException for an unknown option or one without a value, naming the accepted ones
     */
    static Map<String, String> parse(String[] args, String... names) {
        List<String> accepted = Arrays.asList(names);
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!accepted.contains(args[i]) || i + 1 >= args.length) {
                throw new IllegalArgumentException((accepted.contains(args[i]) ? "missing value for " : "unknown argument ")
                        + args[i] + "; accepted: " + String.join(", ", accepted) + ", each followed by a value");
            }
            values.put(args[i], args[i + 1]);
        }
        return values;
    }
}
