package dev.muonlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code muonlab sweep}, in-process through picocli: runs, resumes, and refuses a bad study in a sentence. */
class SweepCommandTest {

    @TempDir
    Path dir;

    private String out;
    private String err;

    private int run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        CommandLine cli = new CommandLine(new MuonLabCli());
        cli.setOut(new PrintWriter(o));
        cli.setErr(new PrintWriter(e));
        String[] all = new String[args.length + 1];
        all[0] = "sweep";
        System.arraycopy(args, 0, all, 1, args.length);
        int code = cli.execute(all);
        out = o.toString();
        err = e.toString();
        return code;
    }

    @Test
    void aSecondRunReusesEveryStoredResult() {
        assertEquals(0, run("batch-size", "--smoke", "--threads", "2", "--results", dir.toString()), err);
        assertTrue(out.contains("4 runs: 4 executed, 0 stored results reused"), out);
        assertTrue(err.contains("all 4 runs done"), err);
        assertTrue(out.contains("final_val_loss"), out);
        assertEquals(0, run("batch-size", "--smoke", "--results", dir.toString()), err);
        assertTrue(out.contains("4 runs: 0 executed, 4 stored results reused"), out);
    }

    @Test
    void anUnknownStudyOrTwoSizesAreRefused() {
        assertEquals(1, run("no-such-study", "--smoke", "--results", dir.toString()));
        assertTrue(err.contains("no study 'no-such-study'; studies: batch-size"), err);
        assertFalse(err.contains("Exception"), err);
        assertEquals(2, run("batch-size", "--smoke", "--full"));
        assertTrue(err.contains("mutually exclusive"), err);
    }

    @Test
    void theCriticalBatchStudyIsListedAndABadScaleIsRefused() {
        assertEquals(1, run("no-such-study", "--results", dir.toString()));
        assertTrue(err.contains("critical-batch"), err);
        assertEquals(1, run("critical-batch", "--smoke", "--scale", "0", "--results", dir.toString()));
        assertTrue(err.contains("--scale is a whole number >= 1"), err);
        assertFalse(err.contains("Exception"), err);
    }
}
