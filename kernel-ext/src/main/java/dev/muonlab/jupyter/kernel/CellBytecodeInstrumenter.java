package dev.muonlab.jupyter.kernel;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import java.util.HashSet;
import java.util.Set;

/**
 * Rewrites the bytecode of classes compiled from cells before they are defined.
 *
 * <p>Two changes, both needed for "bad input never kills the kernel":
 * <ul>
 *   <li>a call to {@link StopCheck#check()} at every method entry and before every backward jump or switch, so an
 *       interrupt stops even {@code while (true) {}} on any JDK (see {@link StopCheck} for why not Thread.stop);</li>
 *   <li>{@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt} call sites are redirected to
 *       {@link ExitGuard}, which refuses them.</li>
 * </ul>
 * No labels are added, so the existing stack map frames stay valid and frames need not be recomputed (which would
 * need class loading). Only cell classes are instrumented; library code is left as is.
 */
final class CellBytecodeInstrumenter {

    private static final String STOP_OWNER = Type.getInternalName(StopCheck.class);
    private static final String EXIT_OWNER = Type.getInternalName(ExitGuard.class);

    private CellBytecodeInstrumenter() {
    }

    /**
     * @param classFile a class file as produced by JShell's compiler. Not modified.
     * @return the instrumented class file
     */
    static byte[] instrument(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
                return mv == null ? null : new StopCheckWeaver(mv);
            }
        }, 0);
        return writer.toByteArray();
    }

    /** Inserts stop checks and redirects exit calls in one method body. */
    private static final class StopCheckWeaver extends MethodVisitor {

        private final Set<Label> seenLabels = new HashSet<>();

        StopCheckWeaver(MethodVisitor target) {
            super(Opcodes.ASM9, target);
        }

        private void emitStopCheck() {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, STOP_OWNER, "check", "()V", false);
        }

        @Override
        public void visitCode() {
            super.visitCode();
            emitStopCheck();
        }

        @Override
        public void visitLabel(Label label) {
            seenLabels.add(label);
            super.visitLabel(label);
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            if (seenLabels.contains(label)) {
                emitStopCheck();
            }
            super.visitJumpInsn(opcode, label);
        }

        @Override
        public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
            if (anySeen(dflt, labels)) {
                emitStopCheck();
            }
            super.visitTableSwitchInsn(min, max, dflt, labels);
        }

        @Override
        public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
            if (anySeen(dflt, labels)) {
                emitStopCheck();
            }
            super.visitLookupSwitchInsn(dflt, keys, labels);
        }

        private boolean anySeen(Label dflt, Label[] labels) {
            if (seenLabels.contains(dflt)) {
                return true;
            }
            for (Label l : labels) {
                if (seenLabels.contains(l)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            if (opcode == Opcodes.INVOKESTATIC && owner.equals("java/lang/System")
                    && name.equals("exit") && descriptor.equals("(I)V")) {
                super.visitMethodInsn(Opcodes.INVOKESTATIC, EXIT_OWNER, "systemExit", "(I)V", false);
            } else if (opcode == Opcodes.INVOKEVIRTUAL && owner.equals("java/lang/Runtime")
                    && (name.equals("exit") || name.equals("halt")) && descriptor.equals("(I)V")) {
                String target = name.equals("exit") ? "runtimeExit" : "runtimeHalt";
                super.visitMethodInsn(Opcodes.INVOKESTATIC, EXIT_OWNER, target, "(Ljava/lang/Runtime;I)V", false);
            } else {
                super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
            }
        }
    }
}
