"""Summarizes the baby-cpu pretraining results in data/results/pretraining/ as Markdown tables.

  /usr/bin/python3 lib/src/bench/gpt/summarize.py [data/results/pretraining]

Reads each run folder's metrics.csv (validation loss on the trainer's 20 fixed batches) and
final_eval.properties (also the full-split loss) where present, and the PyTorch reference logs
(torch-reference/*.log, from torch_gpt.py --mode train). Muon's steps to reach AdamW's final loss
are taken against the AdamW run of the same seed and against the mean AdamW final loss.
"""
import csv
import glob
import os
import re
import statistics
import sys


def metrics(run):
    with open(os.path.join(run, "metrics.csv")) as f:
        rows = [r for r in csv.DictReader(f) if r["val_loss"]]
    return [(int(r["step"]), float(r["val_loss"]), float(r["elapsed_s"])) for r in rows]


def props(path):
    out = {}
    if os.path.exists(path):
        for line in open(path):
            if "=" in line and not line.startswith("#"):
                k, v = line.strip().split("=", 1)
                out[k] = v
    return out


def first_reaching(curve, target):
    return next(((s, e) for s, v, e in curve if v <= target), (None, None))


def mean_sd(xs):
    return statistics.mean(xs), (statistics.stdev(xs) if len(xs) > 1 else 0.0)


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "data/results/pretraining"
    adamw = {}
    variants = {"muon": ("Muon", {}), "muon-moonlight": ("Muon (Moonlight)", {})}
    for run in sorted(glob.glob(os.path.join(root, "*", "metrics.csv"))):
        d = os.path.dirname(run)
        cfg = props(os.path.join(d, "config.properties"))
        seed = int(cfg["seed"])
        entry = {"dir": os.path.basename(d), "curve": metrics(d), "steps": int(cfg["steps"]),
                 "final": props(os.path.join(d, "final_eval.properties"))}
        if cfg["optimizer"] == "adamw":
            adamw[seed] = entry
        elif cfg["optimizer"] in variants:
            variants[cfg["optimizer"]][1][seed] = entry

    print("| run | steps | val loss, 20 fixed batches | val loss, whole split |")
    print("|---|---|---|---|")
    for name, runs in (("AdamW", adamw), *variants.values()):
        for seed, r in sorted(runs.items()):
            full = r["final"].get("val_loss_full_pass")
            print(f"| Java {name}, seed {seed} | {r['steps']} | {r['curve'][-1][1]:.4f} | "
                  f"{float(full):.4f} |" if full else f"| Java {name}, seed {seed} | {r['steps']} | "
                  f"{r['curve'][-1][1]:.4f} | (not measured) |")
    torch_runs = {}
    for log in sorted(glob.glob(os.path.join(root, "torch-reference", "*.log"))):
        for line in open(log):
            if line.startswith("final seed="):
                kv = dict(p.split("=", 1) for p in line.split()[1:])
                torch_runs[(kv["seed"], kv["device"])] = kv
    for (seed, device), kv in sorted(torch_runs.items(), key=lambda x: (x[0][1], int(x[0][0]))):
        if device == "cpu" and (seed, "cuda") in torch_runs:
            other = torch_runs[(seed, "cuda")]
            same = all(kv[k] == other[k] for k in ("val_fixed", "val_full", "val_nanogpt20"))
            print(f"| PyTorch {kv['torch']} seed {seed}: CPU {kv['val_fixed']} / {kv['val_full']}, "
                  f"GPU {other['val_fixed']} / {other['val_full']} | {'identical to 4 decimals' if same else 'differ'} | | |")

    if adamw:
        f = [r["curve"][-1][1] for r in adamw.values()]
        m, sd = mean_sd(f)
        print(f"\nJava AdamW final (20 fixed batches), {len(f)} seeds: mean {m:.4f} ± {sd:.4f} (sd), "
              f"range {min(f):.4f}-{max(f):.4f}")
        full = [float(r["final"]["val_loss_full_pass"]) for r in adamw.values() if r["final"]]
        if full:
            m2, sd2 = mean_sd(full)
            print(f"Java AdamW final (whole split), {len(full)} seeds: mean {m2:.4f} ± {sd2:.4f}")
    for key, label in (("val_fixed", "20 fixed batches"), ("val_full", "whole split"),
                       ("val_nanogpt20", "nanoGPT-style estimate")):
        xs = [float(kv[key]) for (s, d), kv in torch_runs.items() if d == "cuda"]
        if xs:
            m, sd = mean_sd(xs)
            print(f"PyTorch reference ({label}), {len(xs)} seeds: mean {m:.4f} ± {sd:.4f}, "
                  f"range {min(xs):.4f}-{max(xs):.4f}, ≤ 1.88 in {sum(x <= 1.88 for x in xs)}")

    curves = {}
    for log in sorted(glob.glob(os.path.join(root, "torch-reference", "cuda*.log"))):
        for line in open(log):
            m = re.match(r"seed=(\d+) step=(\d+) train_loss=\S+ val_fixed=(\S+)", line)
            if m:
                curves.setdefault(int(m.group(2)), []).append(float(m.group(3)))
    if curves and adamw:
        print("\n| step | " + " | ".join(f"Java AdamW s{s}" for s in sorted(adamw))
              + " | PyTorch AdamW, mean of seeds [min, max] |")
        print("|---|" + "---|" * len(adamw) + "---|")
        for step in (250, 500, 1000, 1500, 2000):
            java = [dict((s_, v) for s_, v, _ in adamw[s]["curve"]).get(step) for s in sorted(adamw)]
            ref = curves.get(step)
            if ref:
                print(f"| {step} | " + " | ".join(f"{v:.4f}" if v else "-" for v in java)
                      + f" | {statistics.mean(ref):.4f} [{min(ref):.4f}, {max(ref):.4f}] |")

    for name, muon in variants.values():
        if adamw and muon:
            steps_to_adamw_final(name, adamw, muon)


def steps_to_adamw_final(name, adamw, muon):
    """Prints, per seed, the steps a Muon variant needs to reach AdamW's final validation loss."""
    mean_final = statistics.mean(r["curve"][-1][1] for r in adamw.values())
    print(f"\n{name}:\n\n| seed | AdamW final val (same seed) | AdamW steps | steps to it | ratio | "
          f"steps to the mean AdamW final {mean_final:.4f} | ratio |")
    print("|---|---|---|---|---|---|---|")
    same, to_mean = [], []
    for seed in sorted(set(adamw) & set(muon)):
        a, mu = adamw[seed], muon[seed]
        target = a["curve"][-1][1]
        s1, _ = first_reaching(mu["curve"], target)
        s2, _ = first_reaching(mu["curve"], mean_final)
        r1 = s1 / a["steps"] if s1 else float("nan")
        r2 = s2 / a["steps"] if s2 else float("nan")
        same.append(r1)
        to_mean.append(r2)
        print(f"| {seed} | {target:.4f} | {a['steps']} | {s1} | {r1:.1%} | {s2} | {r2:.1%} |")
    print(f"| mean | | | | **{statistics.mean(same):.1%}** | | **{statistics.mean(to_mean):.1%}** |")


if __name__ == "__main__":
    main()
