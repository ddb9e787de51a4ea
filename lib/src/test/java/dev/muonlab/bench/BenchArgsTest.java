package dev.muonlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchArgsTest {

    @Test
    void readsNameValuePairs() {
        Map<String, String> v = BenchArgs.parse(new String[]{"--tokens", "512", "--reps", "3"}, "--reps", "--tokens");
        assertEquals(Map.of("--reps", "3", "--tokens", "512"), v);
        assertTrue(BenchArgs.parse(new String[0], "--reps").isEmpty());
    }

    @Test
    void unknownOrValuelessOptionsAreRefusedWithTheAcceptedOnes() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> BenchArgs.parse(new String[]{"--rep", "3"}, "--reps", "--threads"));
        assertTrue(unknown.getMessage().contains("unknown argument --rep; accepted: --reps, --threads"), unknown.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> BenchArgs.parse(new String[]{"--reps"}, "--reps"));
        assertTrue(missing.getMessage().startsWith("missing value for --reps"), missing.getMessage());
    }
}
