/**
 * The fault-injection suite of issue 20: runs and result caches that survive kills, damaged files
 * and a full disk. Each test writes its counts to {@code lib/target/fault-injection/NAME.txt}
 * (faults injected, recovered, refused with a clear error, lost) and fails on any loss.
 *
 * <ul>
 *   <li>{@link dev.muonlab.faults.TrainKillTest}: a separate {@code muonlab train} JVM (tiny preset,
 *       12 steps, checkpoints every 4) killed 22 times on a seeded schedule: 16 halts at exact
 *       fault points ({@link dev.muonlab.io.FaultPoints}: half-way through a checkpoint's parameter,
 *       optimizer, log, state and manifest files, half-way through {@code metrics.csv} and
 *       {@code parameters.csv}, between the checkpoint's two renames) and 6 real SIGKILLs at seeded
 *       steps; each resumed (or restarted, where the refusal says the run had no checkpoint yet)
 *       to the uninterrupted run's bytes.</li>
 *   <li>{@link dev.muonlab.faults.RunFolderCorruptionTest}: 12 kinds of run-folder file, each
 *       truncated, zeroed, bit-flipped and deleted (48 faults): one sentence naming the file, no
 *       stack trace, the folder byte for byte unchanged; only a deleted environment.properties
 *       resumes (it only feeds the bit-identity warning).</li>
 *   <li>{@link dev.muonlab.faults.FullDiskTest}: a 600 KiB tmpfs fills during the second
 *       checkpoint; skipped, with the reason, where no filesystem can be mounted (not root).</li>
 *   <li>{@link dev.muonlab.faults.ResultStoreFaultTest}: the results store under the same kills (8)
 *       and damage (32); a result that does not verify is recomputed with a warning.</li>
 * </ul>
 *
 * <p>Measured on 2026-12-04 on the 2-core build machine while other builds ran (load average 6
 * to 8.5): 111 faults injected (22 kills of training, 48 damaged run-folder files, 1 full disk, 8
 * kills of a sweep's save, 32 damaged result files), 64 recovered, 47 refused with a clear error,
 * 0 lost. Time in {@code mvn verify -pl lib}: TrainKillTest 176 s (23 JVM start-ups of about 6 s
 * of CPU each, two at a time), ResultStoreFaultTest 25 s, RunFolderCorruptionTest 6 s,
 * FullDiskTest 6 s; about 3.5 minutes in all there, of a 4:52 run of all 424 lib tests. An idle
 * machine should take about half that.
 */
package dev.muonlab.faults;
