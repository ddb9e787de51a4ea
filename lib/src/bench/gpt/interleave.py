"""Interleaved throughput of a GPT training step (baby-cpu unless --config says otherwise): Muon Lab's Java GPT against the minimal
PyTorch GPT (torch_gpt.py), both processes started once, warmed up, then timed in alternating blocks
of steps, so that both sides see the same machine. On a shared VM whose speed drifts by ±15 % over
minutes, a ratio taken from adjacent blocks is far steadier than one from separate runs.

    /usr/bin/python3 interleave.py --lib DIR --java JAVA --flags "JVM FLAGS" --data FILE
                                   [--threads 1] [--steps 40] [--pairs 9] [--warmup 20]
                                   [--config baby-cpu] [--xmx 2g] [--python /usr/bin/python3]

Each pair runs one block on each side, the order alternating from pair to pair. Prints one line per
block, then "RESULT threads=… java_tokens_per_s=… torch_tokens_per_s=… ratio=… ratio_range=…"
(medians; the ratio is the median of the per-pair ratios Java/PyTorch) and Java's peak RSS.
Java keeps OPENBLAS_CORETYPE from the environment; PyTorch runs without it (its own choice).
"""
import argparse
import os
import re
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def field(line, name):
    match = re.search(rf"\b{name}=([0-9.]+)", line)
    if not match:
        raise RuntimeError(f"no {name}= in: {line!r}")
    return float(match.group(1))


class Side:
    """One warmed-up benchmark process that answers "N" with the timing of N more steps."""

    def __init__(self, name, cmd, env):
        self.name = name
        self.proc = subprocess.Popen(cmd, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, text=True, bufsize=1)
        self._expect_ready()

    def _expect_ready(self):
        for line in self.proc.stdout:
            if line.strip() == "ready":
                return
        raise RuntimeError(f"{self.name} side exited before warming up (exit code {self.proc.wait()})")

    def run(self, steps):
        self.proc.stdin.write(f"{steps}\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"{self.name} side exited (exit code {self.proc.wait()})")
        return line.strip()

    def close(self):
        self.proc.stdin.close()
        self.proc.wait(timeout=60)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lib", required=True, help="the kernel's class path folder (jars)")
    ap.add_argument("--java", default="java")
    ap.add_argument("--flags", default="", help="JVM flags, space-separated")
    ap.add_argument("--data", required=True, help="tinyshakespeare.txt")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--steps", type=int, default=40, help="timed steps per block")
    ap.add_argument("--pairs", type=int, default=9)
    ap.add_argument("--warmup", type=int, default=20, help="untimed steps on each side first")
    ap.add_argument("--config", default="baby-cpu", help="the GPT preset both sides train (GptConfig.preset)")
    ap.add_argument("--xmx", default="2g", help="Java's heap, which also bounds ND4J's off-heap memory")
    ap.add_argument("--python", default="/usr/bin/python3", help="a Python that has torch (Debian's by default)")
    args = ap.parse_args()

    threads = str(args.threads)
    java_env = dict(os.environ, OMP_NUM_THREADS=threads, OPENBLAS_NUM_THREADS=threads)
    # PyTorch gets neither OpenBLAS override: both were set for ND4J's 0.3.19 and slow a current build.
    torch_env = {k: v for k, v in java_env.items() if k not in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")}
    java_cmd = [args.java, *args.flags.split(), f"-Xmx{args.xmx}", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", os.path.join(args.lib, "*"), "dev.muonlab.bench.GptThroughput", args.config, "0", "adamw",
                str(args.warmup), "serve"]
    torch_cmd = [args.python, os.path.join(HERE, "torch_gpt.py"), "--threads", threads, "--config", args.config,
                 "--warmup", str(args.warmup), "--serve", "--data", args.data]
    java = Side("java", java_cmd, java_env)
    torch = Side("torch", torch_cmd, torch_env)
    java_rates, torch_rates, ratios, rss = [], [], [], 0.0
    try:
        for pair in range(1, args.pairs + 1):
            order = (java, torch) if pair % 2 else (torch, java)
            lines = {side.name: side.run(args.steps) for side in order}
            for side in order:
                print(f"threads={threads} pair={pair} {lines[side.name]}", flush=True)
            j, t = field(lines["java"], "tokens_per_s"), field(lines["torch"], "tokens_per_s")
            java_rates.append(j)
            torch_rates.append(t)
            ratios.append(j / t)
            rss = max(rss, field(lines["java"], "peak_rss_mb"))
    finally:
        java.close()
        torch.close()
    print(f"RESULT config={args.config} threads={threads} java_tokens_per_s={statistics.median(java_rates):.0f} "
          f"torch_tokens_per_s={statistics.median(torch_rates):.0f} ratio={statistics.median(ratios):.2f} "
          f"ratio_range={min(ratios):.2f}-{max(ratios):.2f} pairs={len(ratios)} steps_per_block={args.steps} "
          f"java_peak_rss_mb={rss:.0f}")


if __name__ == "__main__":
    sys.exit(main())
