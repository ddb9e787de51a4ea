package dev.muonlab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunSpecTest {

    private static Map<String, Object> params(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** The hash is SHA-256 of the canonical text, pinned against coreutils:
     *  {@code printf 'study=demo\na=1\nb=0.001\nname=x\n' | sha256sum | cut -c1-16}. */
    @Test
    void hashIsTheSha256OfTheSortedCanonicalText() {
        RunSpec s = RunSpec.of("demo", params("name", "x", "b", 1e-3, "a", 1));
        assertEquals("study=demo\na=1\nb=0.001\nname=x\n", s.canonicalText());
        assertEquals("f113cef54b5bd4c5", s.hash());
    }

    @Test
    void orderAndNumberSpellingDoNotChangeTheIdentity() {
        RunSpec a = RunSpec.of("demo", params("lr", 0.001, "batch", 16, "seed", 3L));
        RunSpec b = RunSpec.of("demo", params("seed", 3, "lr", 1e-3, "batch", 16L));
        assertEquals(a, b);
        assertEquals(a.hash(), b.hash());
        assertNotEquals(a.hash(), RunSpec.of("demo", params("lr", 0.002, "batch", 16, "seed", 3)).hash());
        assertNotEquals(a.hash(), RunSpec.of("other", params("lr", 0.001, "batch", 16, "seed", 3)).hash());
        assertEquals(16, a.getInt("batch"));
        assertEquals(0.001, a.getDouble("lr"));
    }

    @Test
    void badNamesAndValuesAreRefusedInASentence() {
        assertThrows(IllegalArgumentException.class, () -> RunSpec.of("de mo", params("a", 1)));
        assertThrows(IllegalArgumentException.class, () -> RunSpec.of("demo", params("a=b", 1)));
        assertThrows(IllegalArgumentException.class, () -> RunSpec.of("demo", params("a", "x\ny")));
        RunSpec s = RunSpec.of("demo", params("a", "x"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.getInt("a"));
        assertTrue(e.getMessage().contains("'a' is not a number"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> s.get("b"));
        assertTrue(e.getMessage().contains("no parameter 'b'"), e.getMessage());
    }
}
