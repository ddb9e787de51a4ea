package dev.muonlab.jupyter.kernel;

import jdk.jshell.JShell;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** is_complete and completion on JShell's source analysis (no kernel, no sockets). */
class CodeIntelligenceTest {

    private static JShell jshell;
    private static CodeIntelligence intelligence;

    @BeforeAll
    static void start() {
        jshell = JShell.builder().executionEngine("local").build();
        intelligence = new CodeIntelligence(jshell, () -> Set.of("maven", "time"), () -> Set.of("time"));
    }

    @AfterAll
    static void stop() {
        jshell.close();
    }

    @Test
    void isCompleteClassifiesCode() {
        assertEquals(BaseKernel.IS_COMPLETE_BAD, intelligence.isComplete("}"));
        assertEquals(BaseKernel.IS_COMPLETE_YES, intelligence.isComplete("int x = 1;\nx + 1"));
        assertEquals("    ", intelligence.isComplete("if (true) {"));
        assertEquals(BaseKernel.IS_COMPLETE_YES, intelligence.isComplete("%maven a:b:1\nint y = 2;"));
        assertEquals(BaseKernel.IS_COMPLETE_YES, intelligence.isComplete("%%time\nwhile (false) {"));
    }

    @Test
    void completionWorksInTheSnippetUnderTheCursor() {
        String code = "int a = 1;\nMath.ab";
        ReplacementOptions o = intelligence.complete(code, code.length());
        assertTrue(o.getReplacements().contains("abs("));
        assertEquals(code.indexOf("ab", 11), o.getSourceStart());
        ReplacementOptions m = intelligence.complete("%ma", 3);
        assertEquals(java.util.List.of("%maven"), m.getReplacements());
    }
}
