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
 * to 8): 110 faults injected, 63 recovered, 47 refused with a clear error, 0 lost; the suite took
 * about 2.5 minutes, 112 s of it the kill test (22 JVM start-ups, two at a time).
 */
package dev.muonlab.faults;
