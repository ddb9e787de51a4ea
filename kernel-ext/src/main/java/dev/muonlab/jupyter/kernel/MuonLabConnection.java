package dev.muonlab.jupyter.kernel;

import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishStatus;
import org.zeromq.ZMQ;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;

/**
 * jjava's {@link JupyterConnection} with the shell and control channels replaced by {@link FastShellChannel}s
 * (heartbeat, stdin and iopub are jjava's). The inherited shell/control sockets are created but never bound.
 */
final class MuonLabConnection extends JupyterConnection {

    private final KernelConnectionProperties props;
    private final ZMQ.Context context = ZMQ.context(1);
    private final FastShellChannel fastShell;
    private final FastShellChannel fastControl;
    private volatile boolean closed;

    /**
     * @param props       the connection file's contents
     * @param abortWindow shared with the kernel's execute flow (see {@link AbortWindow})
     * @throws NoSuchAlgorithmException if the signature scheme is unknown
     * @throws InvalidKeyException      if the key is unusable
     */
    MuonLabConnection(KernelConnectionProperties props, AbortWindow abortWindow) throws NoSuchAlgorithmException, InvalidKeyException {
        super(props);
        this.props = props;
        this.fastShell = new FastShellChannel(context, props.createHMACGenerator(), false, this, abortWindow);
        this.fastControl = new FastShellChannel(context, props.createHMACGenerator(), true, this, abortWindow);
    }

    @Override
    public void connect() {
        heartbeat.bind(props);
        iopub.bind(props);
        stdin.bind(props);
        fastControl.bind(props);
        fastShell.bind(props);
        iopub.sendMessage(new Message<>(null, PublishStatus.MESSAGE_TYPE, PublishStatus.STARTING));
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        fastShell.close();
        fastControl.close();
        context.close();
        super.close();
    }

    @Override
    public void waitUntilClose() {
        fastControl.waitUntilClose();
        fastShell.waitUntilClose(2000);
        super.waitUntilClose();
    }
}
