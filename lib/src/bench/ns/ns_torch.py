"""PyTorch reference timing for Muon Lab's NS benchmark.

Times Keller Jordan's zeropower_via_newtonschulz5 (github.com/KellerJordan/Muon, muon.py,
commit 857d1ad), run in float32 on the CPU exactly as published apart from the dtype (the
published function casts to bfloat16; the benchmark compares fp32 to fp32), and the sgemm
peak of torch's own BLAS. Prints one CSV line per measurement:
    impl,what,rows,cols,median_ms
Run with Debian's interpreter: /usr/bin/python3 ns_torch.py --threads 2 --reps 7 1024x1024 ...
"""
import argparse
import statistics
import time

import torch


def zeropower_via_newtonschulz5(G, steps=5):
    """Keller Jordan's function with the dtype as a parameter (fp32 here). G: (m, n)."""
    assert G.ndim >= 2
    a, b, c = (3.4445, -4.7750, 2.0315)
    X = G.float()
    if G.size(-2) > G.size(-1):
        X = X.mT
    X = X / (X.norm(dim=(-2, -1), keepdim=True) + 1e-7)
    for _ in range(steps):
        A = X @ X.mT
        B = b * A + c * A @ A
        X = a * X + B @ X
    if G.size(-2) > G.size(-1):
        X = X.mT
    return X


def median_ms(fn, reps, warmup=2):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(times)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", type=int, required=True)
    p.add_argument("--reps", type=int, default=7)
    p.add_argument("shapes", nargs="+")
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    print(f"# torch {torch.__version__} threads {torch.get_num_threads()}")
    n = 1024
    x = torch.randn(n, n)
    y = torch.randn(n, n)
    out = torch.empty(n, n)
    print(f"torch,sgemm,{n},{n},{median_ms(lambda: torch.mm(x, y, out=out), args.reps):.3f}", flush=True)
    for shape in args.shapes:
        r, c = (int(v) for v in shape.split("x"))
        G = torch.randn(r, c)
        ms = median_ms(lambda: zeropower_via_newtonschulz5(G, 5), args.reps)
        print(f"torch,ns5,{r},{c},{ms:.3f}", flush=True)


if __name__ == "__main__":
    main()
