package dev.muonlab.faults;

import dev.muonlab.cli.MuonLabCli;
import dev.muonlab.io.FaultPoints;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line, run as a user runs it: in this JVM with stdout and stderr captured (fast, for
 * the many corrupted folders), or as a separate JVM on this test's class path that a test can kill
 * (SIGKILL, {@link Process#destroyForcibly}) or halt at a fault point ({@link FaultPoints}).
 */
final class Cli {

    /** What a command printed and returned. */
    record Result(int exit, String out, String err) {
        /** @return whether stderr shows a Java stack trace or an exception's class name */
        boolean showsStackTrace() {
            return err.contains("\tat ") || err.matches("(?s).*\\b[a-z]+(\\.[a-z]+)+\\.[A-Z]\\w*(Exception|Error)\\b.*");
        }
    }

    private Cli() {
    }

    /** Runs {@code muonlab ARGS} in this JVM. Modifies: System.out and System.err, restored after. */
    static synchronized Result inProcess(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        System.setOut(o);
        System.setErr(e);
        try {
            CommandLine cli = new CommandLine(new MuonLabCli());
            cli.setOut(new PrintWriter(o, true));
            cli.setErr(new PrintWriter(e, true));
            int exit = cli.execute(args);
            o.flush();
            e.flush();
            return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** @return {@code args} followed by {@code --out out}: a train command for that run folder. Not modified: args. */
    static String[] withOut(String[] args, Path out) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--out";
        all[args.length + 1] = out.toString();
        return all;
    }

    /**
     * Starts {@code muonlab ARGS} in a new JVM with this JVM's module flags and class path.
     *
     * @param faultPoint a {@link FaultPoints} spec to halt at, or null
     * @param log        receives stdout and stderr. Modified.
     */
    static Process start(String faultPoint, Path log, String... args) throws IOException {
        return startMain(MuonLabCli.class.getName(), faultPoint, log, args);
    }

    /** As {@link #start}, for any main class on this test's class path. */
    static Process startMain(String mainClass, String faultPoint, Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-modules") || a.startsWith("--enable-native-access")
                    || a.startsWith("--sun-misc-unsafe")) {
                cmd.add(a);
            }
        }
        cmd.add("-Xmx512m");
        cmd.add("-XX:+UseSerialGC");
        if (faultPoint != null) {
            cmd.add("-D" + FaultPoints.PROPERTY + "=" + faultPoint);
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
