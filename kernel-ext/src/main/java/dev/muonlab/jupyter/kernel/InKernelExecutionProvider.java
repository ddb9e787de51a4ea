package dev.muonlab.jupyter.kernel;

import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

import java.util.Map;

/**
 * Hands JShell the kernel's single {@link InKernelExecutionControl} (JShell asks its provider to create one).
 */
final class InKernelExecutionProvider implements ExecutionControlProvider {

    private final InKernelExecutionControl control;

    /**
     * @param control the control to hand out
     */
    InKernelExecutionProvider(InKernelExecutionControl control) {
        this.control = control;
    }

    @Override
    public String name() {
        return "muonlab-in-kernel";
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
        return control;
    }
}
