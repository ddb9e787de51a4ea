package dev.muonlab.jupyter.kernel;

import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Starts the Muon Lab kernel: {@code java ... dev.muonlab.jupyter.kernel.MuonLabKernelMain CONNECTION_FILE}, as the
 * kernelspec written by {@code ./muonlab install-kernel} does.
 *
 * <p>Order matters: the log and the stdout/stderr router come first, so that nothing a library prints at start-up
 * (ND4J, slf4j) reaches the client; the sockets are bound before JShell's start-up imports and the extensions run,
 * so the client's kernel_info handshake overlaps with that work (execute requests wait for it).
 */
public final class MuonLabKernelMain {

    private MuonLabKernelMain() {
    }

    /**
     * Builds the kernel, hands it to the main thread and runs its start-up (imports, extensions) while holding the
     * kernel's lock, so execute requests wait for it. An extension that fails is logged; the kernel still works.
     */
    private static void startUp(OutputRouter router, AbortWindow abortWindow, CompletableFuture<MuonLabKernel> built,
                                Logger log) {
        MuonLabKernel kernel;
        try {
            kernel = MuonLabKernel.create(router, abortWindow);
        } catch (Throwable e) {
            built.completeExceptionally(e);
            return;
        }
        synchronized (kernel) {
            built.complete(kernel);
            log.info("t+{} ms: kernel built", sinceStart());
            try {
                kernel.onStartup();
            } catch (RuntimeException | LinkageError e) {
                log.error("Kernel start-up failed (an extension or the start-up imports); continuing", e);
            }
        }
        log.info("t+{} ms: Muon Lab kernel ready", sinceStart());
        evalDeferredImports(kernel);
        log.info("t+{} ms: start-up imports done", sinceStart());
    }

    /**
     * Evaluates the queued start-up imports one by one, taking the kernel's lock for each, so a request that
     * arrives meanwhile waits for one import at most (a cell pulls in the imports it needs itself). The pause
     * between imports lets a waiting request take the lock (Java monitors are not fair).
     */
    private static void evalDeferredImports(MuonLabKernel kernel) {
        while (true) {
            synchronized (kernel) {
                if (!kernel.evalNextDeferredImport()) {
                    return;
                }
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Runs the kernel's start-up and one cell without any client, then exits: a training run for a class data
     * sharing archive ({@code -XX:ArchiveClassesAtExit=kernel.jsa}, then {@code -XX:SharedArchiveFile=kernel.jsa}
     * in the kernelspec), which shortens the kernel's start. Prints the time to the first result.
     */
    private static void warmUp() {
        OutputRouter router = new OutputRouter(KernelLog.start());
        PrintStream console = System.out;
        router.install();
        MuonLabKernel kernel = MuonLabKernel.create(router, new AbortWindow());
        kernel.onStartup();
        Object value = kernel.evalRaw("1 + 1");
        evalDeferredImports(kernel);
        long mainCpuMs = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000;
        console.println("warm-up: first result " + value + " at t+" + sinceStart() + " ms (main thread CPU "
                + mainCpuMs + " ms)");
        kernel.onShutdown(false);
        System.exit(0);
    }

    private static long sinceStart() {
        return ProcessHandle.current().info().startInstant()
                .map(i -> System.currentTimeMillis() - i.toEpochMilli()).orElse(-1L);
    }

    /**
     * @param args the Jupyter connection file
     * @throws Exception if the connection file cannot be read or the sockets cannot be bound
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: MuonLabKernelMain CONNECTION_FILE | --warm-up");
            System.exit(2);
        }
        if (args[0].equals("--warm-up")) {
            warmUp();
            return;
        }
        OutputRouter router = new OutputRouter(KernelLog.start());
        router.install();
        Logger log = LoggerFactory.getLogger(MuonLabKernelMain.class);
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> log.error("Uncaught exception in {}", t.getName(), e));
        log.info("Muon Lab kernel starting on Java {} ({})", Runtime.version(), System.getProperty("java.vm.name"));

        log.info("t+{} ms: logging ready", sinceStart());
        // JShell and javac warm up on their own thread while this one binds the sockets.
        AbortWindow abortWindow = new AbortWindow();
        CompletableFuture<MuonLabKernel> built = new CompletableFuture<>();
        Thread starter = new Thread(() -> startUp(router, abortWindow, built, log), "muonlab-startup");
        starter.start();
        KernelConnectionProperties props = KernelConnectionProperties.parse(Files.readString(Path.of(args[0])));
        MuonLabConnection connection = new MuonLabConnection(props, abortWindow);
        MuonLabKernel kernel = built.join();
        kernel.becomeHandlerForConnection(connection);
        System.setIn(kernel.getIO().in); // System.in reads from the client (input_request) when it allows stdin
        connection.connect();
        log.info("t+{} ms: sockets bound", sinceStart());
        connection.waitUntilClose();
        log.info("Muon Lab kernel stopped");
        System.exit(0);
    }
}
