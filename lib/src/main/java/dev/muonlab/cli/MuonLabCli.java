package dev.muonlab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ./muonlab} command line's Java side: one picocli command per subcommand
 * ({@code orthogonalize}, {@code step}, {@code train}, ...). The bash launcher handles
 * {@code lab}, {@code test}, {@code run}, {@code install-kernel} itself and forwards the rest here.
 */
@Command(name = "muonlab",
        mixinStandardHelpOptions = true,
        description = "Muon Lab: Newton-Schulz orthogonalization, Muon and its peers, small pretraining runs.",
        subcommands = {CommandLine.HelpCommand.class, OrthogonalizeCommand.class, StepCommand.class, TrainCommand.class,
                SweepCommand.class})
public final class MuonLabCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new MuonLabCli()).execute(args));
    }
}
