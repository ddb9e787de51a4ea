package dev.muonlab.jupyter.kernel;

import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
            System.err.println("usage: MuonLabKernelMain CONNECTION_FILE");
            System.exit(2);
        }
        Path logFile = KernelLog.configure();
        OutputRouter router = new OutputRouter(KernelLog.open(logFile));
        router.install();
        Logger log = LoggerFactory.getLogger(MuonLabKernelMain.class);
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> log.error("Uncaught exception in {}", t.getName(), e));
        log.info("Muon Lab kernel starting on Java {} ({}), log {}", Runtime.version(),
                System.getProperty("java.vm.name"), logFile);

        log.info("t+{} ms: logging ready", sinceStart());
        KernelConnectionProperties props = KernelConnectionProperties.parse(Files.readString(Path.of(args[0])));
        MuonLabConnection connection = new MuonLabConnection(props);
        MuonLabKernel kernel = MuonLabKernel.create(router);
        log.info("t+{} ms: kernel built", sinceStart());
        kernel.becomeHandlerForConnection(connection);
        synchronized (kernel) { // execute requests wait until start-up is done
            connection.connect();
            log.info("t+{} ms: sockets bound", sinceStart());
            kernel.onStartup();
        }
        log.info("t+{} ms: Muon Lab kernel ready", sinceStart());
        connection.waitUntilClose();
        log.info("Muon Lab kernel stopped");
        System.exit(0);
    }
}
