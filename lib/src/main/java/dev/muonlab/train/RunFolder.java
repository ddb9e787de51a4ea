package dev.muonlab.train;

import dev.muonlab.io.CorruptFileException;
import dev.muonlab.io.SealedProperties;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The files of a run folder outside the checkpoint, read with validation and written atomically:
 * <pre>
 *   config.properties        the {@link TrainConfig} (sealed: {@link SealedProperties})
 *   environment.properties   the arithmetic of the last segment ({@link RunEnvironment}, sealed)
 *   metrics.csv, parameters.csv   the log ({@link TrainLog}); their first lines must equal the
 *                            checkpoint's verified copies
 *   checkpoint/              the newest checkpoint ({@link Checkpoint}, with its manifest)
 *   samples.txt, final_eval.properties   written at the end, never read back
 * </pre>
 * Why a class of its own: a resume reads and checks every one of these before it writes anything,
 * so that a resume refused for a damaged file leaves the folder byte for byte as it was; each
 * failure is one sentence naming the file and what to do ({@link RunFolderException}).
 */
final class RunFolder {

    static final String CONFIG = "config.properties";

    private RunFolder() {
    }

    /** Writes {@code config.properties} (sealed, atomically). Modified: outDir. */
    static void writeConfig(Path outDir, TrainConfig config) {
        try {
            Files.createDirectories(outDir);
            SealedProperties.write(outDir.resolve(CONFIG), config.describe(), "Muon Lab training run");
        } catch (IOException e) {
            throw new RunFolderException("cannot write " + outDir.resolve(CONFIG) + " (" + reason(e) + ").");
        }
    }

    /** @return the config in {@code outDir/config.properties}, checked against its checksum and parsed */
    static TrainConfig readConfig(Path outDir) {
        Path f = outDir.resolve(CONFIG);
        if (!Files.exists(f)) {
            throw new RunFolderException("cannot resume " + outDir + ": " + CONFIG + " is missing, so it is not a run "
                    + "folder (or the run was killed before it started); start the run again without --resume.");
        }
        String advice = Files.isRegularFile(outDir.resolve(Checkpoint.DIR).resolve(CONFIG))
                ? "copy " + Checkpoint.DIR + "/" + CONFIG + " (verified on resume) over it to resume"
                : "start the run again with a new --out";
        try {
            return TrainConfig.parse(SealedProperties.read(f));
        } catch (CorruptFileException e) {
            throw RunFolderException.cannotResume(outDir, e, advice);
        } catch (IOException e) {
            throw RunFolderException.cannotResume(outDir, new CorruptFileException(f, "cannot be read (" + reason(e) + ")"),
                    advice);
        } catch (IllegalArgumentException e) {
            throw RunFolderException.cannotResume(outDir, new CorruptFileException(f, "is not a valid run config ("
                    + e.getMessage() + ")"), advice);
        }
    }

    /** @return the environment the run was saved under, empty for a folder without one */
    static Optional<RunEnvironment> readEnvironment(Path outDir) {
        try {
            return RunEnvironment.readChecked(outDir);
        } catch (CorruptFileException e) {
            throw RunFolderException.cannotResume(outDir, e, "delete it to resume anyway (the resume then cannot tell "
                    + "whether it continues bit-identically)");
        }
    }

    /**
     * Checks {@code metrics.csv} and {@code parameters.csv} against the checkpoint's verified copies.
     *
     * @param outDir the run folder. Not modified.
     */
    static void checkLogs(Path outDir, Checkpoint cp) {
        for (String name : new String[]{TrainLog.METRICS_CSV, TrainLog.PARAMETERS_CSV}) {
            try {
                TrainLogFiles.checkBegins(outDir.resolve(name), cp.folder().resolve(name));
            } catch (CorruptFileException e) {
                throw RunFolderException.cannotResume(outDir, e, "copy " + RunFolderException.shown(outDir,
                        cp.folder().resolve(name)) + " (verified, steps 1 to " + cp.step() + ") over it to resume from step "
                        + cp.step());
            } catch (IOException e) {
                throw new RunFolderException("cannot resume " + outDir + ": " + name + " cannot be read (" + reason(e) + ").");
            }
        }
    }

    /**
     * After everything verified: saves a changed config and finishes an interrupted checkpoint save.
     *
     * @param outDir the run folder. Modified.
     */
    static void settle(Path outDir, TrainConfig config, TrainConfig saved, Checkpoint cp) {
        if (!config.equals(saved)) {
            writeConfig(outDir, config);
        }
        try {
            Checkpoint.settle(outDir, cp);
            for (String name : new String[]{CONFIG, RunEnvironment.FILE, TrainLog.METRICS_CSV, TrainLog.PARAMETERS_CSV}) {
                Files.deleteIfExists(outDir.resolve(name + ".tmp"));       // left by a crash during a write
            }
        } catch (IOException e) {
            throw new RunFolderException("cannot tidy " + outDir + " after a verified resume (" + reason(e) + ").");
        }
    }

    /**
     * The sentence for a failed write during training, naming the last good checkpoint.
     *
     * @param savedStep the step of the last checkpoint that verified, or -1 when none was written
     */
    static RunFolderException writeFailed(Path outDir, String what, int step, int savedStep, Exception e) {
        return new RunFolderException("stopped at step " + step + ": could not write " + what + " in " + outDir
                + " (" + reason(e) + "); " + (savedStep >= 0
                ? "the last good checkpoint, of step " + savedStep + ", is intact in " + Checkpoint.DIR
                + "/, so free some space and continue with --resume."
                : "no checkpoint had been written yet, so free some space and start the run again."));
    }

    /** @return the operating system's reason ("No space left on device") or the message */
    static String reason(Exception e) {
        Throwable t = e instanceof UncheckedIOException u ? u.getCause() : e;
        if (t instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return String.valueOf(t.getMessage());
    }
}
