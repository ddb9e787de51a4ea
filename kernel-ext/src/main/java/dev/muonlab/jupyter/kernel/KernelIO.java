package dev.muonlab.jupyter.kernel;

import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.JupyterIO;

import java.nio.charset.StandardCharsets;

/**
 * jjava's {@link JupyterIO} (stdin, {@code display}, {@code updateDisplay}) with attach/detach made reachable from
 * this package, so the kernel binds it to each execute request's reply environment.
 */
final class KernelIO extends JupyterIO {

    KernelIO() {
        super(StandardCharsets.UTF_8);
    }

    /**
     * @param env       the request now running. Modifies the IO's target.
     * @param stdinOpen whether the client allows {@code input_request}s
     */
    void attach(ShellReplyEnvironment env, boolean stdinOpen) {
        setEnv(env);
        setJupyterInEnabled(stdinOpen);
    }

    /** @param env the request that ended. Modifies the IO's target. */
    void detach(ShellReplyEnvironment env) {
        retractEnv(env);
    }
}
